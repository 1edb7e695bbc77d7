package io.github.kvsdk.klaviyo.sandbox.resources;

import static io.github.kvsdk.klaviyo.sandbox.testing.SandboxHttp.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import io.github.kvsdk.klaviyo.sandbox.seed.SeedPlan;
import io.github.kvsdk.klaviyo.sandbox.testing.SandboxHttp;
import io.github.kvsdk.klaviyo.sandbox.testing.SandboxHttp.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client API's writes, authenticated by the account's public key, are stored as their server-side
 * counterparts store them and are visible through the server API.
 */
final class ClientEndpointsTest {
  private KlaviyoSandbox sandbox;
  /** Calls the client API: no Authorization header, the public key in {@code company_id}. */
  private SandboxHttp client;
  /** Calls the server API with the private key. */
  private SandboxHttp server;
  private String companyId;

  @BeforeEach
  void start() {
    sandbox = KlaviyoSandbox.builder().seed(SeedPlan.builder().lists(1).others(1).build()).start();
    client = new SandboxHttp(sandbox).authorization(null);
    server = new SandboxHttp(sandbox);
    companyId = sandbox.account().id();
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private Reply post(String path, String json) {
    return client.post(path + "?company_id=" + companyId, json);
  }

  private Map<String, Object> profileByEmail(String email) {
    List<Map<String, Object>> found = server.get("/api/profiles?additional-fields%5Bprofile%5D=subscriptions"
        + "&filter=equals(email,%22" + email + "%22)").dataList();
    assertThat(found).as("profiles with " + email).hasSize(1);
    return found.get(0);
  }

  private static Map<String, Object> attributes(Map<String, Object> resource) {
    return map(resource.get("attributes"));
  }

  private List<Map<String, Object>> eventsOf(String profileId) {
    return server.get("/api/events?filter=equals(profile_id,%22" + profileId + "%22)").dataList();
  }

  @Test
  void aClientEventIsRecordedWithItsProfileAndMetric() {
    Reply reply = post("/client/events", """
        {"data":{"type":"event","attributes":{"properties":{"ProductName":"Shoe"},"value":12.5,
          "metric":{"data":{"type":"metric","attributes":{"name":"Viewed Product"}}},
          "profile":{"data":{"type":"profile","attributes":{"email":"shopper@example.com","first_name":"Ann"}}}}}}""");

    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    Map<String, Object> profile = profileByEmail("shopper@example.com");
    assertThat(attributes(profile)).containsEntry("first_name", "Ann");
    List<Map<String, Object>> events = eventsOf((String) profile.get("id"));
    assertThat(events).singleElement().satisfies(e -> assertThat(map(attributes(e).get("event_properties")))
        .containsEntry("ProductName", "Shoe").containsEntry("$value", new java.math.BigDecimal("12.5")));
    String metricId = (String) map(map(map(events.get(0).get("relationships")).get("metric")).get("data")).get("id");
    assertThat(server.get("/api/metrics/" + metricId).attributes()).containsEntry("name", "Viewed Product");
  }

  @Test
  void clientBulkEventsAreRecordedForOneProfile() {
    Reply reply = post("/client/event-bulk-create", """
        {"data":{"type":"event-bulk-create","attributes":{
          "profile":{"data":{"type":"profile","attributes":{"email":"bulk@example.com"}}},
          "events":{"data":[
            {"type":"event","attributes":{"properties":{"n":1},"metric":{"data":{"type":"metric","attributes":{"name":"Step"}}}}},
            {"type":"event","attributes":{"properties":{"n":2},"metric":{"data":{"type":"metric","attributes":{"name":"Step"}}}}}
          ]}}}}""");

    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    assertThat(eventsOf((String) profileByEmail("bulk@example.com").get("id"))).hasSize(2);
  }

  @Test
  void aClientProfileIsCreatedThenUpdatedByIdentifier() {
    String first = """
        {"data":{"type":"profile","attributes":{"email":"visitor@example.com","properties":{"a":1}}}}""";
    String second = """
        {"data":{"type":"profile","attributes":{"email":"visitor@example.com","last_name":"Lee","properties":{"b":2}},
          "meta":{"patch_properties":{"append":{"tags":"vip"}}}}}""";

    assertThat(post("/client/profiles", first).status()).isEqualTo(202);
    assertThat(post("/client/profiles", second).status()).isEqualTo(202);

    Map<String, Object> profile = attributes(profileByEmail("visitor@example.com"));
    assertThat(profile).containsEntry("last_name", "Lee");
    assertThat(map(profile.get("properties"))).containsEntry("a", 1L).containsEntry("b", 2L)
        .containsEntry("tags", List.of("vip"));
  }

  @Test
  void aClientSubscriptionConsentsAndJoinsTheList() {
    String listId = sandbox.state().lists().all().get(0).id();
    Reply reply = post("/client/subscriptions", """
        {"data":{"type":"subscription","attributes":{"custom_source":"Footer",
          "profile":{"data":{"type":"profile","attributes":{"email":"sub@example.com","phone_number":"+15005550006"}}}},
          "relationships":{"list":{"data":{"type":"list","id":"%s"}}}}}""".formatted(listId));

    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    Map<String, Object> profile = profileByEmail("sub@example.com");
    Map<String, Object> subscriptions = map(attributes(profile).get("subscriptions"));
    assertThat(map(map(subscriptions.get("email")).get("marketing"))).containsEntry("consent", "SUBSCRIBED")
        .containsEntry("can_receive_email_marketing", true);
    assertThat(map(map(subscriptions.get("sms")).get("marketing"))).containsEntry("consent", "SUBSCRIBED");
    assertThat(server.get("/api/lists/" + listId + "/relationships/profiles").dataList())
        .extracting(p -> p.get("id")).containsExactly(profile.get("id"));
  }

  @Test
  void aPushTokenSubscribesThePushChannelAndUnregisteringItUnsubscribes() {
    String token = """
        {"data":{"type":"push-token","attributes":{"token":"tok-1","platform":"ios","vendor":"apns",
          "enablement_status":"AUTHORIZED",
          "profile":{"data":{"type":"profile","attributes":{"email":"phone@example.com"}}}}}}""";
    assertThat(post("/client/push-tokens", token).status()).isEqualTo(202);
    Map<String, Object> push = map(map(map(attributes(profileByEmail("phone@example.com")).get("subscriptions"))
        .get("mobile_push")).get("marketing"));
    assertThat(push).containsEntry("consent", "SUBSCRIBED").containsEntry("can_receive_push_marketing", true);

    assertThat(post("/client/push-token-unregister", token.replace("push-token", "push-token-unregister")
        .replace("\"enablement_status\":\"AUTHORIZED\",", "")).status()).isEqualTo(202);

    push = map(map(map(attributes(profileByEmail("phone@example.com")).get("subscriptions"))
        .get("mobile_push")).get("marketing"));
    assertThat(push).containsEntry("consent", "UNSUBSCRIBED").containsEntry("can_receive_push_marketing", false);
  }

  @Test
  void aBackInStockSubscriptionRecordsItsEvent() {
    String variantId = sandbox.state().table("catalog-variant").all().get(0).id();
    Reply reply = post("/client/back-in-stock-subscriptions", """
        {"data":{"type":"back-in-stock-subscription","attributes":{"channels":["EMAIL"],
          "profile":{"data":{"type":"profile","attributes":{"email":"waiting@example.com"}}}},
          "relationships":{"variant":{"data":{"type":"catalog-variant","id":"%s"}}}}}""".formatted(variantId));

    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    List<Map<String, Object>> events = eventsOf((String) profileByEmail("waiting@example.com").get("id"));
    assertThat(events).singleElement().satisfies(e -> assertThat(map(attributes(e).get("event_properties")))
        .containsEntry("variant_id", variantId).containsEntry("channels", List.of("EMAIL")));
  }

  @Test
  void aWrongPublicKeyIsRefusedAndStoresNothing() {
    int profiles = sandbox.state().profiles().count();
    Reply reply = client.post("/client/profiles?company_id=NotTheKey",
        "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"x@example.com\"}}}");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.firstError().get("source")).isEqualTo(Map.of("parameter", "company_id"));
    assertThat(sandbox.state().profiles().count()).isEqualTo(profiles);
  }
}
