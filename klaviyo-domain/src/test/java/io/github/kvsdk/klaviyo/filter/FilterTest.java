package io.github.kvsdk.klaviyo.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kvsdk.klaviyo.catalog.FilterOperator;
import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

final class FilterTest {
  private static final Instant JAN_1 = Instant.parse("2024-01-01T00:00:00Z");

  @Test
  void stringsAreDoubleQuotedWithQuotesAndBackslashesEscaped() {
    assertThat(Filter.equalTo("email", "a@b.com").expression()).isEqualTo("equals(email,\"a@b.com\")");
    assertThat(Filter.equalTo("name", "say \"hi\" \\o/").expression())
        .isEqualTo("equals(name,\"say \\\"hi\\\" \\\\o/\")");
    assertThat(Filter.contains("name", "a,b)").expression()).isEqualTo("contains(name,\"a,b)\")");
  }

  @Test
  void dateTimesAreUnquotedIso8601InUtc() {
    assertThat(Filter.greaterThan("updated", JAN_1).expression())
        .isEqualTo("greater-than(updated,2024-01-01T00:00:00Z)");
    OffsetDateTime paris = OffsetDateTime.of(2024, 1, 1, 2, 0, 0, 0, ZoneOffset.ofHours(2));
    assertThat(Filter.lessThan("updated", paris).expression()).isEqualTo("less-than(updated,2024-01-01T00:00:00Z)");
    ZonedDateTime newYork = ZonedDateTime.of(2023, 12, 31, 19, 0, 0, 0, ZoneId.of("America/New_York"));
    assertThat(Filter.lessOrEqual("datetime", newYork).expression())
        .isEqualTo("less-or-equal(datetime,2024-01-01T00:00:00Z)");
    assertThat(Filter.greaterOrEqual("datetime", Date.from(JAN_1)).expression())
        .isEqualTo("greater-or-equal(datetime,2024-01-01T00:00:00Z)");
    assertThat(Filter.greaterThan("created", LocalDate.of(2024, 2, 29)).expression())
        .isEqualTo("greater-than(created,2024-02-29)");
  }

  @Test
  void booleansNumbersNullAndListsRenderBare() {
    assertThat(Filter.equalTo("archived", true).expression()).isEqualTo("equals(archived,true)");
    assertThat(Filter.greaterThan("size", 1024).expression()).isEqualTo("greater-than(size,1024)");
    assertThat(Filter.lessOrEqual("rating", 4.50).expression()).isEqualTo("less-or-equal(rating,4.5)");
    assertThat(Filter.lessOrEqual("rating", new BigDecimal("1E+2")).expression()).isEqualTo("less-or-equal(rating,100)");
    assertThat(Filter.equalTo("external_id", null).expression()).isEqualTo("equals(external_id,null)");
    assertThat(Filter.any("id", List.of("a", "b")).expression()).isEqualTo("any(id,[\"a\",\"b\"])");
    assertThat(Filter.any("rating", List.of(4, 5)).expression()).isEqualTo("any(rating,[4,5])");
    assertThat(Filter.containsAll("tags", Arrays.asList("x", "y")).expression())
        .isEqualTo("contains-all(tags,[\"x\",\"y\"])");
    assertThat(Filter.containsAny("tags", List.of("x")).expression()).isEqualTo("contains-any(tags,[\"x\"])");
    assertThat(Filter.startsWith("name", "Wel").expression()).isEqualTo("starts-with(name,\"Wel\")");
    assertThat(Filter.endsWith("name", "come").expression()).isEqualTo("ends-with(name,\"come\")");
    assertThat(Filter.has("profile").expression()).isEqualTo("has(profile)");
    assertThat(Filter.has("tags", "vip").expression()).isEqualTo("has(tags,\"vip\")");
  }

  @Test
  void andJoinsConditionsWithCommas() {
    Filter filter = Filter.equalTo("messages.channel", "email")
        .and(Filter.greaterOrEqual("updated_at", JAN_1))
        .and(Filter.lessThan("updated_at", JAN_1.plusSeconds(60)));
    assertThat(filter.expression()).isEqualTo(
        "equals(messages.channel,\"email\"),greater-or-equal(updated_at,2024-01-01T00:00:00Z),"
            + "less-than(updated_at,2024-01-01T00:01:00Z)");
    assertThat(filter.conditions()).extracting(FilterCondition::operator)
        .containsExactly(FilterOperator.EQUALS, FilterOperator.GREATER_OR_EQUAL, FilterOperator.LESS_THAN);
    assertThat(filter.toString()).isEqualTo(filter.expression());
  }

  @Test
  void filtersAreImmutableValues() {
    Filter base = Filter.equalTo("email", "a@b.com");
    Filter more = base.and(Filter.has("profile"));
    assertThat(base.conditions()).hasSize(1);
    assertThat(more.conditions()).hasSize(2);
    assertThat(Filter.equalTo("email", "a@b.com")).isEqualTo(base).hasSameHashCodeAs(base);
    List<String> ids = new java.util.ArrayList<>(List.of("a"));
    Filter any = Filter.any("id", ids);
    ids.add("b");
    assertThat(any.expression()).isEqualTo("any(id,[\"a\"])");
    assertThatThrownBy(() -> base.conditions().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void urlEncodingIsLeftToTheHttpLayerAndRoundTrips() {
    Filter filter = Filter.equalTo("email", "a+b@c.com").and(Filter.greaterThan("updated", JAN_1));
    HttpUrl url = HttpUrl.get("https://a.klaviyo.com/api/profiles").newBuilder()
        .addQueryParameter("filter", filter.expression()).build();
    assertThat(url.encodedQuery()).doesNotContain("\"").doesNotContain("+b");
    assertThat(url.queryParameter("filter")).isEqualTo(filter.expression());
  }

  @Test
  void valueKindsAreCheckedPerOperator() {
    assertInvalid(() -> Filter.greaterThan("updated", "2024-01-01"), "updated", "number or a date-time");
    assertInvalid(() -> Filter.lessThan("updated", List.of(1)), "updated", "number or a date-time");
    assertInvalid(() -> Filter.any("id", List.of()), "id", "non-empty list");
    assertInvalid(() -> Filter.of(FilterOperator.ANY, "id", "a"), "id", "non-empty list");
    assertInvalid(() -> Filter.of(FilterOperator.STARTS_WITH, "name", 3), "name", "must be a string");
    assertInvalid(() -> Filter.contains("name", null), "name", "single non-null value");
    assertInvalid(() -> Filter.equalTo("size", Double.NaN), "size", "finite");
    assertInvalid(() -> Filter.equalTo("id", List.of(List.of("a"))), "id", "nested");
    assertInvalid(() -> Filter.equalTo("id", new Object()), "id", "java.lang.Object");
  }

  @Test
  void fieldNamesAreChecked() {
    assertInvalid(() -> Filter.equalTo("", "x"), "", "Invalid filter field name");
    assertInvalid(() -> Filter.equalTo("a,b", "x"), "a,b", "Invalid filter field name");
    assertInvalid(() -> Filter.equalTo("a b", "x"), "a b", "Invalid filter field name");
    assertInvalid(() -> Filter.equalTo(null, "x"), "null", "Invalid filter field name");
  }

  @Test
  void parsesTheSeedDefaultWithSingleQuotes() {
    Filter filter = Filter.parse("equals(messages.channel,'sms')");
    assertThat(filter).isEqualTo(Filter.equalTo("messages.channel", "sms"));
    assertThat(filter.expression()).isEqualTo("equals(messages.channel,\"sms\")");
  }

  @Test
  void parsesEveryValueKind() {
    Filter filter = Filter.parse(
        "greater-than(updated,2024-01-01T02:00:00+02:00), any(id,[\"a\", 'b\\'c']),equals(archived,false),"
            + "equals(x,null),less-or-equal(rating,4.5),greater-than(size,12),has(profile),"
            + "equals(day,2024-02-29),contains(name,\"x\\\"y\")");
    assertThat(filter.conditions()).containsExactly(
        Filter.greaterThan("updated", JAN_1).conditions().get(0),
        Filter.any("id", List.of("a", "b'c")).conditions().get(0),
        Filter.equalTo("archived", false).conditions().get(0),
        Filter.equalTo("x", null).conditions().get(0),
        Filter.lessOrEqual("rating", new BigDecimal("4.5")).conditions().get(0),
        Filter.greaterThan("size", 12L).conditions().get(0),
        Filter.has("profile").conditions().get(0),
        Filter.equalTo("day", LocalDate.of(2024, 2, 29)).conditions().get(0),
        Filter.contains("name", "x\"y").conditions().get(0));
    assertThat(Filter.parse(filter.expression())).isEqualTo(filter);
  }

  @Test
  void malformedExpressionsAreRejectedWithThePosition() {
    assertInvalid(() -> Filter.parse(""), "filter", "empty");
    assertInvalid(() -> Filter.parse("equals(email,\"a"), "filter", "unterminated string");
    assertInvalid(() -> Filter.parse("matches(email,\"a\")"), "filter", "unknown operator 'matches'");
    assertInvalid(() -> Filter.parse("equals(email,a@b.com)"), "filter", "quote strings");
    assertInvalid(() -> Filter.parse("equals(email)"), "filter", "needs a value");
    assertInvalid(() -> Filter.parse("equals(email,\"a\") x"), "filter", "position 18");
    assertInvalid(() -> Filter.parse("greater-than(updated,\"2024\")"), "updated", "number or a date-time");
  }

  private static void assertInvalid(Runnable action, String field, String message) {
    assertThatThrownBy(action::run)
        .isInstanceOf(FilterValidationException.class)
        .isInstanceOf(KlaviyoValidationException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((FilterValidationException) e).field()).isEqualTo(field));
  }
}
