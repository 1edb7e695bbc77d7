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
import org.junit.jupiter.api.Test;

/** Bulk jobs move queued -> processing -> complete on the sandbox clock, and take effect only when complete. */
final class JobsTest {
  private static final String TWO_ITEMS = """
      {"data":{"type":"catalog-item-bulk-create-job","attributes":{"items":{"data":[
        {"type":"catalog-item","attributes":{"external_id":"SKU-1","title":"One","description":"First",
          "url":"https://example.com/1"}},
        {"type":"catalog-item","attributes":{"external_id":"SKU-2","title":"Two","description":"Second",
          "url":"https://example.com/2"}}]}}}}""";

  @Test
  void aBulkCreateJobIsPollableThroughItsLifecycleAndItsItemsAppearWhenItCompletes() {
    ManualClock clock = new ManualClock();
    try (KlaviyoSandbox sandbox = KlaviyoSandbox.builder().clock(clock).jobDuration(Duration.ofSeconds(10)).start()) {
      SandboxHttp http = new SandboxHttp(sandbox);
      Reply created = http.post("/api/catalog-item-bulk-create-jobs", TWO_ITEMS);
      assertThat(created.status()).as(created.body()).isEqualTo(202);
      String jobId = (String) created.data().get("id");
      assertThat(created.attributes()).containsEntry("status", "queued").containsEntry("total_count", 2L);
      assertThat(http.get("/api/catalog-items").dataList()).isEmpty();

      clock.advance(Duration.ofSeconds(6));
      Reply processing = http.get("/api/catalog-item-bulk-create-jobs/" + jobId);
      assertThat(processing.attributes()).containsEntry("status", "processing");
      assertThat(http.get("/api/catalog-items").dataList()).isEmpty();

      clock.advance(Duration.ofSeconds(5));
      Reply complete = http.get("/api/catalog-item-bulk-create-jobs/" + jobId);
      assertThat(complete.attributes()).containsEntry("status", "complete").containsEntry("completed_count", 2L)
          .containsEntry("failed_count", 0L);
      assertThat((String) complete.attributes().get("completed_at")).isEqualTo("2024-06-01T12:00:11+00:00");
      List<Map<String, Object>> items = http.get("/api/catalog-items").dataList();
      assertThat(items).extracting(i -> map(i.get("attributes")).get("external_id"))
          .containsExactlyInAnyOrder("SKU-1", "SKU-2");
    }
  }

  @Test
  void failedItemsAreReportedAsJobErrorsWithAPointer() {
    try (KlaviyoSandbox sandbox = KlaviyoSandbox.builder().jobDuration(Duration.ZERO).start()) {
      SandboxHttp http = new SandboxHttp(sandbox);
      Reply job = http.post("/api/catalog-item-bulk-delete-jobs", """
          {"data":{"type":"catalog-item-bulk-delete-job","attributes":{"items":{"data":[
            {"type":"catalog-item","id":"$custom:::$default:::NOPE"}]}}}}""");
      assertThat(job.status()).as(job.body()).isEqualTo(202);
      assertThat(job.attributes()).containsEntry("status", "complete").containsEntry("completed_count", 0L)
          .containsEntry("failed_count", 1L);
      Map<String, Object> error = map(((List<?>) job.attributes().get("errors")).get(0));
      assertThat(map(error.get("source"))).containsEntry("pointer", "/data/attributes/items/data/0");
      assertThat((String) error.get("detail")).contains("does not exist");
    }
  }

  @Test
  void aProfileImportJobImportsByIdentifierAndJoinsTheListWhenComplete() {
    try (KlaviyoSandbox sandbox = KlaviyoSandbox.builder().jobDuration(Duration.ZERO).start()) {
      SandboxHttp http = new SandboxHttp(sandbox);
      String listId = (String) http.post("/api/lists", "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"L\"}}}")
          .data().get("id");
      Reply job = http.post("/api/profile-bulk-import-jobs", """
          {"data":{"type":"profile-bulk-import-job","attributes":{"profiles":{"data":[
            {"type":"profile","attributes":{"email":"imp-1@example.com","first_name":"Ann"}},
            {"type":"profile","attributes":{"email":"imp-2@example.com"}}]}},
           "relationships":{"lists":{"data":[{"type":"list","id":"%s"}]}}}}""".formatted(listId));
      assertThat(job.status()).as(job.body()).isEqualTo(202);
      assertThat(job.attributes()).containsEntry("status", "complete").containsEntry("completed_count", 2L);
      assertThat(sandbox.state().listMembers(listId)).hasSize(2);
      String jobId = (String) job.data().get("id");
      assertThat(http.get("/api/profile-bulk-import-jobs/" + jobId + "/profiles").dataList()).hasSize(2);
    }
  }
}
