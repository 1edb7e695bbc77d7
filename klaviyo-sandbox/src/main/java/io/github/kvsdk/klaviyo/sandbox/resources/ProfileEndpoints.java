package io.github.kvsdk.klaviyo.sandbox.resources;

import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiException;
import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiRequest;
import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiResponse;
import io.github.kvsdk.klaviyo.sandbox.internal.query.ListQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Profiles: create, get, list, update, import, memberships, and the subscription bulk jobs. */
final class ProfileEndpoints {
  private final Backend b;
  private final SandboxState state;

  ProfileEndpoints(Backend backend) {
    this.b = backend;
    this.state = backend.state;
  }

  void register() {
    b.on("get_profiles", r -> b.list(r, state.profiles()));
    b.on("get_profile", r -> b.get(state.profiles(), r));
    b.on("create_profile", this::create);
    b.on("update_profile", this::update);
    b.on("create_or_update_profile", this::importProfile);
    b.on("get_lists_for_profile", r -> related(r, Types.LIST, state.listsOf(b.find(state.profiles(), r).id()), false));
    b.on("get_list_ids_for_profile", r -> related(r, Types.LIST, state.listsOf(b.find(state.profiles(), r).id()), true));
    b.on("get_segments_for_profile",
        r -> related(r, Types.SEGMENT, state.segmentsOf(b.find(state.profiles(), r).id()), false));
    b.on("get_segment_ids_for_profile",
        r -> related(r, Types.SEGMENT, state.segmentsOf(b.find(state.profiles(), r).id()), true));
    b.on("merge_profiles", this::merge);
    b.on("bulk_subscribe_profiles", r -> subscription(r, true));
    b.on("bulk_unsubscribe_profiles", r -> subscription(r, false));
  }

  private ApiResponse related(ApiRequest r, String type, List<String> ids, boolean identifiersOnly) {
    ResourceTable table = state.table(type);
    List<Resource> items = new ArrayList<>();
    for (String id : ids) {
      table.get(id).ifPresent(items::add);
    }
    ListQuery.Page<Resource> page = ListQuery.run(items, r.operation(), r.query(), Backend.DEFAULT_ACCESS,
        Resource::id, Resource::sequence);
    return ApiResponse.ok(identifiersOnly ? b.api.identifiers(r, page) : b.api.collection(r, page));
  }

  private ApiResponse create(ApiRequest r) {
    Map<String, Object> data = Bodies.data(r.jsonObject(), Types.PROFILE);
    Map<String, Object> attributes = Bodies.attributes(data, "/data", Profiles.WRITABLE);
    Profiles.validate(attributes, "/data/attributes", true);
    Resource created = state.createProfile(Profiles.newAttributes(attributes, state.now()));
    return ApiResponse.created(b.api.single(r, created));
  }

  private ApiResponse update(ApiRequest r) {
    Resource profile = b.find(state.profiles(), r);
    Map<String, Object> body = r.jsonObject();
    Map<String, Object> data = Bodies.data(body, Types.PROFILE);
    Bodies.checkId(data, profile.id());
    Map<String, Object> attributes = Bodies.attributes(data, "/data", Profiles.WRITABLE);
    Profiles.validate(attributes, "/data/attributes", false);
    Map<String, Object> changes = new LinkedHashMap<>(attributes);
    changes.remove("anonymous_id");
    applyPatchProperties(Bodies.optionalObject(data.get("meta"), "/data/meta"), profile, changes);
    Resource updated = state.updateProfile(profile.id(), changes);
    return ApiResponse.ok(b.api.single(r, updated));
  }

  @SuppressWarnings("unchecked")
  private static void applyPatchProperties(Map<String, Object> meta, Resource profile, Map<String, Object> changes) {
    if (meta == null || !(meta.get("patch_properties") instanceof Map<?, ?> patch)) {
      return;
    }
    Map<String, Object> props = new LinkedHashMap<>(profile != null
        && profile.attributes().get("properties") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of());
    if (changes.get("properties") instanceof Map<?, ?> given) {
      props.putAll((Map<String, Object>) given);
    }
    if (patch.get("append") instanceof Map<?, ?> append) {
      append.forEach((k, v) -> {
        List<Object> list = props.get(k) instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
        list.add(v);
        props.put((String) k, list);
      });
    }
    if (patch.get("unappend") instanceof Map<?, ?> unappend) {
      unappend.forEach((k, v) -> {
        if (props.get(k) instanceof List<?> l) {
          List<Object> list = new ArrayList<>(l);
          list.remove(v);
          props.put((String) k, list);
        }
      });
    }
    Object unset = patch.get("unset");
    if (unset instanceof String s) {
      props.remove(s);
    } else if (unset instanceof List<?> names) {
      names.forEach(props::remove);
    }
    changes.put("properties", props);
    changes.put(SandboxState.REPLACE_PROPERTIES, Boolean.TRUE);
  }

  /**
   * Creates or updates by identifier. {@code _kx} (Klaviyo's encrypted web identifier) is accepted as the
   * spec declares it, but the sandbox cannot decode it, so it identifies nobody and is not stored.
   * {@code meta.patch_properties} is applied as on update.
   */
  private ApiResponse importProfile(ApiRequest r) {
    Map<String, Object> data = Bodies.data(r.jsonObject(), Types.PROFILE);
    Map<String, Object> attributes = new LinkedHashMap<>(Bodies.attributes(data, "/data", IMPORTABLE));
    attributes.remove("_kx");
    Profiles.validate(attributes, "/data/attributes", data.get("id") == null);
    Map<String, Object> meta = Bodies.optionalObject(data.get("meta"), "/data/meta");
    String id = data.get("id") instanceof String s ? s : state.findProfileId((String) attributes.get("email"),
        (String) attributes.get("phone_number"), (String) attributes.get("external_id"));
    if (id != null && state.profiles().contains(id)) {
      Map<String, Object> changes = new LinkedHashMap<>(attributes);
      changes.remove("anonymous_id");
      applyPatchProperties(meta, state.profiles().get(id).orElseThrow(), changes);
      return ApiResponse.ok(b.api.single(r, state.updateProfile(id, changes)));
    }
    Map<String, Object> given = new LinkedHashMap<>(attributes);
    applyPatchProperties(meta, null, given);
    given.remove(SandboxState.REPLACE_PROPERTIES);
    Resource created = state.createProfile(Profiles.newAttributes(given, state.now()));
    return ApiResponse.created(b.api.single(r, created));
  }

  /**
   * Creates or updates the profile of a resource object ({@code type}, optional {@code id},
   * {@code attributes}, {@code meta.patch_properties}) as {@code create_or_update_profile} does: by id, else
   * by email, phone number or external id. Used by the client API's writes, which name a profile this way.
   */
  Resource upsert(Map<String, Object> data, String pointer) {
    if (!Types.PROFILE.equals(data.get("type"))) {
      throw ApiException.invalidBody(pointer + "/type", "'type' must be 'profile'.");
    }
    Map<String, Object> attributes = data.get("attributes") == null ? new LinkedHashMap<>()
        : new LinkedHashMap<>(Bodies.attributes(data, pointer, null));
    Map<String, Object> meta = Bodies.optionalObject(
        data.get("meta") != null ? data.get("meta") : attributes.get("meta"), pointer + "/meta");
    attributes.keySet().retainAll(Profiles.WRITABLE);
    Profiles.validate(attributes, pointer + "/attributes", data.get("id") == null);
    String id = data.get("id") instanceof String s ? s : state.findProfileId((String) attributes.get("email"),
        (String) attributes.get("phone_number"), (String) attributes.get("external_id"));
    if (id != null && state.profiles().contains(id)) {
      Map<String, Object> changes = new LinkedHashMap<>(attributes);
      changes.remove("anonymous_id");
      applyPatchProperties(meta, state.profiles().get(id).orElseThrow(), changes);
      return state.updateProfile(id, changes);
    }
    if (id != null) {
      throw ApiException.notFound("A profile with id " + id + " does not exist.");
    }
    Map<String, Object> given = new LinkedHashMap<>(attributes);
    applyPatchProperties(meta, null, given);
    given.remove(SandboxState.REPLACE_PROPERTIES);
    return state.createProfile(Profiles.newAttributes(given, state.now()));
  }

  private static final java.util.Set<String> IMPORTABLE = importable();

  private static java.util.Set<String> importable() {
    java.util.Set<String> names = new java.util.HashSet<>(Profiles.WRITABLE);
    names.add("_kx");
    return java.util.Set.copyOf(names);
  }

  /**
   * Merges the profiles of {@code data.relationships.profiles} into the one named by {@code data.id}: the
   * destination keeps its own values and takes the sources' values where it has none (custom properties
   * likewise), joins the sources' lists, and the sources are deleted.
   */
  @SuppressWarnings("unchecked")
  private ApiResponse merge(ApiRequest r) {
    Map<String, Object> data = Bodies.data(r.jsonObject(), "profile-merge");
    String destinationId = Bodies.requiredString(data, "id", "/data");
    Resource destination = state.profiles().get(destinationId).orElseThrow(() -> ApiException.notFound(
        "A profile with id " + destinationId + " does not exist."));
    Map<String, Object> rels = Bodies.object(data.get("relationships"), "/data/relationships");
    List<Object> sources = Bodies.array(Bodies.object(rels.get("profiles"), "/data/relationships/profiles")
        .get("data"), "/data/relationships/profiles/data");
    List<Resource> merged = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      String pointer = "/data/relationships/profiles/data/" + i;
      String sourceId = Bodies.requiredString(Bodies.object(sources.get(i), pointer), "id", pointer);
      if (sourceId.equals(destinationId)) {
        throw ApiException.invalidBody(pointer + "/id", "A profile cannot be merged into itself.");
      }
      merged.add(state.profiles().get(sourceId).orElseThrow(() -> ApiException.notFound(
          "A profile with id " + sourceId + " does not exist.")));
    }
    for (Resource source : merged) {
      Map<String, Object> changes = new LinkedHashMap<>();
      Map<String, Object> current = destination.attributes();
      Map<String, Object> properties = new LinkedHashMap<>(source.attributes().get("properties") instanceof Map<?, ?> p
          ? (Map<String, Object>) p : Map.of());
      if (current.get("properties") instanceof Map<?, ?> own) {
        properties.putAll((Map<String, Object>) own);
      }
      List<String> lists = state.listsOf(source.id());
      state.delete(Types.PROFILE, source.id());
      for (String name : new String[] {"email", "phone_number", "external_id", "first_name", "last_name",
          "organization", "locale", "title", "image"}) {
        if (current.get(name) == null && source.attributes().get(name) != null) {
          changes.put(name, source.attributes().get(name));
        }
      }
      changes.put("properties", properties);
      changes.put(SandboxState.REPLACE_PROPERTIES, Boolean.TRUE);
      state.updateProfile(destinationId, changes);
      for (String listId : lists) {
        state.addToList(listId, List.of(destinationId));
      }
    }
    return ApiResponse.created(b.api.single(r, destination));
  }

  /** Subscribe or unsubscribe; applied synchronously, answered 202 like Klaviyo's asynchronous job. */
  private ApiResponse subscription(ApiRequest r, boolean subscribe) {
    String jobType = subscribe ? "profile-subscription-bulk-create-job" : "profile-subscription-bulk-delete-job";
    Map<String, Object> data = Bodies.data(r.jsonObject(), jobType);
    Map<String, Object> attributes = Bodies.attributes(data, "/data", null);
    Map<String, Object> profiles = Bodies.object(attributes.get("profiles"), "/data/attributes/profiles");
    List<Object> items = Bodies.array(profiles.get("data"), "/data/attributes/profiles/data");
    if (items.isEmpty()) {
      throw ApiException.invalidBody("/data/attributes/profiles/data", "At least one profile is required.");
    }
    String listId = null;
    Map<String, Object> rels = Bodies.optionalObject(data.get("relationships"), "/data/relationships");
    if (rels != null && rels.get("list") != null) {
      Map<String, Object> list = Bodies.object(Bodies.object(rels.get("list"), "/data/relationships/list").get("data"),
          "/data/relationships/list/data");
      listId = Bodies.requiredString(list, "id", "/data/relationships/list/data");
      if (!state.lists().contains(listId)) {
        throw ApiException.notFound("A list with id " + listId + " does not exist.");
      }
    }
    // Validate everything before changing anything.
    List<Map<String, Object>> parsed = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String pointer = "/data/attributes/profiles/data/" + i;
      Map<String, Object> p = Bodies.object(items.get(i), pointer);
      if (!Types.PROFILE.equals(p.get("type"))) {
        throw ApiException.invalidBody(pointer + "/type", "'type' must be 'profile'.");
      }
      Map<String, Object> pa = Bodies.attributes(p, pointer, null);
      Profiles.validate(pa, pointer + "/attributes", false);
      if (pa.get("email") == null && pa.get("phone_number") == null) {
        throw ApiException.invalidBody(pointer + "/attributes", "Each profile needs an 'email' or a 'phone_number'.");
      }
      parsed.add(pa);
    }
    Instant now = state.now();
    List<String> touched = new ArrayList<>();
    for (Map<String, Object> pa : parsed) {
      String email = (String) pa.get("email");
      String phone = (String) pa.get("phone_number");
      String id = state.findProfileId(email, phone, null);
      Resource profile;
      if (id == null) {
        if (!subscribe) {
          continue; // Unsubscribing an unknown profile is a no-op.
        }
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("email", email);
        given.put("phone_number", phone);
        profile = state.createProfile(Profiles.newAttributes(given, now));
      } else {
        profile = state.profiles().get(id).orElseThrow();
      }
      Object subs = profile.attributes().get("subscriptions");
      String consent = subscribe ? "SUBSCRIBED" : "UNSUBSCRIBED";
      if (email != null && wants(pa, "email", subscribe)) {
        subs = Profiles.withConsent(subs, "email", consent, now);
      }
      if (phone != null && wants(pa, "sms", subscribe)) {
        subs = Profiles.withConsent(subs, "sms", consent, now);
      }
      state.updateProfile(profile.id(), Map.of("subscriptions", subs));
      touched.add(profile.id());
    }
    if (listId != null) {
      if (subscribe) {
        state.addToList(listId, touched);
      } else {
        state.removeFromList(listId, touched);
      }
    }
    return ApiResponse.accepted();
  }

  /** Whether the request asks to change {@code channel}; without a subscriptions object, every given channel. */
  private static boolean wants(Map<String, Object> attributes, String channel, boolean subscribe) {
    if (!(attributes.get("subscriptions") instanceof Map<?, ?> subs)) {
      return true;
    }
    return Optional.ofNullable(subs.get(channel)).isPresent();
  }
}
