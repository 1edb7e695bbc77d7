package io.github.kvsdk.klaviyo.sandbox.resources;

import static io.github.kvsdk.klaviyo.sandbox.testing.SandboxHttp.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import io.github.kvsdk.klaviyo.sandbox.seed.SeedPlan;
import io.github.kvsdk.klaviyo.sandbox.testing.ManualClock;
import io.github.kvsdk.klaviyo.sandbox.testing.SandboxHttp;
import io.github.kvsdk.klaviyo.sandbox.testing.SandboxHttp.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The effects of suppression, campaign-send and recipient-estimation jobs, visible over HTTP once the job
 * completes.
 */
final class JobEffectsTest {
  private static String profile(SandboxHttp http, String email) {
    Reply r = http.post("/api/profiles", "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"" + email + "\"}}}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return (String) r.data().get("id");
  }

  private static void addToList(SandboxHttp http, String listId, String... profileIds) {
    StringBuilder data = new StringBuilder();
    for (String id : profileIds) {
      data.append(data.length() == 0 ? "" : ",").append("{\"type\":\"profile\",\"id\":\"").append(id).append("\"}");
    }
    Reply r = http.post("/api/lists/" + listId + "/relationships/profiles", "{\"data\":[" + data + "]}");
    assertThat(r.status()).as(r.body()).isEqualTo(204);
  }

  private static Map<String, Object> emailMarketing(SandboxHttp http, String profileId) {
    Reply r = http.get("/api/profiles/" + profileId + "?additional-fields%5Bprofile%5D=subscriptions");
    return map(map(map(r.attributes().get("subscriptions")).get("email")).get("marketing"));
  }

  private static String suppressionJob(String kind, String email, String listId) {
    return "{\"data\":{\"type\":\"profile-suppression-bulk-" + kind + "-job\",\"attributes\":{\"profiles\":{\"data\":["
        + "{\"type\":\"profile\",\"attributes\":{\"email\":\"" + email + "\"}},"
        + "{\"type\":\"profile\",\"attributes\":{\"email\":\"nobody@example.com\"}}]}}"
        + (listId == null ? "" : ",\"relationships\":{\"list\":{\"data\":{\"type\":\"list\",\"id\":\"" + listId + "\"}}}")
        + "}}";
  }

  @Test
  void suppressionMarksTheProfilesAndTheListMembersAndUnsuppressionRestoresThem() {
    try (KlaviyoSandbox sandbox = KlaviyoSandbox.builder().seed(SeedPlan.builder().lists(1).build())
        .jobDuration(Duration.ZERO).start()) {
      SandboxHttp http = new SandboxHttp(sandbox);
      String listId = sandbox.state().lists().all().get(0).id();
      String ann = profile(http, "ann@example.com");
      String bob = profile(http, "bob@example.com");
      String cid = profile(http, "cid@example.com");
      addToList(http, listId, bob);

      Reply job = http.post("/api/profile-suppression-bulk-create-jobs", suppressionJob("create", "ann@example.com", listId));

      assertThat(job.status()).as(job.body()).isEqualTo(202);
      Reply polled = http.get("/api/profile-suppression-bulk-create-jobs/" + job.data().get("id"));
      assertThat(polled.attributes()).containsEntry("status", "complete").containsEntry("completed_count", 2L)
          .containsEntry("skipped_count", 1L);
      for (String id : List.of(ann, bob)) {
        Map<String, Object> marketing = emailMarketing(http, id);
        assertThat(marketing).containsEntry("can_receive_email_marketing", false);
        assertThat((List<?>) marketing.get("suppression")).singleElement()
            .satisfies(s -> assertThat(map(s)).containsEntry("reason", "USER_SUPPRESSED").containsKey("timestamp"));
      }
      assertThat((List<?>) emailMarketing(http, cid).get("suppression")).isEmpty();

      Reply undo = http.post("/api/profile-suppression-bulk-delete-jobs", suppressionJob("delete", "ann@example.com", null));

      assertThat(undo.status()).as(undo.body()).isEqualTo(202);
      assertThat(http.get("/api/profile-suppression-bulk-delete-jobs/" + undo.data().get("id")).attributes())
          .containsEntry("status", "complete").containsEntry("completed_count", 1L);
      assertThat((List<?>) emailMarketing(http, ann).get("suppression")).isEmpty();
      assertThat((List<?>) emailMarketing(http, bob).get("suppression")).hasSize(1);
    }
  }

  @Test
  void recipientEstimationCountsIncludedMinusExcludedMinusSuppressedAndSendingDelivers() {
    try (KlaviyoSandbox sandbox = KlaviyoSandbox.builder()
        .seed(SeedPlan.builder().lists(2).campaigns(1).build()).jobDuration(Duration.ZERO).start()) {
      SandboxHttp http = new SandboxHttp(sandbox);
      List<Resource> lists = sandbox.state().lists().all();
      String included = lists.get(0).id();
      String excluded = lists.get(1).id();
      Resource campaign = sandbox.state().campaigns().all().stream()
          .filter(c -> "Seed campaign 1".equals(c.attribute("name"))).findFirst().orElseThrow();
      String a = profile(http, "a@example.com");
      String b = profile(http, "b@example.com");
      String c = profile(http, "c@example.com");
      String d = profile(http, "d@example.com");
      addToList(http, included, a, b, c, d);
      addToList(http, excluded, b);
      Reply patched = http.patch("/api/campaigns/" + campaign.id(), "{\"data\":{\"type\":\"campaign\",\"id\":\""
          + campaign.id() + "\",\"attributes\":{\"audiences\":{\"included\":[\"" + included + "\"],\"excluded\":[\""
          + excluded + "\"]}}}}");
      assertThat(patched.status()).as(patched.body()).isEqualTo(200);
      assertThat(http.post("/api/profile-suppression-bulk-create-jobs", suppressionJob("create", "c@example.com", null))
          .status()).isEqualTo(202);
      String estimationJob = "{\"data\":{\"type\":\"campaign-recipient-estimation-job\",\"id\":\"" + campaign.id() + "\"}}";

      Reply estimation = http.post("/api/campaign-recipient-estimation-jobs", estimationJob);

      assertThat(estimation.status()).as(estimation.body()).isEqualTo(202);
      assertThat(http.get("/api/campaign-recipient-estimation-jobs/" + campaign.id()).attributes())
          .containsEntry("status", "complete");
      assertThat(http.get("/api/campaign-recipient-estimations/" + campaign.id()).attributes())
          .containsEntry("estimated_recipient_count", 2L); // a and d
      // A refresh replaces the estimation.
      addToList(http, excluded, d);
      assertThat(http.post("/api/campaign-recipient-estimation-jobs", estimationJob).status()).isEqualTo(202);
      assertThat(http.get("/api/campaign-recipient-estimations/" + campaign.id()).attributes())
          .containsEntry("estimated_recipient_count", 1L);

      Reply send = http.post("/api/campaign-send-jobs",
          "{\"data\":{\"type\":\"campaign-send-job\",\"id\":\"" + campaign.id() + "\"}}");

      assertThat(send.status()).as(send.body()).isEqualTo(202);
      assertThat(http.get("/api/campaign-send-jobs/" + campaign.id()).attributes()).containsEntry("status", "complete");
      Map<String, Object> sent = http.get("/api/campaigns/" + campaign.id()).attributes();
      assertThat(sent).containsEntry("status", "Sent");
      assertThat(sent.get("send_time")).isNotNull();
      String messageId = campaign.related("campaign-messages").get(0);
      assertThat((List<?>) http.get("/api/campaign-messages/" + messageId).attributes().get("send_times")).hasSize(1);
      List<Map<String, Object>> events = http.get("/api/events?include=metric,profile").dataList();
      List<Map<String, Object>> deliveries = events.stream()
          .filter(e -> messageId.equals(map(map(e.get("attributes")).get("event_properties")).get("$message")))
          .toList();
      assertThat(deliveries).singleElement().satisfies(e -> assertThat(
          map(map(map(e.get("relationships")).get("profile")).get("data")).get("id")).isEqualTo(a));
      assertThat(http.post("/api/campaign-send-jobs",
          "{\"data\":{\"type\":\"campaign-send-job\",\"id\":\"" + campaign.id() + "\"}}").status()).isEqualTo(409);
    }
  }

  @Test
  void aCancelledSendJobNeverSendsTheCampaign() {
    ManualClock clock = new ManualClock();
    try (KlaviyoSandbox sandbox = KlaviyoSandbox.builder().seed(SeedPlan.builder().lists(1).campaigns(1).build())
        .clock(clock).jobDuration(Duration.ofSeconds(10)).start()) {
      SandboxHttp http = new SandboxHttp(sandbox);
      String campaignId = sandbox.state().campaigns().all().get(0).id();
      assertThat(http.post("/api/campaign-send-jobs",
          "{\"data\":{\"type\":\"campaign-send-job\",\"id\":\"" + campaignId + "\"}}").status()).isEqualTo(202);

      Reply cancelled = http.patch("/api/campaign-send-jobs/" + campaignId, "{\"data\":{\"type\":\"campaign-send-job\","
          + "\"id\":\"" + campaignId + "\",\"attributes\":{\"action\":\"cancel\"}}}");
      clock.advance(Duration.ofSeconds(20));

      assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(204);
      assertThat(http.get("/api/campaign-send-jobs/" + campaignId).attributes()).containsEntry("status", "cancelled");
      assertThat(http.get("/api/campaigns/" + campaignId).attributes()).containsEntry("status", "Draft")
          .containsEntry("send_time", null);
    }
  }
}
