package io.github.kvsdk.klaviyo.sandbox.resources;

import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiException;
import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiRequest;
import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiResponse;
import io.github.kvsdk.klaviyo.sandbox.internal.query.FieldAccess;
import io.github.kvsdk.klaviyo.sandbox.internal.query.ListQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Lists: CRUD, members, and adding/removing profiles through the relationship endpoints. */
final class ListEndpoints {
  private static final Set<String> OPT_IN = Set.of("double_opt_in", "single_opt_in");

  private final Backend b;
  private final SandboxState state;

  ListEndpoints(Backend backend) {
    this.b = backend;
    this.state = backend.state;
  }

  void register() {
    b.on("get_lists", r -> b.list(r, state.lists()));
    b.on("get_list", r -> b.get(state.lists(), r));
    b.on("create_list", this::create);
    b.on("update_list", this::update);
    b.on("delete_list", r -> {
      Resource list = b.find(state.lists(), r);
      state.delete(Types.LIST, list.id());
      return ApiResponse.noContent();
    });
    b.on("get_profiles_for_list", r -> members(r, false));
    b.on("get_profile_ids_for_list", r -> members(r, true));
    b.on("add_profiles_to_list", r -> changeMembers(r, true));
    b.on("remove_profiles_from_list", r -> changeMembers(r, false));
  }

  private ApiResponse create(ApiRequest r) {
    Map<String, Object> data = Bodies.data(r.jsonObject(), Types.LIST);
    Map<String, Object> attributes = Bodies.attributes(data, "/data", Set.of("name", "opt_in_process"));
    String name = Bodies.requiredString(attributes, "name", "/data/attributes");
    Instant now = state.now();
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("name", name);
    a.put("created", now);
    a.put("updated", now);
    a.put("opt_in_process", optIn(attributes));
    return ApiResponse.created(b.api.single(r, state.insert(Types.LIST, a, Map.of())));
  }

  private static String optIn(Map<String, Object> attributes) {
    String value = Bodies.optionalString(attributes, "opt_in_process", "/data/attributes");
    if (value == null) {
      return "single_opt_in";
    }
    if (!OPT_IN.contains(value)) {
      throw ApiException.invalidBody("/data/attributes/opt_in_process",
          "'opt_in_process' must be one of " + OPT_IN + ".");
    }
    return value;
  }

  private ApiResponse update(ApiRequest r) {
    Resource list = b.find(state.lists(), r);
    Map<String, Object> data = Bodies.data(r.jsonObject(), Types.LIST);
    Bodies.checkId(data, list.id());
    Map<String, Object> attributes = Bodies.attributes(data, "/data", Set.of("name", "opt_in_process"));
    Map<String, Object> changes = new LinkedHashMap<>();
    if (attributes.containsKey("name")) {
      changes.put("name", Bodies.requiredString(attributes, "name", "/data/attributes"));
    }
    if (attributes.containsKey("opt_in_process")) {
      changes.put("opt_in_process", optIn(attributes));
    }
    return ApiResponse.ok(b.api.single(r, state.update(Types.LIST, list.id(), changes, "updated")));
  }

  private ApiResponse members(ApiRequest r, boolean identifiersOnly) {
    Resource list = b.find(state.lists(), r);
    List<Resource> profiles = new ArrayList<>();
    for (String id : state.listMembers(list.id())) {
      state.profiles().get(id).ifPresent(profiles::add);
    }
    FieldAccess<Resource> access = (p, field) -> switch (field) {
      case "joined_group_at" -> state.joinedAt(list.id(), p.id());
      case "push_token" -> null;
      case "_kx" -> null;
      default -> Backend.DEFAULT_ACCESS.get(p, field);
    };
    ListQuery.Page<Resource> page =
        ListQuery.run(profiles, r.operation(), r.query(), access, Resource::id, Resource::sequence);
    java.util.function.Function<Resource, Map<String, Object>> joined = p -> {
      Map<String, Object> extra = new LinkedHashMap<>();
      extra.put("joined_group_at", state.joinedAt(list.id(), p.id()));
      return extra;
    };
    return ApiResponse.ok(identifiersOnly ? b.api.identifiers(r, page) : b.api.collection(r, page, joined));
  }

  private ApiResponse changeMembers(ApiRequest r, boolean add) {
    Resource list = b.find(state.lists(), r);
    List<Object> items = Bodies.array(r.jsonObject().get("data"), "/data");
    Set<String> ids = new LinkedHashSet<>();
    for (int i = 0; i < items.size(); i++) {
      Map<String, Object> item = Bodies.object(items.get(i), "/data/" + i);
      if (!Types.PROFILE.equals(item.get("type"))) {
        throw ApiException.invalidBody("/data/" + i + "/type", "'type' must be 'profile'.");
      }
      String id = Bodies.requiredString(item, "id", "/data/" + i);
      if (!state.profiles().contains(id)) {
        throw ApiException.notFound("A profile with id " + id + " does not exist.");
      }
      ids.add(id);
    }
    if (ids.size() > 1000) {
      throw ApiException.invalidBody("/data", "At most 1000 profiles can be changed per request.");
    }
    if (add) {
      state.addToList(list.id(), ids);
    } else {
      state.removeFromList(list.id(), ids);
    }
    return ApiResponse.noContent();
  }
}
