package io.github.kvsdk.klaviyo.sandbox.resources;

import static io.github.kvsdk.klaviyo.sandbox.testing.SandboxHttp.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import io.github.kvsdk.klaviyo.sandbox.seed.SeedPlan;
import io.github.kvsdk.klaviyo.sandbox.testing.ManualClock;
import io.github.kvsdk.klaviyo.sandbox.testing.SandboxHttp;
import io.github.kvsdk.klaviyo.sandbox.testing.SandboxHttp.Reply;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The values and series reports, computed from events created over HTTP with known attribution. */
final class ReportsTest {
  private static final String JUNE = "{\"start\":\"2024-06-01T00:00:00+00:00\",\"end\":\"2024-06-15T00:00:00+00:00\"}";
  private static final String THREE_DAYS =
      "{\"start\":\"2024-06-09T00:00:00+00:00\",\"end\":\"2024-06-12T00:00:00+00:00\"}";

  /** The sandbox clock; the test moves it. */
  private final ManualClock clock = new ManualClock();
  private KlaviyoSandbox sandbox;
  private SandboxHttp http;

  @BeforeEach
  void start() {
    clock.set(Instant.parse("2024-06-15T12:00:00Z"));
    sandbox = KlaviyoSandbox.builder().clock(clock)
        .seed(SeedPlan.builder().campaigns(1).segments(1).forms(1).flows(1).build()).start();
    http = new SandboxHttp(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private void event(String email, String metric, String time, String properties) {
    Reply r = http.post("/api/events", """
        {"data":{"type":"event","attributes":{"properties":%s,"time":"%s",
          "metric":{"data":{"type":"metric","attributes":{"name":"%s"}}},
          "profile":{"data":{"type":"profile","attributes":{"email":"%s"}}}}}}""".formatted(properties, time, metric,
        email));
    assertThat(r.status()).as(r.body()).isEqualTo(202);
  }

  private String metricId(String name) {
    return sandbox.state().metrics().all().stream().filter(m -> name.equals(m.attribute("name"))).findFirst()
        .orElseThrow().id();
  }

  private Reply report(String kind, String attributes) {
    Reply r = http.post("/api/" + kind + "-reports", "{\"data\":{\"type\":\"" + kind + "-report\",\"attributes\":{"
        + attributes + "}}}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r;
  }

  private static List<Double> doubles(Object numbers) {
    return ((List<?>) numbers).stream().map(n -> ((Number) n).doubleValue()).toList();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> results(Reply r) {
    return (List<Map<String, Object>>) r.attributes().get("results");
  }

  @Test
  void campaignValuesCountDeliveriesInteractionsAndAttributedConversions() {
    Resource campaign = sandbox.state().campaigns().all().get(0);
    String message = campaign.related("campaign-messages").get(0);
    String sent = "{\"$message\":\"" + message + "\"}";
    for (String who : List.of("a", "b", "c")) {
      event(who + "@example.com", "Received Email", "2024-06-10T10:00:00Z", sent);
    }
    event("d@example.com", "Bounced Email", "2024-06-10T10:00:00Z", sent);
    event("e@example.com", "Received Email", "2024-05-01T10:00:00Z", sent); // before the timeframe
    event("a@example.com", "Opened Email", "2024-06-10T11:00:00Z", sent);
    event("a@example.com", "Opened Email", "2024-06-10T12:00:00Z", sent);
    event("b@example.com", "Opened Email", "2024-06-10T11:00:00Z", sent);
    event("a@example.com", "Clicked Email", "2024-06-10T11:05:00Z", sent);
    event("c@example.com", "Unsubscribed", "2024-06-11T08:00:00Z", sent);
    event("a@example.com", "Placed Order", "2024-06-10T13:00:00Z",
        "{\"$attributed_message\":\"" + message + "\",\"$value\":100}");
    event("b@example.com", "Placed Order", "2024-06-12T13:00:00Z",
        "{\"$attributed_message\":\"" + message + "\",\"$value\":50}");
    event("c@example.com", "Placed Order", "2024-06-12T13:00:00Z", "{\"$value\":999}"); // not attributed
    String placedOrder = metricId("Placed Order");

    Reply reply = report("campaign-values", """
        "statistics":["recipients","delivered","bounced","bounce_rate","opens","opens_unique","open_rate",
          "clicks_unique","click_rate","click_to_open_rate","unsubscribes","conversions","conversion_value",
          "average_order_value","spam_complaints"],
        "timeframe":%s,"conversion_metric_id":"%s\"""".formatted(JUNE, placedOrder));

    assertThat(results(reply)).hasSize(1);
    Map<String, Object> result = results(reply).get(0);
    assertThat(map(result.get("groupings"))).isEqualTo(Map.of("campaign_id", campaign.id(),
        "campaign_message_id", message, "send_channel", "email"));
    Map<String, Object> stats = map(result.get("statistics"));
    assertThat(stats).containsEntry("recipients", 4L).containsEntry("delivered", 3L).containsEntry("bounced", 1L)
        .containsEntry("opens", 3L).containsEntry("opens_unique", 2L).containsEntry("clicks_unique", 1L)
        .containsEntry("unsubscribes", 1L).containsEntry("conversions", 2L).containsEntry("spam_complaints", 0L);
    assertThat(((Number) stats.get("conversion_value")).doubleValue()).isEqualTo(150.0);
    assertThat(((Number) stats.get("average_order_value")).doubleValue()).isEqualTo(75.0);
    assertThat(((Number) stats.get("bounce_rate")).doubleValue()).isEqualTo(0.25);
    assertThat(((Number) stats.get("open_rate")).doubleValue()).isCloseTo(2.0 / 3, within(1e-9));
    assertThat(((Number) stats.get("click_rate")).doubleValue()).isCloseTo(1.0 / 3, within(1e-9));
    assertThat(((Number) stats.get("click_to_open_rate")).doubleValue()).isEqualTo(0.5);
    assertThat(map(map(reply.data().get("relationships")).get("campaigns")).get("data"))
        .isEqualTo(List.of(Map.of("type", "campaign", "id", campaign.id())));

    Reply filtered = report("campaign-values", """
        "statistics":["delivered"],"timeframe":%s,"conversion_metric_id":"%s",
        "filter":"equals(campaign_id,\\"another\\")\"""".formatted(JUNE, placedOrder));
    assertThat(results(filtered)).isEmpty();
  }

  @Test
  void seededOrdersAreConversionsOfTheSeededCampaigns() {
    try (KlaviyoSandbox seeded = KlaviyoSandbox.builder().seed(SeedPlan.builder().events(30).campaigns(2)
        .between(Instant.parse("2024-03-01T00:00:00Z"), Instant.parse("2024-03-31T00:00:00Z")).build()).start()) {
      SandboxHttp client = new SandboxHttp(seeded);
      String placedOrder = seeded.state().metrics().all().stream()
          .filter(m -> "Placed Order".equals(m.attribute("name"))).findFirst().orElseThrow().id();
      // Of 30 events over 3 metrics, every third (10) is a Placed Order, attributed alternately to the two campaigns.
      Map<String, BigDecimal> valueByMessage = new java.util.HashMap<>();
      for (Resource event : seeded.state().events().all()) {
        Map<String, Object> properties = map(event.attributes().get("event_properties"));
        if (event.related("metric").get(0).equals(placedOrder)) {
          valueByMessage.merge((String) properties.get("$attributed_message"),
              new BigDecimal(String.valueOf(properties.get("$value"))), BigDecimal::add);
        }
      }
      assertThat(valueByMessage).hasSize(2);

      Reply reply = client.post("/api/campaign-values-reports", """
          {"data":{"type":"campaign-values-report","attributes":{"statistics":["conversions","conversion_value"],
            "timeframe":{"start":"2024-03-01T00:00:00+00:00","end":"2024-04-01T00:00:00+00:00"},
            "conversion_metric_id":"%s"}}}""".formatted(placedOrder));

      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
      assertThat(results(reply)).hasSize(2).allSatisfy(result -> {
        Map<String, Object> stats = map(result.get("statistics"));
        String message = (String) map(result.get("groupings")).get("campaign_message_id");
        assertThat(stats).containsEntry("conversions", 5L);
        assertThat(new BigDecimal(String.valueOf(stats.get("conversion_value"))))
            .isEqualByComparingTo(valueByMessage.get(message));
      });
    }
  }

  @Test
  void flowSeriesBucketsDeliveriesPerDay() {
    String flow = sandbox.state().flows().all().get(0).id();
    String sent = "{\"$flow\":\"" + flow + "\",\"$message\":\"FM1\"}";
    event("a@example.com", "Received Email", "2024-06-10T10:00:00Z", sent);
    event("b@example.com", "Received Email", "2024-06-11T09:00:00Z", sent);
    event("c@example.com", "Received Email", "2024-06-11T23:59:59Z", sent);
    event("a@example.com", "Clicked Email", "2024-06-11T10:00:00Z", sent);

    Reply reply = report("flow-series", """
        "statistics":["delivered","clicks","click_rate"],"timeframe":%s,"interval":"daily",
        "conversion_metric_id":"%s\"""".formatted(THREE_DAYS, metricId("Received Email")));

    assertThat(reply.attributes().get("date_times")).isEqualTo(List.of("2024-06-09T00:00:00+00:00",
        "2024-06-10T00:00:00+00:00", "2024-06-11T00:00:00+00:00"));
    Map<String, Object> result = results(reply).get(0);
    assertThat(map(result.get("groupings"))).containsEntry("flow_id", flow).containsEntry("flow_message_id", "FM1")
        .containsEntry("send_channel", "email");
    Map<String, Object> stats = map(result.get("statistics"));
    assertThat(stats.get("delivered")).isEqualTo(List.of(0L, 1L, 2L));
    assertThat(stats.get("clicks")).isEqualTo(List.of(0L, 0L, 1L));
    assertThat(doubles(stats.get("click_rate"))).containsExactly(0.0, 0.0, 0.5);
  }

  @Test
  void formValuesCountViewsAndSubmitsPerForm() {
    String form = sandbox.state().forms().all().get(0).id();
    String props = "{\"form_id\":\"" + form + "\"}";
    event("a@example.com", "Viewed Form", "2024-06-10T10:00:00Z", props);
    event("a@example.com", "Viewed Form", "2024-06-10T11:00:00Z", props);
    event("b@example.com", "Viewed Form", "2024-06-10T10:00:00Z", props);
    event("a@example.com", "Submitted Form", "2024-06-10T10:01:00Z", props);
    event("z@example.com", "Viewed Form", "2024-06-10T10:00:00Z", "{\"form_id\":\"other\"}");

    Reply reply = report("form-values", """
        "statistics":["viewed_form","viewed_form_uniques","submits","submit_rate","closed_form"],
        "timeframe":%s,"filter":"equals(form_id,\\"%s\\")\"""".formatted(JUNE, form));

    assertThat(results(reply)).singleElement().satisfies(result -> {
      assertThat(map(result.get("groupings"))).isEqualTo(Map.of("form_id", form));
      assertThat(map(result.get("statistics"))).containsEntry("viewed_form", 3L)
          .containsEntry("viewed_form_uniques", 2L).containsEntry("submits", 1L).containsEntry("closed_form", 0L);
      assertThat(((Number) map(result.get("statistics")).get("submit_rate")).doubleValue()).isEqualTo(0.5);
    });
  }

  @Test
  void segmentSeriesFollowMembershipChanges() {
    String segment = sandbox.state().segments().all().get(0).id();
    clock.set(Instant.parse("2024-06-10T08:00:00Z"));
    sandbox.state().setSegmentMembers(segment, List.of("p1", "p2"));
    clock.set(Instant.parse("2024-06-11T08:00:00Z"));
    sandbox.state().setSegmentMembers(segment, List.of("p2", "p3", "p4"));
    clock.set(Instant.parse("2024-06-15T12:00:00Z"));

    Reply series = report("segment-series", """
        "statistics":["members_added","members_removed","net_members_changed","total_members"],
        "timeframe":%s,"interval":"daily","filter":"equals(segment_id,\\"%s\\")\"""".formatted(THREE_DAYS, segment));
    Reply values = report("segment-values", """
        "statistics":["members_added","members_removed","net_members_changed","total_members"],
        "timeframe":%s""".formatted(JUNE));

    Map<String, Object> stats = map(results(series).get(0).get("statistics"));
    assertThat(stats.get("members_added")).isEqualTo(List.of(0L, 2L, 2L));
    assertThat(stats.get("members_removed")).isEqualTo(List.of(0L, 0L, 1L));
    assertThat(stats.get("net_members_changed")).isEqualTo(List.of(0L, 2L, 1L));
    assertThat(stats.get("total_members")).isEqualTo(List.of(0L, 2L, 3L));
    assertThat(results(values)).singleElement().satisfies(result -> {
      assertThat(map(result.get("groupings"))).isEqualTo(Map.of("segment_id", segment));
      assertThat(map(result.get("statistics"))).containsEntry("members_added", 4L)
          .containsEntry("members_removed", 1L).containsEntry("net_members_changed", 3L)
          .containsEntry("total_members", 3L);
    });
  }

  @Test
  void timeframesAndIntervalsOutsideTheSpecsLimitsAreRefused() {
    Reply tooLongForDaily = http.post("/api/segment-series-reports", """
        {"data":{"type":"segment-series-report","attributes":{"statistics":["total_members"],
          "timeframe":{"key":"last_90_days"},"interval":"daily"}}}""");
    Reply unknownField = http.post("/api/segment-values-reports", """
        {"data":{"type":"segment-values-report","attributes":{"statistics":["total_members"],
          "timeframe":{"key":"last_7_days"},"filter":"equals(list_id,\\"x\\")"}}}""");
    Reply unknownMetric = http.post("/api/campaign-values-reports", """
        {"data":{"type":"campaign-values-report","attributes":{"statistics":["opens"],
          "timeframe":{"key":"last_7_days"},"conversion_metric_id":"NOPE00"}}}""");

    assertThat(tooLongForDaily.status()).isEqualTo(400);
    assertThat(map(tooLongForDaily.firstError().get("source"))).containsEntry("pointer", "/data/attributes/interval");
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(map(unknownField.firstError().get("source"))).containsEntry("pointer", "/data/attributes/filter");
    assertThat(unknownMetric.status()).isEqualTo(400);
    assertThat(map(unknownMetric.firstError().get("source")))
        .containsEntry("pointer", "/data/attributes/conversion_metric_id");
  }
}
