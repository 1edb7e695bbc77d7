package io.github.kvsdk.klaviyo.sandbox.resources;

import static io.github.kvsdk.klaviyo.sandbox.testing.SandboxHttp.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import io.github.kvsdk.klaviyo.sandbox.testing.SandboxHttp;
import io.github.kvsdk.klaviyo.sandbox.testing.SandboxHttp.Reply;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Metric aggregates are computed from the stored events. */
final class AggregatesTest {
  @Test
  @SuppressWarnings("unchecked")
  void countSumAndUniqueProfilesPerDayGroupedByAProperty() {
    try (KlaviyoSandbox sandbox = KlaviyoSandbox.start()) {
      SandboxHttp http = new SandboxHttp(sandbox);
      event(http, "a@example.com", "2024-03-01T10:00:00Z", "9.5", "web");
      event(http, "a@example.com", "2024-03-01T11:00:00Z", "0.5", "web");
      event(http, "b@example.com", "2024-03-01T12:00:00Z", "2", "app");
      event(http, "b@example.com", "2024-03-03T12:00:00Z", "1", "web");
      event(http, "c@example.com", "2024-04-01T00:00:00Z", "100", "web"); // outside the range
      String metricId = sandbox.state().metrics().all().stream()
          .filter(m -> "Aggregated".equals(m.attributes().get("name"))).findFirst().orElseThrow().id();

      Reply reply = http.post("/api/metric-aggregates", """
          {"data":{"type":"metric-aggregate","attributes":{"metric_id":"%s","interval":"day",
            "measurements":["count","sum_value","unique"],
            "filter":["greater-or-equal(datetime,2024-03-01T00:00:00)","less-than(datetime,2024-03-04T00:00:00)"]}}}"""
          .formatted(metricId));
      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
      assertThat((List<Object>) reply.attributes().get("dates")).containsExactly("2024-03-01T00:00:00+00:00",
          "2024-03-02T00:00:00+00:00", "2024-03-03T00:00:00+00:00");
      Map<String, Object> measurements = map(map(((List<?>) reply.attributes().get("data")).get(0)).get("measurements"));
      assertThat((List<Object>) measurements.get("count")).containsExactly(3L, 0L, 1L);
      assertThat((List<Object>) measurements.get("unique")).containsExactly(2L, 0L, 1L);
      assertThat(((List<?>) measurements.get("sum_value")).stream().map(v -> new BigDecimal(v.toString()))
          .map(BigDecimal::stripTrailingZeros).toList())
          .containsExactly(new BigDecimal("12"), BigDecimal.ZERO, BigDecimal.ONE);

      Reply grouped = http.post("/api/metric-aggregates", """
          {"data":{"type":"metric-aggregate","attributes":{"metric_id":"%s","interval":"month",
            "measurements":["count"],"by":["Method"],
            "filter":["greater-or-equal(datetime,2024-03-01T00:00:00)","less-than(datetime,2024-05-01T00:00:00)"]}}}"""
          .formatted(metricId));
      List<?> rows = (List<?>) grouped.attributes().get("data");
      assertThat(rows).extracting(row -> map(row).get("dimensions")).containsExactly(List.of("app"), List.of("web"));
      assertThat(map(map(rows.get(1)).get("measurements")).get("count")).isEqualTo(List.of(3L, 1L));

      Reply unbounded = http.post("/api/metric-aggregates", """
          {"data":{"type":"metric-aggregate","attributes":{"metric_id":"%s","measurements":["count"],
            "filter":["greater-or-equal(datetime,2024-03-01T00:00:00)"]}}}""".formatted(metricId));
      assertThat(unbounded.status()).isEqualTo(400);
    }
  }

  private static void event(SandboxHttp http, String email, String time, String value, String method) {
    Reply reply = http.post("/api/events", """
        {"data":{"type":"event","attributes":{"properties":{"Method":"%s"},"time":"%s","value":%s,
          "metric":{"data":{"type":"metric","attributes":{"name":"Aggregated"}}},
          "profile":{"data":{"type":"profile","attributes":{"email":"%s"}}}}}}""".formatted(method, time, value, email));
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
  }
}
