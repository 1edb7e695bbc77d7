package io.github.kvsdk.klaviyo.sandbox.resources;

import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiException;
import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiRequest;
import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiResponse;
import io.github.kvsdk.klaviyo.sandbox.internal.query.FieldAccess;
import io.github.kvsdk.klaviyo.sandbox.internal.query.FilterExpression;
import io.github.kvsdk.klaviyo.sandbox.internal.query.Filters;
import io.github.kvsdk.klaviyo.sandbox.internal.query.ListQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Campaigns with their campaign messages. Listing requires a channel filter, as Klaviyo does. */
final class CampaignEndpoints {
  private static final Set<String> CREATE_ATTRIBUTES = Set.of("name", "audiences", "send_strategy", "send_options",
      "tracking_options", "campaign-messages");
  private static final Set<String> UPDATE_ATTRIBUTES =
      Set.of("name", "audiences", "send_strategy", "send_options", "tracking_options");
  /** Where a message in the definition shape (2025-01-15 on) keeps its channel for filtering; not rendered. */
  private static final String CHANNEL = "$channel";

  private final Backend b;
  private final SandboxState state;

  CampaignEndpoints(Backend backend) {
    this.b = backend;
    this.state = backend.state;
  }

  void register() {
    b.on("get_campaigns", this::list);
    b.on("get_campaign", r -> b.get(state.campaigns(), r));
    b.on("create_campaign", this::create);
    b.on("update_campaign", this::update);
    b.on("delete_campaign", r -> {
      state.delete(Types.CAMPAIGN, b.find(state.campaigns(), r).id());
      return ApiResponse.noContent();
    });
    b.on("get_messages_for_campaign", r -> messages(r, false));
    b.on("get_message_ids_for_campaign", r -> messages(r, true));
    b.on("get_campaign_message", r -> b.get(state.campaignMessages(), r));
    b.on("update_campaign_message", this::updateMessage);
    b.on("get_campaign_for_campaign_message", r -> {
      Resource message = b.find(state.campaignMessages(), r);
      Resource campaign = state.campaigns().get(message.related("campaign").get(0)).orElseThrow(
          () -> ApiException.notFound("The campaign of message " + message.id() + " does not exist."));
      return ApiResponse.ok(b.api.single(r, campaign));
    });
  }

  private List<String> channels(Resource campaign) {
    List<String> out = new ArrayList<>();
    for (String id : campaign.related("campaign-messages")) {
      state.campaignMessages().get(id).ifPresent(m -> out.add(String.valueOf(
          m.attributes().get("channel") != null ? m.attributes().get("channel") : m.attributes().get(CHANNEL))));
    }
    return out;
  }

  private ApiResponse list(ApiRequest r) {
    FilterExpression filter = ListQuery.filter(r.operation(), r.query());
    boolean hasChannel = filter != null && Filters.topLevelConditions(filter).stream()
        .anyMatch(c -> c.field().equals("messages.channel") && c.operator().equals("equals"));
    if (!hasChannel) {
      throw ApiException.invalidParameter("filter", "A channel filter is required to list campaigns; use "
          + "equals(messages.channel,'email') or equals(messages.channel,'sms').");
    }
    FieldAccess<Resource> access = (c, field) -> field.equals("messages.channel") ? channels(c)
        : Backend.DEFAULT_ACCESS.get(c, field);
    ListQuery.Page<Resource> page = ListQuery.run(state.campaigns().unordered(), r.operation(), r.query(),
        Filters.predicate(filter, access), access, Resource::id, Resource::sequence);
    return ApiResponse.ok(b.api.collection(r, page));
  }

  private ApiResponse create(ApiRequest r) {
    Map<String, Object> data = Bodies.data(r.jsonObject(), Types.CAMPAIGN);
    Map<String, Object> attributes = Bodies.attributes(data, "/data", CREATE_ATTRIBUTES);
    String name = Bodies.requiredString(attributes, "name", "/data/attributes");
    Map<String, Object> audiences = audiences(attributes.get("audiences"));
    List<Object> messages = Bodies.array(
        Bodies.object(attributes.get("campaign-messages"), "/data/attributes/campaign-messages").get("data"),
        "/data/attributes/campaign-messages/data");
    if (messages.size() != 1) {
      throw ApiException.invalidBody("/data/attributes/campaign-messages/data",
          "A campaign needs exactly one campaign message.");
    }
    List<Map<String, Object>> parsed = new ArrayList<>();
    String channel = null;
    for (int i = 0; i < messages.size(); i++) {
      String pointer = "/data/attributes/campaign-messages/data/" + i;
      Map<String, Object> m = Bodies.object(messages.get(i), pointer);
      if (!Types.CAMPAIGN_MESSAGE.equals(m.get("type"))) {
        throw ApiException.invalidBody(pointer + "/type", "'type' must be 'campaign-message'.");
      }
      Map<String, Object> ma = Bodies.attributes(m, pointer, null);
      if (ma.get("definition") instanceof Map<?, ?> definition) {
        // From 2025-01-15 a message's channel and content are inside its definition.
        channel = Bodies.requiredString(castMap(definition), "channel", pointer + "/attributes/definition");
      } else {
        channel = Bodies.requiredString(ma, "channel", pointer + "/attributes");
      }
      parsed.add(ma);
    }
    Instant now = state.now();
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("name", name);
    a.put("status", "Draft");
    a.put("archived", false);
    a.put("audiences", audiences);
    a.put("send_options", attributes.get("send_options") instanceof Map<?, ?> so ? so
        : Map.of("use_smart_sending", true));
    a.put("tracking_options", attributes.get("tracking_options") instanceof Map<?, ?> to ? to
        : defaultTracking(channel));
    a.put("send_strategy", attributes.get("send_strategy") == null ? Map.of("method", "immediate")
        : sendStrategy(attributes.get("send_strategy")));
    a.put("created_at", now);
    a.put("scheduled_at", null);
    a.put("updated_at", now);
    a.put("send_time", null);
    Resource campaign = state.insert(Types.CAMPAIGN, a, Map.of());
    List<String> messageIds = new ArrayList<>();
    for (Map<String, Object> ma : parsed) {
      messageIds.add(state.insert(Types.CAMPAIGN_MESSAGE, messageAttributes(ma, name, now),
          Map.of("campaign", List.of(campaign.id()))).id());
    }
    state.relate(campaign, Map.of("campaign-messages", messageIds));
    return ApiResponse.created(b.api.single(r, campaign));
  }

  private static Map<String, Object> defaultTracking(String channel) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("add_tracking_params", false);
    t.put("custom_tracking_params", null);
    if ("email".equals(channel)) {
      t.put("is_tracking_clicks", true);
      t.put("is_tracking_opens", true);
    }
    return t;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> messageAttributes(Map<String, Object> given, String campaignName, Instant now) {
    if (given.get("definition") instanceof Map<?, ?> definition) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("definition", definition);
      a.put("send_times", new ArrayList<>());
      a.put("created_at", now);
      a.put("updated_at", now);
      a.put(CHANNEL, definition.get("channel"));
      return a;
    }
    String channel = (String) given.get("channel");
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("label", given.get("label") instanceof String s ? s : campaignName);
    a.put("channel", channel);
    Map<String, Object> content = new LinkedHashMap<>();
    if (channel.equals("email")) {
      for (String f : List.of("subject", "preview_text", "from_email", "from_label", "reply_to_email", "cc_email",
          "bcc_email")) {
        content.put(f, null);
      }
    } else {
      content.put("body", null);
      content.put("media_url", null);
    }
    if (given.get("content") instanceof Map<?, ?> c) {
      content.putAll((Map<String, Object>) c);
    }
    a.put("content", content);
    a.put("send_times", new ArrayList<>());
    if (given.get("render_options") instanceof Map<?, ?> ro) {
      a.put("render_options", ro);
    }
    a.put("created_at", now);
    a.put("updated_at", now);
    return a;
  }

  private Map<String, Object> audiences(Object value) {
    Map<String, Object> audiences = Bodies.object(value, "/data/attributes/audiences");
    Map<String, Object> out = new LinkedHashMap<>();
    for (String key : List.of("included", "excluded")) {
      Object ids = audiences.get(key);
      List<Object> list = ids == null ? new ArrayList<>() : Bodies.array(ids, "/data/attributes/audiences/" + key);
      for (int i = 0; i < list.size(); i++) {
        Object id = list.get(i);
        if (!(id instanceof String s) || !(state.lists().contains(s) || state.segments().contains(s))) {
          throw ApiException.invalidBody("/data/attributes/audiences/" + key + "/" + i,
              "Audience '" + id + "' is not a list or segment of this account.");
        }
      }
      out.put(key, list);
    }
    return out;
  }

  private static Map<String, Object> sendStrategy(Object value) {
    Map<String, Object> strategy = Bodies.object(value, "/data/attributes/send_strategy");
    String method = Bodies.requiredString(strategy, "method", "/data/attributes/send_strategy");
    if (!Set.of("immediate", "static", "throttled", "smart_send_time").contains(method)) {
      throw ApiException.invalidBody("/data/attributes/send_strategy/method",
          "'method' must be one of immediate, static, throttled, smart_send_time.");
    }
    return strategy;
  }

  private ApiResponse update(ApiRequest r) {
    Resource campaign = b.find(state.campaigns(), r);
    Map<String, Object> data = Bodies.data(r.jsonObject(), Types.CAMPAIGN);
    Bodies.checkId(data, campaign.id());
    Map<String, Object> attributes = Bodies.attributes(data, "/data", UPDATE_ATTRIBUTES);
    Map<String, Object> changes = new LinkedHashMap<>();
    if (attributes.containsKey("name")) {
      changes.put("name", Bodies.requiredString(attributes, "name", "/data/attributes"));
    }
    if (attributes.containsKey("audiences")) {
      changes.put("audiences", audiences(attributes.get("audiences")));
    }
    if (attributes.containsKey("send_strategy")) {
      changes.put("send_strategy", sendStrategy(attributes.get("send_strategy")));
    }
    for (String k : List.of("send_options", "tracking_options")) {
      if (attributes.containsKey(k)) {
        changes.put(k, Bodies.object(attributes.get(k), "/data/attributes/" + k));
      }
    }
    return ApiResponse.ok(b.api.single(r, state.update(Types.CAMPAIGN, campaign.id(), changes, "updated_at")));
  }

  private ApiResponse updateMessage(ApiRequest r) {
    Resource message = b.find(state.campaignMessages(), r);
    Map<String, Object> data = Bodies.data(r.jsonObject(), Types.CAMPAIGN_MESSAGE);
    Bodies.checkId(data, message.id());
    Map<String, Object> attributes = Bodies.attributes(data, "/data",
        Set.of("label", "content", "render_options", "definition"));
    Map<String, Object> changes = new LinkedHashMap<>();
    if (attributes.get("definition") instanceof Map<?, ?> definition) {
      changes.put("definition", definition);
      changes.put(CHANNEL, definition.get("channel"));
    }
    if (attributes.containsKey("label")) {
      changes.put("label", Bodies.requiredString(attributes, "label", "/data/attributes"));
    }
    if (attributes.containsKey("content")) {
      Map<String, Object> content = new LinkedHashMap<>(castMap(message.attributes().get("content")));
      content.putAll(Bodies.object(attributes.get("content"), "/data/attributes/content"));
      changes.put("content", content);
    }
    if (attributes.containsKey("render_options")) {
      changes.put("render_options", Bodies.object(attributes.get("render_options"), "/data/attributes/render_options"));
    }
    return ApiResponse.ok(b.api.single(r,
        state.update(Types.CAMPAIGN_MESSAGE, message.id(), changes, "updated_at")));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private ApiResponse messages(ApiRequest r, boolean identifiersOnly) {
    Resource campaign = b.find(state.campaigns(), r);
    List<Resource> items = new ArrayList<>();
    for (String id : campaign.related("campaign-messages")) {
      state.campaignMessages().get(id).ifPresent(items::add);
    }
    ListQuery.Page<Resource> page = ListQuery.run(items, r.operation(), r.query(), Backend.DEFAULT_ACCESS,
        Resource::id, Resource::sequence);
    return ApiResponse.ok(identifiersOnly ? b.api.identifiers(r, page) : b.api.collection(r, page));
  }
}
