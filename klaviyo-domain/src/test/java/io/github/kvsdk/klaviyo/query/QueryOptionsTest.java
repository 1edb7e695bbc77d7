package io.github.kvsdk.klaviyo.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kvsdk.klaviyo.catalog.Operation;
import io.github.kvsdk.klaviyo.catalog.OperationCatalog;
import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.filter.Filter;
import io.github.kvsdk.klaviyo.filter.FilterValidationException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class QueryOptionsTest {
  private final OperationCatalog catalog = OperationCatalog.packaged();
  private final Operation profiles = catalog.operation("get_profiles");

  @Test
  void rendersEveryOptionAsKlaviyoQueryParameters() {
    QueryOptions options = QueryOptions.builder()
        .filter(Filter.greaterThan("updated", Instant.parse("2024-01-01T00:00:00Z")))
        .sortDescending("updated")
        .pageSize(100)
        .fields("profile", "email", "updated")
        .additionalFields("profile", "subscriptions", "predictive_analytics")
        .build();
    assertThat(options.validateFor(profiles)).isSameAs(options);
    assertThat(options.toQueryParameters()).containsExactly(
        Map.entry("filter", "greater-than(updated,2024-01-01T00:00:00Z)"),
        Map.entry("sort", "-updated"),
        Map.entry("page[size]", "100"),
        Map.entry("fields[profile]", "email,updated"),
        Map.entry("additional-fields[profile]", "subscriptions,predictive_analytics"));
    assertThat(QueryOptions.builder().include("flow-actions", "tags").build()
            .validateFor(catalog.operation("get_flows")).toQueryParameters())
        .containsExactly(Map.entry("include", "flow-actions,tags"));
  }

  @Test
  void noOptionsRenderNothingAndPassEveryOptionalOperation() {
    assertThat(QueryOptions.none().toQueryParameters()).isEmpty();
    QueryOptions.none().validateFor(profiles);
  }

  @Test
  void unknownFieldsetValueIsRejectedWithTheAllowedValues() {
    QueryValidationException e = invalid(QueryOptions.builder().fields("profile", "email", "emial").build(), profiles);
    assertThat(e.field()).isEqualTo("fields[profile]");
    assertThat(e.value()).isEqualTo("emial");
    assertThat(e.allowed()).contains("email", "first_name");
    assertThat(e).isInstanceOf(KlaviyoValidationException.class);
    assertThat(e.getMessage()).contains("'emial'", "fields[profile]", "get_profiles");
  }

  @Test
  void fieldsetForATypeTheOperationDoesNotReturnIsRejected() {
    QueryValidationException e = invalid(QueryOptions.builder().fields("event", "datetime").build(), profiles);
    assertThat(e.field()).isEqualTo("fields[event]");
    assertThat(e.allowed()).containsExactly("fields[profile]");
  }

  @Test
  void additionalFieldsAreCheckedAgainstTheirEnum() {
    QueryValidationException e =
        invalid(QueryOptions.builder().additionalFields("profile", "everything").build(), profiles);
    assertThat(e.field()).isEqualTo("additional-fields[profile]");
    assertThat(e.allowed()).containsExactly("subscriptions", "predictive_analytics");
    invalid(QueryOptions.builder().additionalFields("profile", "subscriptions").build(),
        catalog.operation("get_events"));
  }

  @Test
  void includeIsCheckedAgainstItsEnum() {
    QueryValidationException e = invalid(QueryOptions.builder().include("metric", "owner").build(),
        catalog.operation("get_events"));
    assertThat(e.field()).isEqualTo("include");
    assertThat(e.value()).isEqualTo("owner");
    assertThat(e.allowed()).containsExactly("attributions", "metric", "profile");
    assertThat(invalid(QueryOptions.builder().include("lists").build(), catalog.operation("create_list"))
        .getMessage()).contains("does not take include");
  }

  @Test
  void sortIsCheckedAgainstItsEnum() {
    QueryValidationException e = invalid(QueryOptions.builder().sort("-first_name").build(), profiles);
    assertThat(e.field()).isEqualTo("sort");
    assertThat(e.allowed()).contains("updated", "-updated");
    QueryOptions.builder().sortAscending("created").build().validateFor(profiles);
  }

  @Test
  void pageSizeIsCheckedAgainstTheOperationBounds() {
    assertThat(invalid(QueryOptions.builder().pageSize(51).build(), catalog.operation("get_flows")).getMessage())
        .contains("between 1 and 50, not 51");
    assertThat(invalid(QueryOptions.builder().pageSize(0).build(), profiles).getMessage())
        .contains("between 1 and 100");
    assertThat(invalid(QueryOptions.builder().pageSize(5).build(), catalog.operation("get_lists")).getMessage())
        .contains("does not take page[size]; it returns a fixed 10 per page");
    QueryOptions.builder().pageSize(50).build().validateFor(catalog.operation("get_flows"));
  }

  @Test
  void requiredFilterIsEnforced() {
    Operation campaigns = catalog.operation("get_campaigns");
    assertThatThrownBy(() -> QueryOptions.none().validateFor(campaigns))
        .isInstanceOf(FilterValidationException.class)
        .hasMessageContaining("messages.channel");
    QueryOptions.builder().filter(Filter.parse("equals(messages.channel,'sms')")).build().validateFor(campaigns);
  }

  @Test
  void toBuilderCopiesAndBuildersReplace() {
    QueryOptions first = QueryOptions.builder().fields("profile", "email").include("lists").build();
    QueryOptions second = first.toBuilder().fields("profile", "phone_number").include("segments").build();
    assertThat(first.fields("profile")).containsExactly("email");
    assertThat(second.fields("profile")).containsExactly("phone_number");
    assertThat(second.include()).containsExactly("segments");
    assertThat(first.toBuilder().build()).isEqualTo(first);
  }

  private static QueryValidationException invalid(QueryOptions options, Operation operation) {
    try {
      options.validateFor(operation);
    } catch (QueryValidationException e) {
      return e;
    }
    throw new AssertionError("expected " + options + " to be rejected by " + operation);
  }
}
