package io.github.kvsdk.klaviyo.sandbox.resources;

import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sandbox's in-memory account: every stored object, list memberships and the uniqueness indexes.
 *
 * <p>Reads are lock-free; writes that must keep invariants (unique profile identifiers, memberships) are
 * serialised on one lock. Timestamps are server-side and truncated to whole seconds, like Klaviyo's.
 */
public final class SandboxState {
  private final Clock clock;
  private final Ids ids;
  private final Map<String, ResourceTable> tables = new LinkedHashMap<>();
  /** Tables of the resource types served by the spec-driven endpoints, made on first use. */
  private final Map<String, ResourceTable> otherTables = new ConcurrentHashMap<>();
  /** listId -> (profileId -> joined_group_at). */
  private final Map<String, Map<String, Instant>> listMembers = new ConcurrentHashMap<>();
  /** segmentId -> profileIds (segments are not evaluated; members are set through this API). */
  private final Map<String, Set<String>> segmentMembers = new ConcurrentHashMap<>();
  /** Joins and leaves of segment members, for the segment reports. */
  private final List<SegmentChange> segmentChanges = new ArrayList<>();
  private final Map<String, String> profileByEmail = new ConcurrentHashMap<>();
  private final Map<String, String> profileByPhone = new ConcurrentHashMap<>();
  private final Map<String, String> profileByExternalId = new ConcurrentHashMap<>();
  private final Object writeLock = new Object();
  /** A change-map flag: replace {@code properties} as a whole instead of merging key by key. */
  static final String REPLACE_PROPERTIES = "$replace_properties";

  /**
   * Empty state: no account, no objects.
   *
   * @param clock the clock timestamps are read from
   * @param randomSeed the random seed of generated ids; 0 uses a secure random source
   */
  public SandboxState(Clock clock, long randomSeed) {
    this.clock = clock;
    this.ids = new Ids(randomSeed);
    for (String type : List.of(Types.ACCOUNT, Types.PROFILE, Types.LIST, Types.SEGMENT, Types.EVENT, Types.METRIC,
        Types.CAMPAIGN, Types.CAMPAIGN_MESSAGE, Types.TEMPLATE, Types.IMAGE, Types.FLOW, Types.FORM, Types.REVIEW)) {
      tables.put(type, new ResourceTable(type));
    }
  }

  /**
   * {@return the current server time, truncated to seconds}
   */
  public Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  /**
   * The table of {@code type}; throws for an unknown type.
   *
   * @param type the resource type, such as {@code profile}
   * @return the table
   */
  public ResourceTable table(String type) {
    ResourceTable t = tables.get(type);
    if (t == null) {
      t = otherTables.get(type);
    }
    if (t == null) {
      throw new IllegalArgumentException("Unknown resource type " + type);
    }
    return t;
  }

  /** Whether {@code type} is one of the emulated types with hand-written behaviour. */
  boolean isEmulated(String type) {
    return tables.containsKey(type);
  }

  /** The table of {@code type}, made empty on first use for types without a table of their own. */
  ResourceTable tableOf(String type) {
    ResourceTable t = tables.get(type);
    return t != null ? t : otherTables.computeIfAbsent(type, ResourceTable::new);
  }

  /**
   * {@return all tables: the emulated types first, then every other type that has been used}
   */
  public Collection<ResourceTable> tables() {
    List<ResourceTable> all = new ArrayList<>(tables.values());
    otherTables.keySet().stream().sorted().forEach(type -> all.add(otherTables.get(type)));
    return all;
  }

  /** {@return the stored accounts: the one account of the sandbox} */
  public ResourceTable accounts() {
    return table(Types.ACCOUNT);
  }

  /** {@return the stored profiles} */
  public ResourceTable profiles() {
    return table(Types.PROFILE);
  }

  /** {@return the stored lists} */
  public ResourceTable lists() {
    return table(Types.LIST);
  }

  /** {@return the stored segments} */
  public ResourceTable segments() {
    return table(Types.SEGMENT);
  }

  /** {@return the stored events} */
  public ResourceTable events() {
    return table(Types.EVENT);
  }

  /** {@return the stored metrics} */
  public ResourceTable metrics() {
    return table(Types.METRIC);
  }

  /** {@return the stored campaigns} */
  public ResourceTable campaigns() {
    return table(Types.CAMPAIGN);
  }

  /** {@return the stored campaign messages} */
  public ResourceTable campaignMessages() {
    return table(Types.CAMPAIGN_MESSAGE);
  }

  /** {@return the stored templates} */
  public ResourceTable templates() {
    return table(Types.TEMPLATE);
  }

  /** {@return the stored images} */
  public ResourceTable images() {
    return table(Types.IMAGE);
  }

  /** {@return the stored flows} */
  public ResourceTable flows() {
    return table(Types.FLOW);
  }

  /** {@return the stored sign-up forms} */
  public ResourceTable forms() {
    return table(Types.FORM);
  }

  /** {@return the stored reviews} */
  public ResourceTable reviews() {
    return table(Types.REVIEW);
  }

  /**
   * The profile ids on list {@code listId} (empty for an unknown list).
   *
   * @param listId the list's id
   * @return the ids of the list's members
   */
  public Set<String> listMembers(String listId) {
    Map<String, Instant> m = listMembers.get(listId);
    return m == null ? Set.of() : Set.copyOf(m.keySet());
  }

  /**
   * When {@code profileId} joined {@code listId}, or null.
   *
   * @param listId the list's id
   * @param profileId the profile's id
   * @return when the profile joined the list, or null
   */
  public Instant joinedAt(String listId, String profileId) {
    Map<String, Instant> m = listMembers.get(listId);
    return m == null ? null : m.get(profileId);
  }

  /**
   * The ids of the lists {@code profileId} is on.
   *
   * @param profileId the profile's id
   * @return the ids of the profile's lists
   */
  public List<String> listsOf(String profileId) {
    List<String> out = new ArrayList<>();
    for (Resource list : lists().all()) {
      Map<String, Instant> m = listMembers.get(list.id());
      if (m != null && m.containsKey(profileId)) {
        out.add(list.id());
      }
    }
    return out;
  }

  /**
   * The profile ids in segment {@code segmentId}.
   *
   * @param segmentId the segment's id
   * @return the ids of the segment's members
   */
  public Set<String> segmentMembers(String segmentId) {
    Set<String> m = segmentMembers.get(segmentId);
    return m == null ? Set.of() : Set.copyOf(m);
  }

  /**
   * Makes {@code profileIds} the members of segment {@code segmentId} (segments are not evaluated by the
   * sandbox); each profile that joins or leaves is logged at the current time for the segment reports.
   *
   * @param segmentId the segment's id
   * @param profileIds the profiles' ids
   */
  public void setSegmentMembers(String segmentId, Collection<String> profileIds) {
    synchronized (writeLock) {
      Set<String> before = segmentMembers(segmentId);
      Set<String> after = ConcurrentHashMap.newKeySet();
      after.addAll(profileIds);
      Instant now = now();
      for (String id : after) {
        if (!before.contains(id)) {
          segmentChanges.add(new SegmentChange(segmentId, id, now, true));
        }
      }
      for (String id : before) {
        if (!after.contains(id)) {
          segmentChanges.add(new SegmentChange(segmentId, id, now, false));
        }
      }
      segmentMembers.put(segmentId, after);
    }
  }

  /** A profile joining ({@code added}) or leaving a segment at {@code at}. */
  record SegmentChange(String segmentId, String profileId, Instant at, boolean added) {}

  /** Every segment membership change so far, oldest first. */
  List<SegmentChange> segmentChanges() {
    synchronized (writeLock) {
      return List.copyOf(segmentChanges);
    }
  }

  /**
   * The ids of the segments {@code profileId} is in.
   *
   * @param profileId the profile's id
   * @return the ids of the profile's segments
   */
  public List<String> segmentsOf(String profileId) {
    List<String> out = new ArrayList<>();
    for (Resource segment : segments().all()) {
      Set<String> m = segmentMembers.get(segment.id());
      if (m != null && m.contains(profileId)) {
        out.add(segment.id());
      }
    }
    return out;
  }

  /**
   * The id of the profile with this email, phone number or external id (in that order), or null.
   *
   * @param email an email address, or null
   * @param phoneNumber a phone number, or null
   * @param externalId an external id, or null
   * @return the profile's id, or null if none matches
   */
  public String findProfileId(String email, String phoneNumber, String externalId) {
    String id = email == null ? null : profileByEmail.get(normaliseEmail(email));
    if (id == null && phoneNumber != null) {
      id = profileByPhone.get(phoneNumber);
    }
    if (id == null && externalId != null) {
      id = profileByExternalId.get(externalId);
    }
    return id;
  }

  /**
   * Stores a new object of {@code type} with a fresh Klaviyo-format id. Missing timestamps are set to now
   * (second precision). For profiles prefer {@link #createProfile}, which enforces unique identifiers.
   *
   * @param type the resource type, such as {@code profile}
   * @param attributes the object's attributes
   * @param relationships the related ids, by relationship name
   * @return the stored object
   */
  public Resource insert(String type, Map<String, Object> attributes, Map<String, List<String>> relationships) {
    synchronized (writeLock) {
      ResourceTable table = table(type);
      Instant created = firstInstant(attributes, "created", "created_at", "datetime", "updated_at");
      String id;
      do {
        id = newId(type, created == null ? clock.millis() : created.toEpochMilli());
      } while (table.contains(id));
      return table.insert(id, attributes, relationships);
    }
  }

  /** Stores a new object of {@code type} under the caller's {@code id}; a 409 when that id is taken. */
  Resource insertWithId(String type, String id, Map<String, Object> attributes,
      Map<String, List<String>> relationships) {
    synchronized (writeLock) {
      ResourceTable table = tableOf(type);
      if (table.contains(id)) {
        throw ApiException.conflict("A " + type + " with id " + id + " already exists.");
      }
      return table.insert(id, attributes, relationships);
    }
  }

  /** Stores a new object of any type (made on first use) with a fresh id. */
  Resource insertAny(String type, Map<String, Object> attributes, Map<String, List<String>> relationships) {
    tableOf(type);
    return insert(type, attributes, relationships);
  }

  /** A fresh id for an object the sandbox does not store (such as a report). */
  String newOtherId() {
    return ids.base62(6);
  }

  /**
   * Creates a profile, enforcing unique email, phone number and external id (409 carrying the duplicate's id).
   *
   * @param attributes the object's attributes
   * @return the stored profile
   */
  public Resource createProfile(Map<String, Object> attributes) {
    synchronized (writeLock) {
      checkUnique(null, attributes);
      Map<String, Object> a = new LinkedHashMap<>(attributes);
      Instant now = now();
      a.putIfAbsent("created", now);
      a.putIfAbsent("updated", a.get("created"));
      Resource r = insert(Types.PROFILE, a, Map.of());
      index(r.id(), null, r.attributes());
      return r;
    }
  }

  /**
   * Applies {@code changes} (attribute name to new value; {@code properties} merged key by key) to profile
   * {@code id}, keeping the identifier indexes; bumps {@code updated} when something changed.
   *
   * @param id the object's id
   * @param changes the attributes to change; others are kept
   * @return the updated profile
   */
  @SuppressWarnings("unchecked")
  public Resource updateProfile(String id, Map<String, Object> changes) {
    synchronized (writeLock) {
      Resource r = profiles().find(id);
      if (r == null) {
        throw ApiException.notFound("A profile with id " + id + " does not exist.");
      }
      checkUnique(id, changes);
      Map<String, Object> before = r.attributes();
      Map<String, Object> next = new LinkedHashMap<>(before);
      boolean replaceProperties = Boolean.TRUE.equals(changes.get(REPLACE_PROPERTIES));
      for (Map.Entry<String, Object> e : changes.entrySet()) {
        if (e.getKey().equals(REPLACE_PROPERTIES)) {
          continue;
        }
        if (e.getKey().equals("properties") && e.getValue() instanceof Map<?, ?> props && !replaceProperties) {
          Map<String, Object> merged = before.get("properties") instanceof Map<?, ?> old
              ? new LinkedHashMap<>((Map<String, Object>) old) : new LinkedHashMap<>();
          merged.putAll((Map<String, Object>) props);
          next.put("properties", merged);
        } else if (e.getKey().equals("location") && e.getValue() instanceof Map<?, ?> loc) {
          Map<String, Object> merged = before.get("location") instanceof Map<?, ?> old
              ? new LinkedHashMap<>((Map<String, Object>) old) : new LinkedHashMap<>();
          merged.putAll((Map<String, Object>) loc);
          next.put("location", merged);
        } else {
          next.put(e.getKey(), e.getValue());
        }
      }
      if (!next.equals(before)) {
        next.put("updated", now());
        table(r.type()).replaceAttributes(r, next);
        index(id, before, next);
      }
      return r;
    }
  }

  /**
   * Replaces attributes of any object; sets {@code updatedField} (if non-null) to now when something changed.
   *
   * @param type the resource type, such as {@code profile}
   * @param id the object's id
   * @param changes the attributes to change; others are kept
   * @param updatedField the timestamp attribute to set to now when something changed, or null
   * @return the updated object
   */
  public Resource update(String type, String id, Map<String, Object> changes, String updatedField) {
    synchronized (writeLock) {
      Resource r = table(type).find(id);
      if (r == null) {
        throw ApiException.notFound("A " + type + " with id " + id + " does not exist.");
      }
      Map<String, Object> next = new LinkedHashMap<>(r.attributes());
      next.putAll(changes);
      if (!next.equals(r.attributes())) {
        if (updatedField != null) {
          next.put(updatedField, now());
        }
        table(r.type()).replaceAttributes(r, next);
      }
      return r;
    }
  }

  /**
   * Sets an object's attributes to exactly {@code attributes} (used by the mutation driver and the sample data generator).
   *
   * @param r the stored object
   * @param attributes the object's attributes
   */
  public void replace(Resource r, Map<String, Object> attributes) {
    synchronized (writeLock) {
      Map<String, Object> before = r.attributes();
      table(r.type()).replaceAttributes(r, attributes);
      if (r.type().equals(Types.PROFILE)) {
        index(r.id(), before, r.attributes());
      }
    }
  }

  /**
   * Replaces an object's relationship ids.
   *
   * @param r the stored object
   * @param relationships the related ids, by relationship name
   */
  public void relate(Resource r, Map<String, List<String>> relationships) {
    synchronized (writeLock) {
      r.replaceRelationships(relationships);
    }
  }

  /**
   * Deletes an object; returns whether it existed. Deleting a list drops its memberships.
   *
   * @param type the resource type, such as {@code profile}
   * @param id the object's id
   * @return true if the object existed
   */
  public boolean delete(String type, String id) {
    synchronized (writeLock) {
      Resource removed = table(type).remove(id);
      if (removed == null) {
        return false;
      }
      if (type.equals(Types.LIST)) {
        listMembers.remove(id);
      } else if (type.equals(Types.SEGMENT)) {
        segmentMembers.remove(id);
      } else if (type.equals(Types.PROFILE)) {
        index(id, removed.attributes(), Map.of());
        listMembers.values().forEach(m -> m.remove(id));
      } else if (type.equals(Types.CAMPAIGN)) {
        for (String messageId : removed.related("campaign-messages")) {
          campaignMessages().remove(messageId);
        }
      }
      return true;
    }
  }

  /**
   * Adds profiles to a list (joining now); already-present members keep their join time.
   *
   * @param listId the list's id
   * @param profileIds the profiles' ids
   */
  public void addToList(String listId, Collection<String> profileIds) {
    synchronized (writeLock) {
      Instant now = now();
      Map<String, Instant> m = listMembers.computeIfAbsent(listId, k -> new ConcurrentHashMap<>());
      for (String p : profileIds) {
        m.putIfAbsent(p, now);
      }
    }
  }

  /**
   * Removes profiles from a list.
   *
   * @param listId the list's id
   * @param profileIds the profiles' ids
   */
  public void removeFromList(String listId, Collection<String> profileIds) {
    synchronized (writeLock) {
      Map<String, Instant> m = listMembers.get(listId);
      if (m != null) {
        profileIds.forEach(m::remove);
      }
    }
  }

  private void checkUnique(String selfId, Map<String, Object> attributes) {
    String[] fields = {"email", "phone_number", "external_id"};
    List<Map<String, String>> indexes = List.of(profileByEmail, profileByPhone, profileByExternalId);
    for (int i = 0; i < fields.length; i++) {
      Object v = attributes.get(fields[i]);
      if (v == null) {
        continue;
      }
      String key = i == 0 ? normaliseEmail(v.toString()) : v.toString();
      String existing = indexes.get(i).get(key);
      if (existing != null && !existing.equals(selfId)) {
        throw ApiException.duplicate("A profile already exists with one of these identifiers.",
            Map.of("duplicate_profile_id", existing));
      }
    }
  }

  private void index(String id, Map<String, Object> before, Map<String, Object> after) {
    String[] fields = {"email", "phone_number", "external_id"};
    List<Map<String, String>> indexes = List.of(profileByEmail, profileByPhone, profileByExternalId);
    for (int i = 0; i < fields.length; i++) {
      Object old = before == null ? null : before.get(fields[i]);
      Object now = after.get(fields[i]);
      if (Objects.equals(old, now)) {
        continue;
      }
      if (old != null) {
        indexes.get(i).remove(i == 0 ? normaliseEmail(old.toString()) : old.toString(), id);
      }
      if (now != null) {
        indexes.get(i).put(i == 0 ? normaliseEmail(now.toString()) : now.toString(), id);
      }
    }
  }

  private static String normaliseEmail(String email) {
    return email.trim().toLowerCase(java.util.Locale.ROOT);
  }

  private String newId(String type, long epochMillis) {
    return switch (type) {
      case Types.PROFILE, Types.CAMPAIGN, Types.CAMPAIGN_MESSAGE -> ids.ulid(epochMillis);
      case Types.EVENT -> ids.base62(11);
      case Types.IMAGE -> ids.numeric();
      default -> ids.base62(6);
    };
  }

  private static Instant firstInstant(Map<String, Object> attributes, String... names) {
    for (String n : names) {
      if (attributes.get(n) instanceof Instant i) {
        return i;
      }
    }
    return null;
  }

  /** Removes every object and membership. */
  public void clear() {
    synchronized (writeLock) {
      tables.values().forEach(ResourceTable::clear);
      otherTables.values().forEach(ResourceTable::clear);
      listMembers.clear();
      segmentMembers.clear();
      segmentChanges.clear();
      profileByEmail.clear();
      profileByPhone.clear();
      profileByExternalId.clear();
    }
  }
}
