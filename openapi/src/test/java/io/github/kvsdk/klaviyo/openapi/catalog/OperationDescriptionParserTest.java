package io.github.kvsdk.klaviyo.openapi.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

final class OperationDescriptionParserTest {
  @Test
  void readsFixedPageSizeStatements() {
    assertThat(OperationDescriptionParser.statedPageSize("get_lists",
            "Get all lists.\n\nReturns a maximum of 10 results per page.<br><br>*Rate limits*"))
        .hasValue(10);
    assertThat(OperationDescriptionParser.statedPageSize("get_tags",
            "Returns a maximum of 50 tags per request, which can be paginated with\ncursor-based pagination."))
        .hasValue(50);
    assertThat(OperationDescriptionParser.statedPageSize("get_campaigns", "Returns some or all campaigns."))
        .isEmpty();
  }

  @Test
  void failsOnAMaximumItCannotRead() {
    assertThatThrownBy(() -> OperationDescriptionParser.statedPageSize("get_x", "Returns at most a maximum of ten."))
        .isInstanceOf(SpecShapeException.class)
        .hasMessageContaining("get_x");
  }

  @Test
  void failsOnContradictoryPageSizes() {
    assertThatThrownBy(() -> OperationDescriptionParser.statedPageSize("get_x",
            "Returns a maximum of 10 results per page. Returns a maximum of 20 results per page."))
        .isInstanceOf(SpecShapeException.class)
        .hasMessageContaining("several page sizes");
  }

  @Test
  void readsRequiredFilterFieldsFromExamples() {
    String description = "A channel filter is required to list campaigns. Please provide either:\n"
        + "`?filter=equals(messages.channel,'email')` to list email campaigns, or\n"
        + "`?filter=equals(messages.channel,'sms')` to list SMS campaigns.";
    assertThat(OperationDescriptionParser.requiredFilterFields(
            "get_campaigns", description, Set.of("messages.channel", "name"), true))
        .containsExactly("messages.channel");
  }

  @Test
  void readsRequiredFilterFieldsFromNouns() {
    String description = "Gets coupon codes.\n\nA coupon/coupons or a profile/profiles must be provided as "
        + "required filter params.<br><br>*Rate limits*";
    assertThat(OperationDescriptionParser.requiredFilterFields(
            "get_coupon_codes", description, Set.of("expires_at", "status", "coupon.id", "profile.id"), false))
        .containsExactlyInAnyOrder("coupon.id", "profile.id");
  }

  @Test
  void optionalFiltersRequireNothing() {
    assertThat(OperationDescriptionParser.requiredFilterFields("get_profiles", "Get all profiles.", Set.of("email"), false))
        .isEmpty();
  }

  @Test
  void failsWhenARequiredFilterNamesNoField() {
    assertThatThrownBy(() -> OperationDescriptionParser.requiredFilterFields(
            "get_x", "Get things.", Set.of("email"), true))
        .isInstanceOf(SpecShapeException.class)
        .hasMessageContaining("does not say on which field");
  }

  @Test
  void failsWhenARequiredFilterExampleIsNotFilterable() {
    assertThatThrownBy(() -> OperationDescriptionParser.requiredFilterFields(
            "get_x", "A filter is required: `?filter=equals(kind,'a')`", Set.of("email"), true))
        .isInstanceOf(SpecShapeException.class)
        .hasMessageContaining("'kind'");
  }
}
