package io.github.kvsdk.klaviyo.sandbox.resources;

import static io.github.kvsdk.klaviyo.sandbox.testing.SandboxHttp.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import io.github.kvsdk.klaviyo.sandbox.testing.ManualClock;
import io.github.kvsdk.klaviyo.sandbox.testing.SandboxHttp;
import io.github.kvsdk.klaviyo.sandbox.testing.SandboxHttp.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class ProfilesTest {
  private final ManualClock clock = new ManualClock();
  private KlaviyoSandbox sandbox;
  private SandboxHttp http;

  @BeforeEach
  void start() {
    sandbox = KlaviyoSandbox.builder().clock(clock).start();
    http = new SandboxHttp(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  static String profileBody(String email) {
    return """
        {"data":{"type":"profile","attributes":{"email":"%s","first_name":"Ada","last_name":"Lovelace",
        "location":{"city":"London"},"properties":{"plan":"gold","visits":3}}}}""".formatted(email);
  }

  @Test
  void createProfileReturns201WithServerTimestampsAtSecondPrecision() {
    Reply created = http.post("/api/profiles", profileBody("ada@example.com"));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.data().get("type")).isEqualTo("profile");
    assertThat((String) created.data().get("id")).matches("[0-9A-HJKMNP-TV-Z]{26}");
    assertThat(created.attributes()).containsEntry("email", "ada@example.com").containsEntry("first_name", "Ada");
    assertThat((String) created.attributes().get("created")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00");
    assertThat(created.attributes().get("updated")).isEqualTo(created.attributes().get("created"));
    assertThat(SandboxHttp.map(created.attributes().get("properties"))).containsEntry("visits", 3L);
    assertThat(created.body()).contains("\"visits\":3}").doesNotContain("3.0");
    assertThat(sandbox.state().profiles().count()).isEqualTo(1);
  }

  @Test
  void duplicateEmailGives409CarryingTheDuplicateProfileId() {
    String id = (String) http.post("/api/profiles", profileBody("dup@example.com")).data().get("id");

    Reply duplicate = http.post("/api/profiles", profileBody("DUP@example.com"));

    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.firstError()).containsEntry("code", "duplicate_profile").containsEntry("status", 409L);
    assertThat(SandboxHttp.map(duplicate.firstError().get("meta"))).containsEntry("duplicate_profile_id", id);
    assertThat(sandbox.state().profiles().count()).isEqualTo(1);
  }

  @Test
  void invalidEmailIsRejectedWithAPointerToTheField() {
    Reply reply = http.post("/api/profiles", profileBody("not-an-email"));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.firstError()).containsEntry("code", "invalid");
    assertThat(SandboxHttp.map(reply.firstError().get("source"))).containsEntry("pointer", "/data/attributes/email");
  }

  @Test
  void getProfileWithAdditionalSubscriptionsField() {
    String id = (String) http.post("/api/profiles", profileBody("get@example.com")).data().get("id");

    Reply plain = http.get("/api/profiles/" + id);
    Reply withSubscriptions = http.get("/api/profiles/" + id + "?additional-fields%5Bprofile%5D=subscriptions");

    assertThat(plain.status()).isEqualTo(200);
    assertThat(plain.attributes()).doesNotContainKey("subscriptions");
    assertThat(withSubscriptions.attributes()).containsKey("subscriptions");
    assertThat(http.get("/api/profiles/01GDDKASAP8TKDDA2GRZDSVP4H").status()).isEqualTo(404);
  }

  @Test
  void updateProfileMergesPropertiesAndBumpsUpdated() {
    String id = (String) http.post("/api/profiles", profileBody("upd@example.com")).data().get("id");
    clock.advance(Duration.ofSeconds(1)); // Timestamps have whole seconds: the update lands a second later.

    Reply updated = http.patch("/api/profiles/" + id, """
        {"data":{"type":"profile","id":"%s","attributes":{"title":"Countess","properties":{"visits":4}}}}"""
        .formatted(id));

    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.attributes()).containsEntry("title", "Countess");
    assertThat(SandboxHttp.map(updated.attributes().get("properties"))).containsEntry("plan", "gold")
        .containsEntry("visits", 4L);
    assertThat((String) updated.attributes().get("updated")).isGreaterThan((String) updated.attributes().get("created"));
  }

  @Test
  void updateWithMismatchedIdIsAConflict() {
    String id = (String) http.post("/api/profiles", profileBody("mismatch@example.com")).data().get("id");

    Reply reply = http.patch("/api/profiles/" + id,
        "{\"data\":{\"type\":\"profile\",\"id\":\"01GDDKASAP8TKDDA2GRZDSVP4H\",\"attributes\":{}}}");

    assertThat(reply.status()).isEqualTo(409);
  }

  @Test
  void whatTheSpecRefusesIsRefusedWithAPointerAndNothingStored() {
    int before = sandbox.state().profiles().count();
    Reply latitude = http.post("/api/profiles", """
        {"data":{"type":"profile","attributes":{"email":"geo@example.com","location":{"latitude":true}}}}""");
    assertThat(latitude.status()).isEqualTo(400);
    assertThat(map(latitude.firstError().get("source"))).containsEntry("pointer", "/data/attributes/location/latitude");
    Reply planet = http.post("/api/profiles", """
        {"data":{"type":"profile","attributes":{"email":"geo@example.com","location":{"planet":"Mars"}}}}""");
    assertThat(map(planet.firstError().get("source"))).containsEntry("pointer", "/data/attributes/location/planet");
    Reply consent = http.post("/api/profile-subscription-bulk-create-jobs", """
        {"data":{"type":"profile-subscription-bulk-create-job","attributes":{"profiles":{"data":[
          {"type":"profile","attributes":{"email":"geo@example.com",
            "subscriptions":{"email":{"marketing":{"consent":"UNSUBSCRIBED"}}}}}]}}}}""");
    assertThat(consent.status()).isEqualTo(400);
    assertThat(map(consent.firstError().get("source"))).containsEntry("pointer",
        "/data/attributes/profiles/data/0/attributes/subscriptions/email/marketing/consent");
    assertThat(sandbox.state().profiles().count()).isEqualTo(before);
    assertThat(sandbox.state().findProfileId("geo@example.com", null, null)).isNull();
  }

  @Test
  void subscribeAndUnsubscribeJobsChangeConsentAndListMembership() {
    String listId = (String) http.post("/api/lists",
        "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"Newsletter\"}}}").data().get("id");

    Reply subscribe = http.post("/api/profile-subscription-bulk-create-jobs", """
        {"data":{"type":"profile-subscription-bulk-create-job","attributes":{"profiles":{"data":[
          {"type":"profile","attributes":{"email":"sub@example.com","subscriptions":{"email":{"marketing":{"consent":"SUBSCRIBED"}}}}}]}},
         "relationships":{"list":{"data":{"type":"list","id":"%s"}}}}}""".formatted(listId));

    assertThat(subscribe.status()).isEqualTo(202);
    assertThat(subscribe.body()).isEmpty();
    String profileId = sandbox.state().findProfileId("sub@example.com", null, null);
    assertThat(sandbox.state().listMembers(listId)).containsExactly(profileId);
    Reply subscribed = http.get("/api/profiles/" + profileId + "?additional-fields%5Bprofile%5D=subscriptions");
    assertThat(subscribed.body()).contains("\"consent\":\"SUBSCRIBED\"", "\"can_receive_email_marketing\":true");

    Reply unsubscribe = http.post("/api/profile-subscription-bulk-delete-jobs", """
        {"data":{"type":"profile-subscription-bulk-delete-job","attributes":{"profiles":{"data":[
          {"type":"profile","attributes":{"email":"sub@example.com",
            "subscriptions":{"email":{"marketing":{"consent":"UNSUBSCRIBED"}}}}}]}},
         "relationships":{"list":{"data":{"type":"list","id":"%s"}}}}}""".formatted(listId));

    assertThat(unsubscribe.status()).isEqualTo(202);
    assertThat(sandbox.state().listMembers(listId)).isEmpty();
    Reply unsubscribed = http.get("/api/profiles/" + profileId + "?additional-fields%5Bprofile%5D=subscriptions");
    assertThat(unsubscribed.body()).contains("\"consent\":\"UNSUBSCRIBED\"", "\"can_receive_email_marketing\":false");
  }

  @Test
  void listMembershipsOfAProfileIncludeTheLists() {
    String listId = (String) http.post("/api/lists",
        "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"VIP\"}}}").data().get("id");
    String id = (String) http.post("/api/profiles", profileBody("member@example.com")).data().get("id");
    http.post("/api/lists/" + listId + "/relationships/profiles",
        "{\"data\":[{\"type\":\"profile\",\"id\":\"" + id + "\"}]}");

    Reply lists = http.get("/api/profiles/" + id + "/lists");
    Reply included = http.get("/api/profiles/" + id + "?include=lists");

    assertThat(lists.dataList()).extracting(d -> d.get("id")).containsExactly(listId);
    assertThat((List<?>) included.doc().get("included")).hasSize(1);
    assertThat(included.body()).contains("\"data\":[{\"type\":\"list\",\"id\":\"" + listId + "\"}]");
  }

  @Test
  void emailFilterMatchesAddressesWithPlusSigns() {
    http.post("/api/profiles", profileBody("a+tag@example.com"));
    http.post("/api/profiles", profileBody("a tag@example.org".replace(" ", "")));

    Reply plus = http.get("/api/profiles?filter="
        + java.net.URLEncoder.encode("equals(email,\"a+tag@example.com\")", java.nio.charset.StandardCharsets.UTF_8));

    assertThat(plus.dataList()).extracting(d -> SandboxHttp.map(d.get("attributes")).get("email"))
        .containsExactly("a+tag@example.com");
  }
}
