package io.github.kvsdk.klaviyo.sandbox.resources;

import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiException;
import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiRequest;
import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client API's writes that name a profile ({@code /client/profiles}, {@code /client/subscriptions},
 * push tokens, back-in-stock subscriptions), stored as their server-side counterparts store them; client
 * events are recorded by {@link EventEndpoints}. The caller is authenticated by the account's public key
 * ({@code company_id}) before any of these runs.
 *
 * <ul>
 *   <li>A client profile is created or updated by id or identifier, as {@code create_or_update_profile}.
 *   <li>A client subscription creates or updates the profile, gives it {@code SUBSCRIBED} email marketing
 *       consent when it has an email address and SMS marketing consent when it has a phone number, and
 *       adds it to the list named in {@code relationships.list}.
 *   <li>A push token (client or server) creates or updates the profile and sets its mobile push marketing
 *       consent to {@code SUBSCRIBED} ({@code can_receive_push_marketing} unless the token's
 *       {@code enablement_status} is {@code DENIED} or {@code UNAUTHORIZED}); unregistering the profile's
 *       last token makes it {@code UNSUBSCRIBED}. The tokens themselves are kept with the profile, not as
 *       resources of their own.
 *   <li>A back-in-stock subscription (client or server) creates or updates the profile and records a
 *       {@code Subscribed to Back in Stock} event whose properties name the variant and the channels.
 * </ul>
 */
final class ClientEndpoints {
  /** The push tokens of a profile, kept out of its rendered attributes. */
  static final String PUSH_TOKENS = "$push_tokens";

  private final Backend b;
  private final SandboxState state;
  private final ProfileEndpoints profiles;

  ClientEndpoints(Backend backend, ProfileEndpoints profiles) {
    this.b = backend;
    this.state = backend.state;
    this.profiles = profiles;
  }

  void register() {
    b.on("create_client_profile", this::profile);
    b.on("create_client_subscription", this::subscription);
    b.on("create_client_push_token", r -> pushToken(r, true));
    b.on("create_push_token", r -> pushToken(r, true));
    b.on("unregister_client_push_token", r -> pushToken(r, false));
    b.on("create_client_back_in_stock_subscription", this::backInStock);
    b.on("create_back_in_stock_subscription", this::backInStock);
  }

  private ApiResponse profile(ApiRequest r) {
    profiles.upsert(Bodies.object(r.jsonObject().get("data"), "/data"), "/data");
    return ApiResponse.accepted();
  }

  private ApiResponse subscription(ApiRequest r) {
    Map<String, Object> data = Bodies.data(r.jsonObject(), "subscription");
    Map<String, Object> attributes = Bodies.attributes(data, "/data", null);
    String pointer = "/data/attributes/profile/data";
    Map<String, Object> profileData = profileData(attributes, pointer);
    String listId = relatedId(data, "list");
    if (listId != null && !state.lists().contains(listId)) {
      throw ApiException.notFound("A list with id " + listId + " does not exist.");
    }
    Map<String, Object> given = profileData.get("attributes") instanceof Map<?, ?> a ? cast(a) : Map.of();
    if (given.get("email") == null && given.get("phone_number") == null) {
      throw ApiException.invalidBody(pointer + "/attributes", "A subscription needs an 'email' or a 'phone_number'.");
    }
    Resource profile = profiles.upsert(profileData, pointer);
    Instant now = state.now();
    Object subscriptions = profile.attributes().get("subscriptions");
    if (given.get("email") != null) {
      subscriptions = Profiles.withConsent(subscriptions, "email", "SUBSCRIBED", now);
    }
    if (given.get("phone_number") != null) {
      subscriptions = Profiles.withConsent(subscriptions, "sms", "SUBSCRIBED", now);
    }
    state.updateProfile(profile.id(), Map.of("subscriptions", subscriptions));
    if (listId != null) {
      state.addToList(listId, List.of(profile.id()));
    }
    return ApiResponse.accepted();
  }

  @SuppressWarnings("unchecked")
  private ApiResponse pushToken(ApiRequest r, boolean register) {
    Map<String, Object> data = Bodies.object(r.jsonObject().get("data"), "/data");
    Map<String, Object> attributes = Bodies.attributes(data, "/data", null);
    String token = Bodies.requiredString(attributes, "token", "/data/attributes");
    Resource profile = profiles.upsert(profileData(attributes, "/data/attributes/profile/data"),
        "/data/attributes/profile/data");
    Map<String, Object> tokens = new LinkedHashMap<>(profile.attributes().get(PUSH_TOKENS) instanceof Map<?, ?> t
        ? (Map<String, Object>) t : Map.of());
    if (register) {
      Map<String, Object> stored = new LinkedHashMap<>(attributes);
      stored.remove("profile");
      tokens.put(token, stored);
    } else {
      tokens.remove(token);
    }
    boolean enabled = tokens.values().stream().anyMatch(t -> t instanceof Map<?, ?> m
        && !"DENIED".equals(m.get("enablement_status")) && !"UNAUTHORIZED".equals(m.get("enablement_status")));
    Map<String, Object> changes = new LinkedHashMap<>();
    changes.put(PUSH_TOKENS, tokens);
    changes.put("subscriptions", Profiles.withPushConsent(profile.attributes().get("subscriptions"),
        tokens.isEmpty() ? "UNSUBSCRIBED" : "SUBSCRIBED", enabled, state.now()));
    state.updateProfile(profile.id(), changes);
    return ApiResponse.accepted();
  }

  private ApiResponse backInStock(ApiRequest r) {
    Map<String, Object> data = Bodies.data(r.jsonObject(), "back-in-stock-subscription");
    Map<String, Object> attributes = Bodies.attributes(data, "/data", null);
    List<Object> channels = Bodies.array(attributes.get("channels"), "/data/attributes/channels");
    String variantId = relatedId(data, "variant");
    if (variantId == null) {
      throw ApiException.invalidBody("/data/relationships/variant", "A back-in-stock subscription needs a variant.");
    }
    ResourceTable variants = state.tableOf("catalog-variant");
    if (!variants.contains(variantId)) {
      throw ApiException.notFound("A catalog-variant with id " + variantId + " does not exist.");
    }
    Resource profile = profiles.upsert(profileData(attributes, "/data/attributes/profile/data"),
        "/data/attributes/profile/data");
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("variant_id", variantId);
    properties.put("channels", new ArrayList<>(channels));
    b.events.record("Subscribed to Back in Stock", profile, properties);
    return ApiResponse.accepted();
  }

  private static Map<String, Object> profileData(Map<String, Object> attributes, String pointer) {
    String parent = pointer.substring(0, pointer.length() - "/data".length());
    return Bodies.object(Bodies.object(attributes.get("profile"), parent).get("data"), pointer);
  }

  private static String relatedId(Map<String, Object> data, String name) {
    return data.get("relationships") instanceof Map<?, ?> rels && rels.get(name) instanceof Map<?, ?> rel
        && rel.get("data") instanceof Map<?, ?> d && d.get("id") instanceof String id ? id : null;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }
}
