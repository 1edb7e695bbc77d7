package io.github.kvsdk.klaviyo.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kvsdk.klaviyo.catalog.FilterOperator;
import io.github.kvsdk.klaviyo.catalog.Operation;
import io.github.kvsdk.klaviyo.catalog.OperationCatalog;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Filters checked against the rules the pinned spec states per endpoint. */
final class FilterValidationTest {
  private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");
  private final OperationCatalog catalog = OperationCatalog.packaged();

  @Test
  void profilesRejectGreaterOrEqualOnUpdatedNamingFieldOperatorAndAllowedSet() {
    Operation profiles = catalog.operation("get_profiles");
    FilterValidationException e = catchInvalid(Filter.greaterOrEqual("updated", T), profiles);
    assertThat(e.field()).isEqualTo("updated");
    assertThat(e.operator()).contains(FilterOperator.GREATER_OR_EQUAL);
    assertThat(e.allowed()).containsExactlyInAnyOrder("greater-than", "less-than");
    assertThat(e.operationId()).contains("get_profiles");
    assertThat(e.getMessage())
        .contains("'greater-or-equal'", "'updated'", "get_profiles", "greater-than", "less-than");
  }

  @Test
  void profilesAcceptGreaterThanAndLessThanOnUpdated() {
    Filter window = Filter.greaterThan("updated", T).and(Filter.lessThan("updated", T.plusSeconds(3600)));
    assertThat(window.validateFor(catalog.operation("get_profiles"))).isSameAs(window);
  }

  @Test
  void eventsAcceptEveryComparisonOnDatetime() {
    Operation events = catalog.operation("get_events");
    Filter.greaterOrEqual("datetime", T).and(Filter.lessOrEqual("datetime", T))
        .and(Filter.greaterThan("timestamp", T)).and(Filter.lessThan("timestamp", T))
        .and(Filter.has("profile")).validateFor(events);
    assertThatThrownBy(() -> Filter.equalTo("datetime", T).validateFor(events))
        .isInstanceOf(FilterValidationException.class)
        .hasMessageContaining("allowed operators: [greater-than, less-than, greater-or-equal, less-or-equal]");
  }

  @Test
  void unknownFieldsAreRejectedWithTheFilterableFields() {
    FilterValidationException e =
        catchInvalid(Filter.equalTo("first_name", "Ada"), catalog.operation("get_profiles"));
    assertThat(e.field()).isEqualTo("first_name");
    assertThat(e.allowed()).contains("email", "phone_number", "created", "updated");
    assertThat(e.getMessage()).contains("'first_name' cannot be filtered on");
  }

  @Test
  void campaignsRequireAChannelFilter() {
    Operation campaigns = catalog.operation("get_campaigns");
    FilterValidationException missing = catchInvalid(Filter.equalTo("archived", false), campaigns);
    assertThat(missing.field()).isEqualTo("messages.channel");
    assertThat(missing.allowed()).containsExactly("messages.channel");
    assertThat(missing.getMessage()).contains("requires a filter on [messages.channel]");

    assertThatThrownBy(() -> Filter.validate(campaigns, null))
        .isInstanceOf(FilterValidationException.class)
        .hasMessageContaining("messages.channel");

    Filter.parse("equals(messages.channel,'sms')").and(Filter.greaterThan("updated_at", T)).validateFor(campaigns);
  }

  @Test
  void couponCodesAcceptEitherRequiredField() {
    Operation codes = catalog.operation("get_coupon_codes");
    Filter.equalTo("profile.id", "P1").validateFor(codes);
    Filter.any("coupon.id", List.of("C1", "C2")).validateFor(codes);
    assertThatThrownBy(() -> Filter.equalTo("status", "UNASSIGNED").validateFor(codes))
        .isInstanceOf(FilterValidationException.class)
        .hasMessageContaining("one of [coupon.id, profile.id]");
  }

  @Test
  void operationsWithoutAFilterRejectAnyFilter() {
    Operation accounts = catalog.operation("get_accounts");
    assertThat(accounts.filterable()).isFalse();
    Filter.validate(accounts, null);
    assertThatThrownBy(() -> Filter.equalTo("id", "x").validateFor(accounts))
        .isInstanceOf(FilterValidationException.class)
        .hasMessageContaining("get_accounts (GET /api/accounts) does not accept a filter");
  }

  @Test
  void flowsAllowStringMatchingOnName() {
    Operation flows = catalog.operation("get_flows");
    Filter.startsWith("name", "Welcome").and(Filter.endsWith("name", "v2")).and(Filter.contains("name", "x"))
        .and(Filter.equalTo("archived", false)).validateFor(flows);
    catchInvalid(Filter.any("name", List.of("a")), flows);
  }

  private static FilterValidationException catchInvalid(Filter filter, Operation operation) {
    try {
      filter.validateFor(operation);
    } catch (FilterValidationException e) {
      return e;
    }
    throw new AssertionError("expected " + filter + " to be rejected by " + operation);
  }
}
