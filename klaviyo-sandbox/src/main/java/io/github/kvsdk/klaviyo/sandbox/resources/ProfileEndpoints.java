package io.github.kvsdk.klaviyo.sandbox.resources;

import io.github.kvsdk.klaviyo.sandbox.http.ApiException;
import io.github.kvsdk.klaviyo.sandbox.http.ApiRequest;
import io.github.kvsdk.klaviyo.sandbox.http.ApiResponse;
import io.github.kvsdk.klaviyo.sandbox.query.ListQuery;
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
    Map<String, Object> props = new LinkedHashMap<>(
        profile.attributes().get("properties") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of());
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

  private ApiResponse importProfile(ApiRequest r) {
    Map<String, Object> data = Bodies.data(r.jsonObject(), Types.PROFILE);
    Map<String, Object> attributes = Bodies.attributes(data, "/data", Profiles.WRITABLE);
    Profiles.validate(attributes, "/data/attributes", data.get("id") == null);
    String id = data.get("id") instanceof String s ? s : state.findProfileId((String) attributes.get("email"),
        (String) attributes.get("phone_number"), (String) attributes.get("external_id"));
    if (id != null && state.profiles().contains(id)) {
      Map<String, Object> changes = new LinkedHashMap<>(attributes);
      changes.remove("anonymous_id");
      return ApiResponse.ok(b.api.single(r, state.updateProfile(id, changes)));
    }
    Resource created = state.createProfile(Profiles.newAttributes(attributes, state.now()));
    return ApiResponse.created(b.api.single(r, created));
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
