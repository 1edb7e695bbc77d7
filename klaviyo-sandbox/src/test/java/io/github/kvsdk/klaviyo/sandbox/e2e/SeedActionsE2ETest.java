package io.github.kvsdk.klaviyo.sandbox.e2e;

import static io.github.kvsdk.klaviyo.sandbox.testing.SandboxHttp.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import io.github.kvsdk.klaviyo.sandbox.seed.SeedPlan;
import io.github.kvsdk.klaviyo.sandbox.testing.SandboxHttp.Reply;
import io.github.kvsdk.klaviyo.sandbox.testing.SandboxHttp;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One end-to-end test per action of the connector's action table (seeds/000_0064a05c6383e53c.txt),
 * over real sockets; every response body is validated against the spec by {@link SandboxHttp}.
 */
final class SeedActionsE2ETest {
  static final String PNG_BASE64 =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

  static KlaviyoSandbox sandbox;
  static SandboxHttp http;

  @BeforeAll
  static void start() {
    sandbox = KlaviyoSandbox.builder()
        .seed(SeedPlan.builder().profiles(30).lists(3).segments(2).events(40).campaigns(4).templates(3)
            .images(2).flows(3).forms(2).reviews(3).build())
        .start();
    http = new SandboxHttp(sandbox);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static String anyId(String type) {
    return sandbox.state().table(type).all().get(0).id();
  }

  private static String newList(String name) {
    return (String) http.post("/api/lists",
        "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"" + name + "\"}}}").data().get("id");
  }

  private static String newCampaign(String name, String channel) {
    String listId = anyId("list");
    String body = messagesHaveDefinitions() ? """
        {"data":{"type":"campaign","attributes":{"name":"%s",
          "audiences":{"included":["%s"],"excluded":[]},
          "send_strategy":{"method":"static","datetime":"2030-01-01T10:00:00+00:00"},
          "send_options":{"use_smart_sending":true},
          "tracking_options":{"is_tracking_clicks":true,"is_tracking_opens":true},
          "campaign-messages":{"data":[{"type":"campaign-message","attributes":{"definition":%s}}]}}}}"""
        .formatted(name, listId, channel.equals("email")
            ? "{\"channel\":\"email\",\"label\":\"Main\",\"content\":{\"subject\":\"Hello\","
                + "\"from_email\":\"store@example.com\",\"from_label\":\"Store\"}}"
            : "{\"channel\":\"sms\",\"content\":{\"body\":\"Hello\"}}")
        : """
        {"data":{"type":"campaign","attributes":{"name":"%s",
          "audiences":{"included":["%s"],"excluded":[]},
          "send_strategy":{"method":"static","options_static":{"datetime":"2030-01-01T10:00:00+00:00"}},
          "send_options":{"use_smart_sending":true},
          "tracking_options":{"is_tracking_clicks":true,"is_tracking_opens":true},
          "campaign-messages":{"data":[{"type":"campaign-message","attributes":{"channel":"%s","label":"Main",
            "content":{"subject":"Hello","from_email":"store@example.com","from_label":"Store"}}}]}}}}"""
        .formatted(name, listId, channel);
    Reply reply = http.post("/api/campaigns", body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return (String) reply.data().get("id");
  }

  /** Whether the served revision puts a campaign message's channel and content in a definition (2025-01-15 on). */
  private static boolean messagesHaveDefinitions() {
    var schemas = io.github.kvsdk.klaviyo.sandbox.internal.spec.ApiSpec.packaged().schemas();
    Map<String, Object> schema = io.github.kvsdk.klaviyo.sandbox.internal.spec.ApiSpec.packaged()
        .operation("create_campaign").requestSchema();
    for (String member : List.of("data", "attributes", "campaign-messages", "data")) {
      schema = schema == null ? null : schemas.property(schema, member);
    }
    Object items = schema == null ? null : schemas.flatten(schema).get("items");
    Map<String, Object> attributes = items == null ? null : schemas.property(items, "attributes");
    return attributes != null && schemas.property(attributes, "definition") != null;
  }

  /** A stored campaign message's channel, in either shape. */
  private static Object channelOf(Map<String, Object> attributes) {
    if (attributes.get("channel") != null) {
      return attributes.get("channel");
    }
    return attributes.get("definition") instanceof Map<?, ?> d ? d.get("channel") : attributes.get("$channel");
  }

  private static String newSegment(String name) {
    Reply reply = http.post("/api/segments", """
        {"data":{"type":"segment","attributes":{"name":"%s","is_starred":true,"definition":{"condition_groups":[
          {"conditions":[{"type":"profile-property","property":"properties['plan']",
            "filter":{"type":"string","operator":"equals","value":"gold"}}]}]}}}}""".formatted(name));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return (String) reply.data().get("id");
  }

  private static String newTemplate(String name) {
    Reply reply = http.post("/api/templates", """
        {"data":{"type":"template","attributes":{"name":"%s","editor_type":"CODE",
          "html":"<html><body>Hi</body></html>","text":"Hi"}}}""".formatted(name));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return (String) reply.data().get("id");
  }

  @Test
  void bulkCreateEvents() {
    int before = sandbox.state().events().count();
    Reply reply = http.post("/api/event-bulk-create-jobs", """
        {"data":{"type":"event-bulk-create-job","attributes":{"events-bulk-create":{"data":[
          {"type":"event-bulk-create","attributes":{
            "profile":{"data":{"type":"profile","attributes":{"email":"bulk@example.com"}}},
            "events":{"data":[
              {"type":"event","attributes":{"properties":{"sku":"A"},"metric":{"data":{"type":"metric","attributes":{"name":"Bulk Metric"}}}}},
              {"type":"event","attributes":{"properties":{"sku":"B"},"time":"2024-05-01T12:00:00Z","value":9.5,
                "metric":{"data":{"type":"metric","attributes":{"name":"Bulk Metric"}}}}}]}}}]}}}}""");

    assertThat(reply.status()).isEqualTo(202);
    assertThat(sandbox.state().events().count()).isEqualTo(before + 2);
    assertThat(sandbox.state().metrics().all()).anyMatch(m -> "Bulk Metric".equals(m.attributes().get("name")));
  }

  @Test
  void createCampaign() {
    String id = newCampaign("Spring sale", "email");
    Reply get = http.get("/api/campaigns/" + id + "?include=campaign-messages");
    assertThat(get.attributes()).containsEntry("name", "Spring sale").containsEntry("status", "Draft");
    assertThat((List<?>) get.doc().get("included")).hasSize(1);
    assertThat(sandbox.state().campaignMessages().all())
        .anyMatch(m -> m.related("campaign").contains(id));
  }

  @Test
  void createEvent() {
    Reply reply = http.post("/api/events", """
        {"data":{"type":"event","attributes":{"properties":{"order":"1001"},"time":"2024-03-01T09:30:15.250Z",
          "value":42.5,"value_currency":"USD","unique_id":"order-1001",
          "metric":{"data":{"type":"metric","attributes":{"name":"Placed Order (e2e)"}}},
          "profile":{"data":{"type":"profile","attributes":{"email":"event@example.com"}}}}}}""");

    assertThat(reply.status()).isEqualTo(202);
    var event = sandbox.state().events().all().stream()
        .filter(e -> "order-1001".equals(e.attributes().get("uuid"))).findFirst().orElseThrow();
    assertThat(event.attributes().get("timestamp")).isEqualTo(1709285415L);
    assertThat(sandbox.state().findProfileId("event@example.com", null, null)).isNotNull();
  }

  @Test
  void createList() {
    Reply reply = http.post("/api/lists", "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"Newsletter\"}}}");
    assertThat(reply.status()).isEqualTo(201);
    assertThat((String) reply.data().get("id")).matches("[A-Za-z0-9]{6}");
    assertThat(reply.attributes()).containsEntry("name", "Newsletter");
  }

  @Test
  void createProfile() {
    Reply reply = http.post("/api/profiles", """
        {"data":{"type":"profile","attributes":{"email":"create@example.com","phone_number":"+15005550006",
          "external_id":"ext-1","first_name":"Grace","last_name":"Hopper","organization":"Navy","title":"Admiral",
          "image":"https://example.com/g.png","location":{"city":"Arlington","country":"US"},
          "properties":{"rank":"RADM"}}}}""");
    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.attributes()).containsEntry("external_id", "ext-1").containsEntry("phone_number", "+15005550006");
  }

  @Test
  void createSegment() {
    String id = newSegment("Gold members");
    assertThat(sandbox.state().segments().get(id).orElseThrow().attributes()).containsEntry("is_starred", true);
  }

  @Test
  void createTemplate() {
    String id = newTemplate("Welcome");
    assertThat(http.get("/api/templates/" + id).attributes()).containsEntry("editor_type", "CODE");
  }

  @Test
  void deleteCampaign() {
    String id = newCampaign("To delete", "sms");
    assertThat(http.delete("/api/campaigns/" + id).status()).isEqualTo(204);
    assertThat(http.get("/api/campaigns/" + id).status()).isEqualTo(404);
  }

  @Test
  void deleteList() {
    String id = newList("Disposable");
    assertThat(http.delete("/api/lists/" + id).status()).isEqualTo(204);
    assertThat(sandbox.state().lists().contains(id)).isFalse();
  }

  @Test
  void deleteSegment() {
    String id = newSegment("Disposable segment");
    assertThat(http.delete("/api/segments/" + id).status()).isEqualTo(204);
    assertThat(http.get("/api/segments/" + id).status()).isEqualTo(404);
  }

  @Test
  void deleteTemplate() {
    String id = newTemplate("Disposable template");
    assertThat(http.delete("/api/templates/" + id).status()).isEqualTo(204);
    assertThat(http.delete("/api/templates/" + id).status()).isEqualTo(404);
  }

  @Test
  void getAccount() {
    String id = sandbox.account().id();
    Reply reply = http.get("/api/accounts/" + id + "?fields%5Baccount%5D=timezone,contact_information.organization_name");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.attributes()).containsOnlyKeys("timezone", "contact_information");
    assertThat(http.get("/api/accounts/" + id).attributes()).containsEntry("public_api_key", id);
  }

  @Test
  void getCampaign() {
    String id = newCampaign("Get me", "email");
    Reply reply = http.get("/api/campaigns/" + id);
    assertThat(reply.data().get("id")).isEqualTo(id);
    assertThat(map(reply.attributes().get("send_strategy"))).containsEntry("method", "static");
  }

  @Test
  void getEvent() {
    String id = anyId("event");
    Reply reply = http.get("/api/events/" + id + "?include=metric,profile");
    assertThat(reply.status()).isEqualTo(200);
    assertThat((List<?>) reply.doc().get("included")).hasSize(2);
    Reply sparse = http.get("/api/events/" + id + "?fields%5Bevent%5D=datetime&fields%5Bmetric%5D=name&include=metric");
    assertThat(sparse.attributes()).containsOnlyKeys("datetime");
  }

  @Test
  void getImage() {
    String id = anyId("image");
    Reply reply = http.get("/api/images/" + id);
    assertThat(reply.attributes()).containsEntry("format", "png").containsKey("image_url");
  }

  @Test
  void getList() {
    String id = anyId("list");
    assertThat(http.get("/api/lists/" + id).data().get("id")).isEqualTo(id);
  }

  @Test
  void getProfile() {
    String id = anyId("profile");
    Reply reply = http.get("/api/profiles/" + id + "?additional-fields%5Bprofile%5D=subscriptions,predictive_analytics");
    assertThat(reply.attributes()).containsKeys("subscriptions", "predictive_analytics");
  }

  @Test
  void getSegment() {
    String id = anyId("segment");
    assertThat(http.get("/api/segments/" + id).attributes()).containsKey("definition");
  }

  @Test
  void getTemplate() {
    String id = anyId("template");
    assertThat(http.get("/api/templates/" + id).attributes()).containsKey("html");
  }

  @Test
  void listAccounts() {
    Reply reply = http.get("/api/accounts");
    assertThat(reply.dataList()).hasSize(1);
  }

  @Test
  void listCampaigns() {
    Reply missingFilter = http.get("/api/campaigns");
    assertThat(missingFilter.status()).isEqualTo(400);
    Reply sms = http.get("/api/campaigns?filter=equals(messages.channel,'sms')");
    assertThat(sms.status()).isEqualTo(200);
    assertThat(sms.dataList()).isNotEmpty();
    for (Map<String, Object> c : sms.dataList()) {
      List<?> messages = (List<?>) map(map(c.get("relationships")).get("campaign-messages")).get("data");
      String messageId = (String) map(messages.get(0)).get("id");
      assertThat(channelOf(sandbox.state().campaignMessages().get(messageId).orElseThrow().attributes()))
          .isEqualTo("sms");
    }
  }

  @Test
  void listEvents() {
    Reply reply = http.get("/api/events?fields%5Bevent%5D=datetime,event_properties&fields%5Bmetric%5D=name"
        + "&fields%5Bprofile%5D=email&include=metric,profile&sort=-datetime");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.dataList()).isNotEmpty();
    assertThat(http.get("/api/events").dataList()).hasSizeLessThanOrEqualTo(200);
  }

  @Test
  void listImages() {
    Reply reply = http.get("/api/images?page%5Bsize%5D=1");
    assertThat(reply.dataList()).hasSize(1);
    assertThat(reply.link("next")).contains("page%5Bcursor%5D=");
  }

  @Test
  void listListProfiles() {
    String listId = anyId("list");
    Reply reply = http.get("/api/lists/" + listId + "/profiles?additional-fields%5Bprofile%5D=subscriptions"
        + "&page%5Bsize%5D=5");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.dataList()).hasSize(5);
    assertThat(reply.dataList()).allSatisfy(p ->
        assertThat(sandbox.state().listMembers(listId)).contains((String) p.get("id")));
  }

  @Test
  void listLists() {
    Reply reply = http.get("/api/lists?fields%5Blist%5D=name");
    assertThat(reply.dataList()).isNotEmpty().hasSizeLessThanOrEqualTo(10);
    assertThat(map(reply.dataList().get(0).get("attributes"))).containsOnlyKeys("name");
  }

  @Test
  void listProfile() {
    Reply reply = http.get("/api/profiles?additional-fields%5Bprofile%5D=subscriptions");
    assertThat(reply.dataList()).hasSize(20);
    Reply next = http.get(reply.link("next").substring(sandbox.baseUrl().length()));
    assertThat(next.dataList()).hasSize(Math.min(20, sandbox.state().profiles().count() - 20));
    assertThat(next.dataList()).extracting(p -> p.get("id"))
        .doesNotContainAnyElementsOf(reply.dataList().stream().map(p -> p.get("id")).toList());
  }

  @Test
  void listSegments() {
    assertThat(http.get("/api/segments").dataList()).isNotEmpty();
  }

  @Test
  void listTemplates() {
    assertThat(http.get("/api/templates?sort=-created").dataList()).isNotEmpty();
  }

  @Test
  void rawRequest() {
    Reply reply = http.get("/api/accounts");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.headers().get("Content-Type")).startsWith("application/vnd.api+json");
  }

  @Test
  void subscribeProfiles() {
    Reply reply = http.post("/api/profile-subscription-bulk-create-jobs", """
        {"data":{"type":"profile-subscription-bulk-create-job","attributes":{"custom_source":"e2e","profiles":{"data":[
          {"type":"profile","attributes":{"email":"s1@example.com","phone_number":"+15005550001","subscriptions":{
            "email":{"marketing":{"consent":"SUBSCRIBED"}},"sms":{"marketing":{"consent":"SUBSCRIBED"}}}}}]}}}}""");
    assertThat(reply.status()).isEqualTo(202);
    String id = sandbox.state().findProfileId("s1@example.com", null, null);
    assertThat(sandbox.state().profiles().get(id).orElseThrow().attribute("subscriptions.sms.marketing.consent"))
        .isEqualTo("SUBSCRIBED");
  }

  @Test
  void unsubscribeProfiles() {
    http.post("/api/profile-subscription-bulk-create-jobs", """
        {"data":{"type":"profile-subscription-bulk-create-job","attributes":{"profiles":{"data":[
          {"type":"profile","attributes":{"email":"u1@example.com",
            "subscriptions":{"email":{"marketing":{"consent":"SUBSCRIBED"}}}}}]}}}}""");
    Reply reply = http.post("/api/profile-subscription-bulk-delete-jobs", """
        {"data":{"type":"profile-subscription-bulk-delete-job","attributes":{"profiles":{"data":[
          {"type":"profile","attributes":{"email":"u1@example.com",
            "subscriptions":{"email":{"marketing":{"consent":"UNSUBSCRIBED"}}}}}]}}}}""");
    assertThat(reply.status()).isEqualTo(202);
    String id = sandbox.state().findProfileId("u1@example.com", null, null);
    assertThat(sandbox.state().profiles().get(id).orElseThrow().attribute("subscriptions.email.marketing.consent"))
        .isEqualTo("UNSUBSCRIBED");
  }

  @Test
  void updateCampaign() {
    String id = newCampaign("Before", "email");
    Reply reply = http.patch("/api/campaigns/" + id, """
        {"data":{"type":"campaign","id":"%s","attributes":{"name":"After",
          "audiences":{"included":[],"excluded":["%s"]},"send_strategy":{"method":"immediate"},
          "tracking_options":{"is_tracking_opens":false}}}}""".formatted(id, anyId("list")));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.attributes()).containsEntry("name", "After");
  }

  @Test
  void updateImage() {
    String id = anyId("image");
    Reply reply = http.patch("/api/images/" + id,
        "{\"data\":{\"type\":\"image\",\"id\":\"" + id + "\",\"attributes\":{\"name\":\"renamed.png\",\"hidden\":true}}}");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.attributes()).containsEntry("name", "renamed.png").containsEntry("hidden", true);
  }

  @Test
  void updateList() {
    String id = newList("Old name");
    Reply reply = http.patch("/api/lists/" + id,
        "{\"data\":{\"type\":\"list\",\"id\":\"" + id + "\",\"attributes\":{\"name\":\"New name\"}}}");
    assertThat(reply.attributes()).containsEntry("name", "New name");
  }

  @Test
  void updateProfile() {
    String id = anyId("profile");
    Reply reply = http.patch("/api/profiles/" + id, """
        {"data":{"type":"profile","id":"%s","attributes":{"organization":"Klaviyo","location":{"city":"Boston"},
          "properties":{"tier":2}}}}""".formatted(id));
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.attributes()).containsEntry("organization", "Klaviyo");
    assertThat(map(reply.attributes().get("location"))).containsEntry("city", "Boston");
  }

  @Test
  void updateSegment() {
    String id = newSegment("Segment v1");
    Reply reply = http.patch("/api/segments/" + id,
        "{\"data\":{\"type\":\"segment\",\"id\":\"" + id + "\",\"attributes\":{\"name\":\"Segment v2\",\"is_starred\":false}}}");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.attributes()).containsEntry("name", "Segment v2").containsEntry("is_starred", false);
  }

  @Test
  void updateTemplate() {
    String id = newTemplate("Template v1");
    Reply reply = http.patch("/api/templates/" + id,
        "{\"data\":{\"type\":\"template\",\"id\":\"" + id + "\",\"attributes\":{\"html\":\"<p>v2</p>\"}}}");
    assertThat(reply.attributes()).containsEntry("html", "<p>v2</p>").containsEntry("name", "Template v1");
  }

  @Test
  void uploadImage() {
    Reply fromDataUri = http.post("/api/images", """
        {"data":{"type":"image","attributes":{"name":"logo","import_from_url":"data:image/png;base64,%s"}}}"""
        .formatted(PNG_BASE64));
    assertThat(fromDataUri.status()).as(fromDataUri.body()).isEqualTo(201);
    assertThat(fromDataUri.attributes()).containsEntry("format", "png").containsEntry("size", 70L);

    Reply sameName = http.post("/api/images", """
        {"data":{"type":"image","attributes":{"name":"logo","import_from_url":"data:image/png;base64,%s"}}}"""
        .formatted(PNG_BASE64));
    assertThat(sameName.attributes()).containsEntry("name", "logo (1)");

    MultipartBody multipart = new MultipartBody.Builder().setType(MultipartBody.FORM)
        .addFormDataPart("file", "pixel.png",
            RequestBody.create(Base64.getDecoder().decode(PNG_BASE64), MediaType.get("image/png")))
        .build();
    Reply fromFile = http.send(http.request("/api/image-upload").post(multipart).build());
    assertThat(fromFile.status()).as(fromFile.body()).isEqualTo(201);
    assertThat(fromFile.attributes()).containsEntry("name", "pixel.png");

    String imageUrl = (String) fromFile.attributes().get("image_url");
    Reply bytes = http.send(new okhttp3.Request.Builder().url(imageUrl).build());
    assertThat(bytes.status()).isEqualTo(200);
    assertThat(bytes.headers().get("Content-Type")).isEqualTo("image/png");

    Reply notAnImage = http.post("/api/images", """
        {"data":{"type":"image","attributes":{"import_from_url":"data:image/png;base64,aGVsbG8="}}}""");
    assertThat(notAnImage.status()).isEqualTo(400);
  }
}
