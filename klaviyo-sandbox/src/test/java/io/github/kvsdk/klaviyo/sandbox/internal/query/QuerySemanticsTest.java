package io.github.kvsdk.klaviyo.sandbox.internal.query;

import static io.github.kvsdk.klaviyo.sandbox.testing.SandboxHttp.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import io.github.kvsdk.klaviyo.sandbox.seed.SeedPlan;
import io.github.kvsdk.klaviyo.sandbox.testing.SandboxHttp.Reply;
import io.github.kvsdk.klaviyo.sandbox.testing.SandboxHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Filter, sort, cursor paging, sparse fieldsets and include, as the spec defines them per endpoint. */
final class QuerySemanticsTest {
  static final Instant FROM = Instant.parse("2024-01-01T00:00:00Z");
  static final Instant TO = Instant.parse("2024-01-31T00:00:00Z");

  static KlaviyoSandbox sandbox;
  static SandboxHttp http;

  @BeforeAll
  static void start() {
    sandbox = KlaviyoSandbox.builder()
        .seed(SeedPlan.builder().profiles(250).lists(25).events(450).templates(12).flows(60).images(5)
            .between(FROM, TO).sameSecond(120).build())
        .start();
    http = new SandboxHttp(sandbox);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Follows links.next from {@code first} and returns all ids in order. */
  static List<String> walk(String first) {
    List<String> ids = new ArrayList<>();
    String next = first;
    int pages = 0;
    while (next != null) {
      Reply page = http.get(next.startsWith("http") ? next.substring(sandbox.baseUrl().length()) : next);
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      page.dataList().forEach(d -> ids.add((String) d.get("id")));
      next = page.link("next");
      assertThat(++pages).isLessThan(1000);
    }
    return ids;
  }

  @Test
  void cursorPagingIsStableWhenManyProfilesShareOneSecond() {
    List<String> ids = walk("/api/profiles?sort=updated&page%5Bsize%5D=7");

    assertThat(ids).hasSize(250).doesNotHaveDuplicates();
    Set<Object> sharedSecond = new HashSet<>();
    sandbox.state().profiles().all().forEach(p -> sharedSecond.add(p.attributes().get("updated")));
    assertThat(sharedSecond).hasSizeLessThan(250 - 100);
  }

  @Test
  void cursorPagingDescendingVisitsEveryProfileOnce() {
    List<String> ids = walk("/api/profiles?sort=-created&page%5Bsize%5D=100");
    assertThat(ids).hasSize(250).doesNotHaveDuplicates();
    List<String> ascending = walk("/api/profiles?sort=created&page%5Bsize%5D=100");
    List<String> reversed = new ArrayList<>(ascending);
    java.util.Collections.reverse(reversed);
    assertThat(ids).isEqualTo(reversed);
  }

  @Test
  void prevLinkReturnsThePreviousPage() {
    Reply first = http.get("/api/profiles?page%5Bsize%5D=10");
    Reply second = http.get(first.link("next").substring(sandbox.baseUrl().length()));
    Reply back = http.get(second.link("prev").substring(sandbox.baseUrl().length()));

    assertThat(first.link("prev")).isNull();
    assertThat(back.dataList()).extracting(d -> d.get("id"))
        .containsExactlyElementsOf(first.dataList().stream().map(d -> d.get("id")).toList());
  }

  @Test
  void fixedPageSizesApplyWhereThereIsNoPageSizeParameter() {
    assertThat(http.get("/api/events").dataList()).hasSize(200);
    assertThat(http.get("/api/lists").dataList()).hasSize(10);
    assertThat(http.get("/api/templates").dataList()).hasSize(10);
    assertThat(http.get("/api/flows").dataList()).hasSize(50);
    assertThat(walk("/api/events")).hasSize(450).doesNotHaveDuplicates();
    Reply rejected = http.get("/api/events?page%5Bsize%5D=5");
    assertThat(rejected.status()).isEqualTo(400);
    assertThat(map(rejected.firstError().get("source"))).containsEntry("parameter", "page[size]");
  }

  @Test
  void pageSizeOutsideTheSpecBoundsIsRejected() {
    assertThat(http.get("/api/profiles?page%5Bsize%5D=101").status()).isEqualTo(400);
    assertThat(http.get("/api/profiles?page%5Bsize%5D=0").status()).isEqualTo(400);
    assertThat(http.get("/api/flows?page%5Bsize%5D=51").status()).isEqualTo(400);
    assertThat(http.get("/api/profiles?page%5Bsize%5D=100").dataList()).hasSize(100);
  }

  @Test
  void profilesAllowOnlyGreaterThanAndLessThanOnTimestamps() {
    Reply gte = http.get("/api/profiles?filter=" + q("greater-or-equal(updated,2024-01-10T00:00:00Z)"));
    assertThat(gte.status()).isEqualTo(400);
    assertThat(map(gte.firstError().get("source"))).containsEntry("parameter", "filter");
    assertThat((String) gte.firstError().get("detail")).contains("greater-or-equal", "updated");

    Instant bound = Instant.parse("2024-01-20T00:00:00Z");
    List<String> ids = walk("/api/profiles?page%5Bsize%5D=100&filter="
        + q("greater-than(updated,2024-01-20T00:00:00Z),less-than(created,2024-02-01T00:00:00+00:00)"));
    long expected = sandbox.state().profiles().all().stream()
        .filter(p -> ((Instant) p.attributes().get("updated")).isAfter(bound)).count();
    assertThat(ids).hasSize((int) expected);
    assertThat(expected).isBetween(1L, 249L);
  }

  @Test
  void unknownFieldsOperatorsAndSyntaxErrorsAre400s() {
    assertThat(http.get("/api/profiles?filter=" + q("equals(first_name,\"Ada\")")).status()).isEqualTo(400);
    assertThat(http.get("/api/profiles?filter=" + q("equals(email,")).status()).isEqualTo(400);
    assertThat(http.get("/api/profiles?filter=" + q("between(created,1,2)")).status()).isEqualTo(400);
    assertThat(http.get("/api/profiles?filter=" + q("any(email,\"a@b.com\")")).status()).isEqualTo(400);
    assertThat(http.get("/api/metrics?sort=name").status()).isEqualTo(400);
    assertThat(http.get("/api/profiles?sort=first_name").status()).isEqualTo(400);
    assertThat(http.get("/api/profiles?page%5Bcursor%5D=garbage").status()).isEqualTo(400);
    assertThat(http.get("/api/profiles?bogus=1").status()).isEqualTo(400);
  }

  @Test
  void filterValuesMustHaveTheirFieldsTypeDatetimesUnquotedStringsQuoted() {
    Reply quotedDatetime = http.get("/api/profiles?filter=" + q("greater-than(updated,\"2024-01-01T00:00:00Z\")"));
    assertThat(quotedDatetime.status()).isEqualTo(400);
    assertThat(map(quotedDatetime.firstError().get("source"))).containsEntry("parameter", "filter");
    assertThat((String) quotedDatetime.firstError().get("detail")).contains("without quotes");
    assertThat(http.get("/api/profiles?filter=" + q("equals(email,seed-7@example.com)")).status()).isEqualTo(400);
    assertThat(http.get("/api/profiles?filter=" + q("equals(email,2024-01-01T00:00:00Z)")).status()).isEqualTo(400);
    assertThat(http.get("/api/profiles?filter=" + q("any(email,[\"a@b.com\",7])")).status()).isEqualTo(400);
    assertThat(http.get("/api/profiles?filter=" + q("greater-than(updated,2024-01-01T00:00:00Z)")).status())
        .isEqualTo(200);
  }

  @Test
  void equalsAndAnyFiltersMatchIdentifiers() {
    Reply one = http.get("/api/profiles?filter=" + q("equals(email,\"seed-7@example.com\")"));
    assertThat(one.dataList()).hasSize(1);
    Reply two = http.get("/api/profiles?filter=" + q("any(email,[\"seed-1@example.com\",\"seed-2@example.com\"])"));
    assertThat(two.dataList()).hasSize(2);
    Reply none = http.get("/api/profiles?filter=" + q("equals(email,\"nobody@example.com\")"));
    assertThat(none.dataList()).isEmpty();
  }

  @Test
  void eventFiltersOnMetricAndDatetimeAllowGreaterOrEqual() {
    String metricId = sandbox.state().metrics().all().get(0).id();
    List<String> ids = walk("/api/events?filter=" + q("equals(metric_id,\"" + metricId + "\"),"
        + "greater-or-equal(datetime,2024-01-15T00:00:00Z)") + "&sort=datetime");
    long expected = sandbox.state().events().all().stream()
        .filter(e -> e.related("metric").contains(metricId))
        .filter(e -> !((Instant) e.attributes().get("datetime")).isBefore(Instant.parse("2024-01-15T00:00:00Z")))
        .count();
    assertThat(ids).hasSize((int) expected).doesNotHaveDuplicates();
    assertThat(expected).isPositive();
  }

  @Test
  void sortOrdersByTheRequestedField() {
    Reply asc = http.get("/api/templates?sort=name");
    List<String> names = asc.dataList().stream().map(d -> (String) map(d.get("attributes")).get("name")).toList();
    assertThat(names).isSorted();
    Reply desc = http.get("/api/images?sort=-size");
    assertThat(desc.status()).isEqualTo(200);
  }

  @Test
  void sparseFieldsetsKeepOnlyTheNamedAttributesIncludingNestedOnes() {
    Reply reply = http.get("/api/profiles?fields%5Bprofile%5D=email,location.city&page%5Bsize%5D=1");
    Map<String, Object> attributes = map(reply.dataList().get(0).get("attributes"));
    assertThat(attributes).containsOnlyKeys("email", "location");
    assertThat(map(attributes.get("location"))).containsOnlyKeys("city");
    assertThat(http.get("/api/profiles?fields%5Bprofile%5D=nonsense").status()).isEqualTo(400);
  }

  @Test
  void includeAddsRelatedObjectsOnce() {
    Reply reply = http.get("/api/events?include=metric&fields%5Bmetric%5D=name");
    List<Map<String, Object>> included = ((List<?>) reply.doc().get("included")).stream().map(SandboxHttp::map).toList();
    assertThat(included).isNotEmpty().allSatisfy(i -> assertThat(i.get("type")).isEqualTo("metric"));
    assertThat(included.stream().map(i -> i.get("id")).toList()).doesNotHaveDuplicates();
    assertThat(http.get("/api/events?include=lists").status()).isEqualTo(400);
  }
}
