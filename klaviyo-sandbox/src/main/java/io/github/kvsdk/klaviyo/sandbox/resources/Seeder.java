package io.github.kvsdk.klaviyo.sandbox.resources;

import io.github.kvsdk.klaviyo.sandbox.seed.SeedPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Creates the objects a {@link SeedPlan} asks for, and the one account every sandbox has. */
final class Seeder {
  /** A 1x1 transparent PNG, the content of sample images. */
  static final byte[] TINY_PNG = java.util.Base64.getDecoder().decode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
  private static final String[] FIRST = {"Ada", "Grace", "Alan", "Edsger", "Barbara", "Ken", "Margaret", "Linus"};
  private static final String[] LAST = {"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Thompson"};
  private static final String[] METRICS = {"Placed Order", "Viewed Product", "Active on Site", "Started Checkout",
      "Ordered Product", "Fulfilled Order"};

  private Seeder() {}

  /**
   * {@return the account, created unless one exists}
   *
   * @param state the stored objects
   */
  static Resource seedAccount(SandboxState state) {
    List<Resource> existing = state.accounts().all();
    if (!existing.isEmpty()) {
      return existing.get(0);
    }
    Map<String, Object> street = new LinkedHashMap<>();
    street.put("address1", "125 Summer Street");
    street.put("address2", null);
    street.put("city", "Boston");
    street.put("region", "MA");
    street.put("country", "US");
    street.put("zip", "02110");
    Map<String, Object> contact = new LinkedHashMap<>();
    contact.put("default_sender_name", "Sandbox Store");
    contact.put("default_sender_email", "store@example.com");
    contact.put("website_url", "https://example.com");
    contact.put("organization_name", "Sandbox Store");
    contact.put("street_address", street);
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("test_account", true);
    a.put("contact_information", contact);
    a.put("industry", "Software / SaaS");
    a.put("timezone", "America/New_York");
    a.put("preferred_currency", "USD");
    a.put("public_api_key", "");
    a.put("locale", "en-US");
    Resource account = state.insert(Types.ACCOUNT, a, Map.of());
    Map<String, Object> withKey = new LinkedHashMap<>(account.attributes());
    withKey.put("public_api_key", account.id());
    state.replace(account, withKey);
    return account;
  }

  /**
   * Applies {@code plan}: creates every requested object.
   *
   * @param state the stored objects, to which the plan's objects are added
   * @param plan how many objects of each type to create, and the random seed that picks their values
   */
  static void apply(SandboxState state, SeedPlan plan) {
    Random random = new Random(plan.randomSeed());
    List<String> profileIds = new ArrayList<>();
    int n = plan.count(SeedPlan.Type.PROFILES);
    int offset = state.profiles().count();
    for (int i = 0; i < n; i++) {
      Instant t = timestamp(plan, i, n);
      Map<String, Object> given = new LinkedHashMap<>();
      int k = offset + i;
      given.put("email", "seed-" + k + "@example.com");
      given.put("first_name", FIRST[random.nextInt(FIRST.length)]);
      given.put("last_name", LAST[random.nextInt(LAST.length)]);
      given.put("properties", Map.of("seed_index", (long) k));
      Map<String, Object> a = Profiles.newAttributes(given, t);
      profileIds.add(state.createProfile(a).id());
    }
    n = plan.count(SeedPlan.Type.LISTS);
    List<String> listIds = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Instant t = timestamp(plan, i, n);
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("name", "Seed list " + (i + 1));
      a.put("created", t);
      a.put("updated", t);
      a.put("opt_in_process", "single_opt_in");
      listIds.add(state.insert(Types.LIST, a, Map.of()).id());
    }
    for (int i = 0; i < listIds.size(); i++) {
      List<String> members = new ArrayList<>();
      for (int p = i; p < profileIds.size(); p += listIds.size()) {
        members.add(profileIds.get(p));
      }
      state.addToList(listIds.get(i), members);
    }
    n = plan.count(SeedPlan.Type.SEGMENTS);
    for (int i = 0; i < n; i++) {
      Instant t = timestamp(plan, i, n);
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("name", "Seed segment " + (i + 1));
      a.put("definition", Map.of("condition_groups", List.of(Map.of("conditions", List.of(Map.of(
          "type", "profile-property", "property", "properties['seed_index']",
          "filter", Map.of("type", "numeric", "operator", "greater-than", "value", (long) i)))))));
      a.put("created", t);
      a.put("updated", t);
      a.put("is_active", true);
      a.put("is_processing", false);
      a.put("is_starred", false);
      state.insert(Types.SEGMENT, a, Map.of());
    }
    int metricCount = Math.max(plan.count(SeedPlan.Type.METRICS),
        plan.count(SeedPlan.Type.EVENTS) > 0 ? 3 : 0);
    List<String> metricIds = new ArrayList<>();
    for (int i = 0; i < metricCount; i++) {
      String name = i < METRICS.length ? METRICS[i] : "Seed metric " + (i + 1);
      metricIds.add(state.metrics().unordered().stream().filter(m -> name.equals(m.attributes().get("name")))
          .findFirst().orElseGet(() -> state.insert(Types.METRIC,
              EventEndpoints.metricAttributes(name, timestamp(plan, 0, 1)), Map.of())).id());
    }
    n = plan.count(SeedPlan.Type.EVENTS);
    // Events of the first metric (Placed Order), attributed to the seeded campaigns once those exist.
    List<Resource> orders = new ArrayList<>();
    if (n > 0 && profileIds.isEmpty()) {
      profileIds.addAll(state.profiles().all().stream().map(Resource::id).toList());
      if (profileIds.isEmpty()) {
        Map<String, Object> given = Map.of("email", "seed-events@example.com");
        profileIds.add(state.createProfile(Profiles.newAttributes(given, plan.from())).id());
      }
    }
    for (int i = 0; i < n; i++) {
      Instant t = timestamp(plan, i, n);
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("timestamp", t.getEpochSecond());
      a.put("event_properties", Map.of("seed_index", (long) i, "$value", (long) (random.nextInt(200) + 1)));
      a.put("datetime", t);
      a.put("uuid", new java.util.UUID(random.nextLong(), random.nextLong()).toString());
      Map<String, List<String>> rels = new LinkedHashMap<>();
      rels.put("profile", List.of(profileIds.get(i % profileIds.size())));
      rels.put("metric", List.of(metricIds.get(i % metricIds.size())));
      Resource event = state.insert(Types.EVENT, a, rels);
      if (i % metricIds.size() == 0) {
        orders.add(event);
      }
    }
    n = plan.count(SeedPlan.Type.CAMPAIGNS);
    List<String> messageIds = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Instant t = timestamp(plan, i, n);
      String channel = i % 2 == 0 ? "email" : "sms";
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("name", "Seed campaign " + (i + 1));
      a.put("status", "Draft");
      a.put("archived", false);
      a.put("audiences", Map.of("included", listIds.isEmpty() ? List.of() : List.of(listIds.get(0)),
          "excluded", List.of()));
      a.put("send_options", Map.of("use_smart_sending", true));
      Map<String, Object> tracking = new LinkedHashMap<>();
      tracking.put("add_tracking_params", false);
      tracking.put("custom_tracking_params", null);
      a.put("tracking_options", tracking);
      a.put("send_strategy", Map.of("method", "immediate"));
      a.put("created_at", t);
      a.put("scheduled_at", null);
      a.put("updated_at", t);
      a.put("send_time", null);
      Resource campaign = state.insert(Types.CAMPAIGN, a, Map.of());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("label", a.get("name"));
      m.put("channel", channel);
      Map<String, Object> content = new LinkedHashMap<>();
      if (channel.equals("email")) {
        content.put("subject", "Hello " + (i + 1));
        content.put("preview_text", null);
        content.put("from_email", "store@example.com");
        content.put("from_label", "Sandbox Store");
        content.put("reply_to_email", null);
        content.put("cc_email", null);
        content.put("bcc_email", null);
      } else {
        content.put("body", "Hello " + (i + 1));
        content.put("media_url", null);
      }
      m.put("content", content);
      m.put("send_times", List.of());
      m.put("created_at", t);
      m.put("updated_at", t);
      Resource message = state.insert(Types.CAMPAIGN_MESSAGE, m, Map.of("campaign", List.of(campaign.id())));
      state.relate(campaign, Map.of("campaign-messages", List.of(message.id())));
      messageIds.add(message.id());
    }
    // Klaviyo attributes a conversion to the message that led to it: the k-th seeded order to the
    // (k mod campaigns)-th seeded campaign's message, which the campaign reports count as conversions.
    for (int k = 0; k < orders.size() && !messageIds.isEmpty(); k++) {
      Resource order = orders.get(k);
      Map<String, Object> a = new LinkedHashMap<>(order.attributes());
      @SuppressWarnings("unchecked")
      Map<String, Object> properties = new LinkedHashMap<>((Map<String, Object>) a.get("event_properties"));
      properties.put("$attributed_message", messageIds.get(k % messageIds.size()));
      a.put("event_properties", properties);
      state.replace(order, a);
    }
    n = plan.count(SeedPlan.Type.TEMPLATES);
    for (int i = 0; i < n; i++) {
      Instant t = timestamp(plan, i, n);
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("name", "Seed template " + (i + 1));
      a.put("editor_type", "CODE");
      a.put("html", "<html><body>Seed template " + (i + 1) + "</body></html>");
      a.put("text", null);
      a.put("created", t);
      a.put("updated", t);
      state.insert(Types.TEMPLATE, a, Map.of());
    }
    n = plan.count(SeedPlan.Type.IMAGES);
    for (int i = 0; i < n; i++) {
      Instant t = timestamp(plan, i, n);
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("name", "seed-image-" + (i + 1) + ".png");
      a.put("image_url", "");
      a.put("format", "png");
      a.put("size", (long) TINY_PNG.length);
      a.put("hidden", false);
      a.put("updated_at", t);
      Resource image = state.insert(Types.IMAGE, a, Map.of());
      Map<String, Object> withUrl = new LinkedHashMap<>(image.attributes());
      withUrl.put("image_url", "/__admin/images/" + image.id() + ".png");
      withUrl.put("$bytes", TINY_PNG);
      state.replace(image, withUrl);
    }
    n = plan.count(SeedPlan.Type.FLOWS);
    for (int i = 0; i < n; i++) {
      Instant t = timestamp(plan, i, n);
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("name", "Seed flow " + (i + 1));
      a.put("status", i % 3 == 0 ? "draft" : "live");
      a.put("archived", false);
      a.put("created", t);
      a.put("updated", t);
      a.put("trigger_type", i % 2 == 0 ? "Metric" : "Added to List");
      state.insert(Types.FLOW, a, Map.of());
    }
    n = plan.count(SeedPlan.Type.FORMS);
    for (int i = 0; i < n; i++) {
      Instant t = timestamp(plan, i, n);
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("name", "Seed form " + (i + 1));
      a.put("status", i % 2 == 0 ? "live" : "draft");
      a.put("ab_test", false);
      a.put("created_at", t);
      a.put("updated_at", t);
      state.insert(Types.FORM, a, Map.of());
    }
    n = plan.count(SeedPlan.Type.REVIEWS);
    for (int i = 0; i < n; i++) {
      Instant t = timestamp(plan, i, n);
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("email", "reviewer-" + i + "@example.com");
      a.put("status", "published");
      a.put("verified", true);
      a.put("review_type", "review");
      a.put("created", t);
      a.put("updated", t);
      a.put("images", List.of());
      Map<String, Object> product = new LinkedHashMap<>();
      product.put("url", "https://example.com/products/" + (i % 10));
      product.put("name", "Product " + (i % 10));
      product.put("image_url", null);
      product.put("external_id", "product-" + (i % 10));
      a.put("product", product);
      a.put("rating", (long) (i % 5 + 1));
      a.put("author", FIRST[i % FIRST.length]);
      a.put("content", "Seed review " + (i + 1));
      a.put("title", "Review " + (i + 1));
      a.put("smart_quote", null);
      state.insert(Types.REVIEW, a, Map.of());
    }
  }

  /** The i-th of n timestamps: the first {@code sameSecond} share the middle second, the rest spread evenly. */
  static Instant timestamp(SeedPlan plan, int i, int n) {
    long from = plan.from().getEpochSecond();
    long to = plan.to().getEpochSecond();
    int shared = Math.min(plan.sameSecond(), n);
    if (i < shared) {
      return Instant.ofEpochSecond(from + (to - from) / 2);
    }
    int rest = n - shared;
    int j = i - shared;
    long t = rest <= 1 ? from : from + (to - from) * j / (rest - 1);
    return Instant.ofEpochSecond(t);
  }
}
