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
import java.util.Set;

/** Segments: CRUD with the definition stored as given (segments are not evaluated). */
final class SegmentEndpoints {
  private static final Set<String> WRITABLE = Set.of("name", "definition", "is_starred");

  private final Backend b;
  private final SandboxState state;

  SegmentEndpoints(Backend backend) {
    this.b = backend;
    this.state = backend.state;
  }

  void register() {
    b.on("get_segments", r -> b.list(r, state.segments()));
    b.on("get_segment", r -> b.get(state.segments(), r));
    b.on("create_segment", this::create);
    b.on("update_segment", this::update);
    b.on("delete_segment", r -> {
      state.delete(Types.SEGMENT, b.find(state.segments(), r).id());
      return ApiResponse.noContent();
    });
    b.on("get_profiles_for_segment", r -> members(r, false));
    b.on("get_profile_ids_for_segment", r -> members(r, true));
  }

  private ApiResponse create(ApiRequest r) {
    Map<String, Object> data = Bodies.data(r.jsonObject(), Types.SEGMENT);
    Map<String, Object> attributes = Bodies.attributes(data, "/data", WRITABLE);
    String name = Bodies.requiredString(attributes, "name", "/data/attributes");
    Map<String, Object> definition = definition(attributes.get("definition"));
    Boolean starred = Bodies.optionalBoolean(attributes, "is_starred", "/data/attributes");
    Instant now = state.now();
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("name", name);
    a.put("definition", definition);
    a.put("created", now);
    a.put("updated", now);
    a.put("is_active", true);
    a.put("is_processing", false);
    a.put("is_starred", starred != null && starred);
    return ApiResponse.created(b.api.single(r, state.insert(Types.SEGMENT, a, Map.of())));
  }

  private ApiResponse update(ApiRequest r) {
    Resource segment = b.find(state.segments(), r);
    Map<String, Object> data = Bodies.data(r.jsonObject(), Types.SEGMENT);
    Bodies.checkId(data, segment.id());
    Map<String, Object> attributes = Bodies.attributes(data, "/data", WRITABLE);
    Map<String, Object> changes = new LinkedHashMap<>();
    if (attributes.containsKey("name")) {
      changes.put("name", Bodies.requiredString(attributes, "name", "/data/attributes"));
    }
    if (attributes.containsKey("definition")) {
      changes.put("definition", definition(attributes.get("definition")));
    }
    if (attributes.containsKey("is_starred")) {
      changes.put("is_starred", Bodies.optionalBoolean(attributes, "is_starred", "/data/attributes"));
    }
    return ApiResponse.ok(b.api.single(r, state.update(Types.SEGMENT, segment.id(), changes, "updated")));
  }

  private static Map<String, Object> definition(Object value) {
    Map<String, Object> definition = Bodies.object(value, "/data/attributes/definition");
    Object groups = definition.get("condition_groups");
    if (!(groups instanceof List<?>)) {
      throw ApiException.invalidBody("/data/attributes/definition/condition_groups",
          "'condition_groups' is a required array.");
    }
    return definition;
  }

  private ApiResponse members(ApiRequest r, boolean identifiersOnly) {
    Resource segment = b.find(state.segments(), r);
    List<Resource> profiles = new ArrayList<>();
    for (String id : state.segmentMembers(segment.id())) {
      state.profiles().get(id).ifPresent(profiles::add);
    }
    // Segments are not evaluated, so a member's join time is unknown; its creation time stands in.
    io.github.kvsdk.klaviyo.sandbox.internal.query.FieldAccess<Resource> access = (p, field) ->
        field.equals("joined_group_at") ? p.attributes().get("created") : Backend.DEFAULT_ACCESS.get(p, field);
    ListQuery.Page<Resource> page = ListQuery.run(profiles, r.operation(), r.query(), access,
        Resource::id, Resource::sequence);
    java.util.function.Function<Resource, Map<String, Object>> joined = p -> {
      Map<String, Object> extra = new LinkedHashMap<>();
      extra.put("joined_group_at", p.attributes().get("created"));
      return extra;
    };
    return ApiResponse.ok(identifiersOnly ? b.api.identifiers(r, page) : b.api.collection(r, page, joined));
  }
}
