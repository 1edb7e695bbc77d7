package io.github.kvsdk.klaviyo.sandbox.resources;

import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiException;
import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiRequest;
import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiResponse;
import io.github.kvsdk.klaviyo.sandbox.internal.json.Timestamps;
import io.github.kvsdk.klaviyo.sandbox.internal.query.FieldAccess;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Events (create, bulk create, get, list) and metrics (get, list), with metrics created by name. */
final class EventEndpoints {
  private static final Set<String> EVENT_ATTRIBUTES =
      Set.of("properties", "time", "value", "value_currency", "unique_id", "metric", "profile");

  private final Backend b;
  private final SandboxState state;
  private final Object metricLock = new Object();
  /** metricId|profileId|unique_id of stored events, for Klaviyo's de-duplication. */
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  EventEndpoints(Backend backend) {
    this.b = backend;
    this.state = backend.state;
  }

  void register() {
    FieldAccess<Resource> access = (e, field) -> switch (field) {
      case "metric_id" -> first(e.related("metric"));
      case "profile_id", "profile" -> first(e.related("profile"));
      default -> Backend.DEFAULT_ACCESS.get(e, field);
    };
    b.on("get_events", r -> b.list(r, state.events(), access));
    b.on("get_event", r -> b.get(state.events(), r));
    b.on("create_event", this::create);
    b.on("bulk_create_events", this::bulkCreate);
    // The client API (authenticated by the account's public key) records events exactly as the server API.
    b.on("create_client_event", this::create);
    b.on("bulk_create_client_events", this::clientBulkCreate);
    b.on("get_metric_for_event", r -> related(r, Types.METRIC, "metric", false));
    b.on("get_metric_id_for_event", r -> related(r, Types.METRIC, "metric", true));
    b.on("get_profile_for_event", r -> related(r, Types.PROFILE, "profile", false));
    b.on("get_profile_id_for_event", r -> related(r, Types.PROFILE, "profile", true));
    b.on("get_metrics", r -> b.list(r, state.metrics()));
    b.on("get_metric", r -> b.get(state.metrics(), r));
  }

  private static String first(List<String> ids) {
    return ids.isEmpty() ? null : ids.get(0);
  }

  private ApiResponse related(ApiRequest r, String type, String relationship, boolean identifierOnly) {
    Resource event = b.find(state.events(), r);
    String id = first(event.related(relationship));
    Resource target = id == null ? null : state.table(type).get(id).orElse(null);
    if (target == null) {
      throw ApiException.notFound("The " + relationship + " of event " + event.id() + " does not exist.");
    }
    if (identifierOnly) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("data", JsonApi.identifier(type, target.id()));
      return ApiResponse.ok(doc);
    }
    return ApiResponse.ok(b.api.single(r, target));
  }

  private ApiResponse create(ApiRequest r) {
    Map<String, Object> data = Bodies.data(r.jsonObject(), Types.EVENT);
    Map<String, Object> attributes = Bodies.attributes(data, "/data", EVENT_ATTRIBUTES);
    PendingEvent pending = parseEvent(attributes, "/data/attributes", null);
    store(pending, resolveProfile(pending.profile, pending.profileId, "/data/attributes/profile/data"));
    return ApiResponse.accepted();
  }

  private ApiResponse bulkCreate(ApiRequest r) {
    Map<String, Object> data = Bodies.data(r.jsonObject(), "event-bulk-create-job");
    Map<String, Object> attributes = Bodies.attributes(data, "/data", Set.of("events-bulk-create"));
    String base = "/data/attributes/events-bulk-create";
    Map<String, Object> bulk = Bodies.object(attributes.get("events-bulk-create"), base);
    List<Object> items = Bodies.array(bulk.get("data"), base + "/data");
    if (items.isEmpty() || items.size() > 1000) {
      throw ApiException.invalidBody(base + "/data", "Between 1 and 1000 profiles' events are allowed per job.");
    }
    List<Group> groups = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      groups.add(group(Bodies.object(items.get(i), base + "/data/" + i), base + "/data/" + i));
    }
    for (Group g : groups) {
      store(g);
    }
    return ApiResponse.accepted();
  }

  /** {@code /client/event-bulk-create}: one profile's events, as one item of the server's bulk job. */
  private ApiResponse clientBulkCreate(ApiRequest r) {
    store(group(Bodies.object(r.jsonObject().get("data"), "/data"), "/data"));
    return ApiResponse.accepted();
  }

  private record Group(Map<String, Object> profile, String profileId, List<PendingEvent> events, String pointer) {}

  /** Parses one {@code event-bulk-create} object: a profile and its events. */
  private Group group(Map<String, Object> item, String pointer) {
    if (!"event-bulk-create".equals(item.get("type"))) {
      throw ApiException.invalidBody(pointer + "/type", "'type' must be 'event-bulk-create'.");
    }
    Map<String, Object> a = Bodies.attributes(item, pointer, Set.of("profile", "events"));
    Map<String, Object> profileData = Bodies.object(
        Bodies.object(a.get("profile"), pointer + "/attributes/profile").get("data"),
        pointer + "/attributes/profile/data");
    Map<String, Object> profileAttributes = profileAttributes(profileData, pointer + "/attributes/profile/data");
    List<Object> events = Bodies.array(
        Bodies.object(a.get("events"), pointer + "/attributes/events").get("data"), pointer + "/attributes/events/data");
    List<PendingEvent> parsed = new ArrayList<>();
    for (int j = 0; j < events.size(); j++) {
      String ep = pointer + "/attributes/events/data/" + j;
      Map<String, Object> event = Bodies.object(events.get(j), ep);
      if (!Types.EVENT.equals(event.get("type"))) {
        throw ApiException.invalidBody(ep + "/type", "'type' must be 'event'.");
      }
      parsed.add(parseEvent(Bodies.attributes(event, ep, EVENT_ATTRIBUTES), ep + "/attributes", profileAttributes));
    }
    return new Group(profileAttributes, (String) profileData.get("id"), parsed, pointer);
  }

  private void store(Group g) {
    Resource profile = resolveProfile(g.profile(), g.profileId(), g.pointer() + "/attributes/profile/data");
    for (PendingEvent e : g.events()) {
      store(e, profile);
    }
  }

  private record PendingEvent(String metricName, Map<String, Object> properties, Instant time, Object value,
      String currency, String uniqueId, Map<String, Object> profile, String profileId) {}

  private PendingEvent parseEvent(Map<String, Object> attributes, String pointer, Map<String, Object> profile) {
    Object propsValue = attributes.get("properties");
    if (propsValue == null) {
      throw ApiException.invalidBody(pointer + "/properties", "'properties' is a required field.");
    }
    Map<String, Object> properties = Bodies.object(propsValue, pointer + "/properties");
    Map<String, Object> metricData = Bodies.object(
        Bodies.object(attributes.get("metric"), pointer + "/metric").get("data"), pointer + "/metric/data");
    if (!Types.METRIC.equals(metricData.get("type"))) {
      throw ApiException.invalidBody(pointer + "/metric/data/type", "'type' must be 'metric'.");
    }
    Map<String, Object> metricAttributes =
        Bodies.attributes(metricData, pointer + "/metric/data", Set.of("name", "service"));
    String metricName = Bodies.requiredString(metricAttributes, "name", pointer + "/metric/data/attributes");
    Instant time = null;
    String timeText = Bodies.optionalString(attributes, "time", pointer);
    if (timeText != null) {
      time = Timestamps.parseOrNull(timeText);
      if (time == null) {
        throw ApiException.invalidBody(pointer + "/time", "'time' must be an ISO-8601 date-time.");
      }
    }
    Object value = attributes.get("value");
    if (value != null && !(value instanceof Number)) {
      throw ApiException.invalidBody(pointer + "/value", "'value' must be a number.");
    }
    String profileId = null;
    Map<String, Object> profileAttributes = profile;
    if (profile == null) {
      Map<String, Object> profileData = Bodies.object(
          Bodies.object(attributes.get("profile"), pointer + "/profile").get("data"), pointer + "/profile/data");
      profileAttributes = profileAttributes(profileData, pointer + "/profile/data");
      profileId = profileData.get("id") instanceof String s ? s : null;
    }
    return new PendingEvent(metricName, properties, time, value,
        Bodies.optionalString(attributes, "value_currency", pointer),
        Bodies.optionalString(attributes, "unique_id", pointer), profileAttributes, profileId);
  }

  private static Map<String, Object> profileAttributes(Map<String, Object> profileData, String pointer) {
    if (!Types.PROFILE.equals(profileData.get("type"))) {
      throw ApiException.invalidBody(pointer + "/type", "'type' must be 'profile'.");
    }
    Map<String, Object> attributes = profileData.get("attributes") == null ? Map.of()
        : Bodies.attributes(profileData, pointer, null);
    Map<String, Object> identifiers = new LinkedHashMap<>();
    for (String k : List.of("email", "phone_number", "external_id", "anonymous_id", "first_name", "last_name",
        "organization", "title", "image", "locale", "location", "properties")) {
      if (attributes.get(k) != null) {
        identifiers.put(k, attributes.get(k));
      }
    }
    Profiles.validate(identifiers, pointer + "/attributes", profileData.get("id") == null);
    return identifiers;
  }

  private Resource resolveProfile(Map<String, Object> attributes, String profileId, String pointer) {
    if (profileId != null) {
      return state.profiles().get(profileId)
          .orElseThrow(() -> ApiException.invalidBody(pointer + "/id", "Profile " + profileId + " does not exist."));
    }
    String existing = state.findProfileId((String) attributes.get("email"), (String) attributes.get("phone_number"),
        (String) attributes.get("external_id"));
    if (existing != null) {
      return state.profiles().get(existing).orElseThrow();
    }
    try {
      return state.createProfile(Profiles.newAttributes(attributes, state.now()));
    } catch (ApiException e) {
      // Identifiers belong to different profiles: attach to the first match, as Klaviyo resolves by email.
      String dup = state.findProfileId((String) attributes.get("email"), (String) attributes.get("phone_number"),
          (String) attributes.get("external_id"));
      if (dup == null) {
        throw e;
      }
      return state.profiles().get(dup).orElseThrow();
    }
  }

  private void store(PendingEvent e, Resource profile) {
    Resource metric = metric(e.metricName());
    if (e.uniqueId() != null && !seen.add(metric.id() + "|" + profile.id() + "|" + e.uniqueId())) {
      return; // Klaviyo keeps the first event with a given unique_id for the same metric and profile.
    }
    Instant at = (e.time() == null ? state.now() : e.time()).truncatedTo(ChronoUnit.SECONDS);
    Map<String, Object> properties = new LinkedHashMap<>(e.properties());
    if (e.value() != null) {
      properties.put("$value", e.value());
    }
    if (e.currency() != null) {
      properties.put("$value_currency", e.currency());
    }
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("timestamp", at.getEpochSecond());
    a.put("event_properties", properties);
    a.put("datetime", at);
    a.put("uuid", e.uniqueId() != null ? e.uniqueId() : UUID.randomUUID().toString());
    Map<String, List<String>> rels = new LinkedHashMap<>();
    rels.put("profile", List.of(profile.id()));
    rels.put("metric", List.of(metric.id()));
    state.insert(Types.EVENT, a, rels);
    Object last = profile.attributes().get("last_event_date");
    if (!(last instanceof Instant l) || l.isBefore(at)) {
      state.update(Types.PROFILE, profile.id(), Map.of("last_event_date", at), null);
    }
  }

  /**
   * Stores an event the sandbox itself causes (a campaign's deliveries): metric {@code metricName}, now,
   * for {@code profile}, with {@code properties} such as Klaviyo's {@code $message} attribution.
   */
  void record(String metricName, Resource profile, Map<String, Object> properties) {
    store(new PendingEvent(metricName, properties, null, null, null, null, null, null), profile);
  }

  /** The metric named {@code name}, created on first use. */
  Resource metric(String name) {
    synchronized (metricLock) {
      for (Resource m : state.metrics().unordered()) {
        if (name.equals(m.attributes().get("name"))) {
          return m;
        }
      }
      return state.insert(Types.METRIC, metricAttributes(name, state.now()), Map.of());
    }
  }

  static Map<String, Object> metricAttributes(String name, Instant now) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("name", name);
    a.put("created", now);
    a.put("updated", now);
    Map<String, Object> integration = new LinkedHashMap<>();
    integration.put("object", "integration");
    integration.put("id", "0rG4eQ");
    integration.put("key", "api");
    integration.put("name", "API");
    integration.put("category", "API");
    a.put("integration", integration);
    return a;
  }
}
