package io.github.kvsdk.klaviyo.sandbox.internal.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kvsdk.klaviyo.sandbox.internal.json.Json;
import io.github.kvsdk.klaviyo.sandbox.internal.query.ListQuery;
import io.github.kvsdk.klaviyo.sandbox.ratelimit.RateLimit;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The operation model of the pinned spec: the catalogue's facts with the schemas the sandbox serves. */
final class ApiSpecTest {
  private final ApiSpec spec = ApiSpec.packaged();

  @Test
  void parsesEveryOperationWithRateLimitsAndScopes() {
    // The sandbox serves the revision its klaviyo-openapi artifact was built for.
    assertThat(spec.revision()).isEqualTo(io.github.kvsdk.klaviyo.openapi.KlaviyoOpenApiSpec.packaged().revision());
    assertThat(spec.operations()).hasSizeGreaterThan(150);
    Operation getProfiles = spec.operation("get_profiles");
    assertThat(getProfiles.method()).isEqualTo("GET");
    assertThat(getProfiles.pathTemplate()).isEqualTo("/api/profiles");
    assertThat(getProfiles.rateLimit()).isEqualTo(new RateLimit(75, 700, 0));
    assertThat(getProfiles.scopes()).containsExactly("profiles:read");
    assertThat(spec.operation("create_segment").rateLimit()).isEqualTo(new RateLimit(1, 15, 100));
  }

  @Test
  void stricterQuotasOfAdditionalFieldsComeFromTheDescription() {
    assertThat(spec.operation("get_list").additionalFieldLimits())
        .containsEntry("additional-fields[list]=profile_count", new RateLimit(1, 15, 0));
    assertThat(spec.operation("get_profiles").additionalFieldLimits())
        .containsKey("additional-fields[profile]=predictive_analytics");
    assertThat(spec.operation("get_accounts").additionalFieldLimits()).isEmpty();
  }

  @Test
  void filterRulesAndValueTypesComeFromTheCatalogue() {
    Operation profiles = spec.operation("get_profiles");
    assertThat(profiles.filterRules().get("created")).containsExactly("greater-than", "less-than");
    assertThat(profiles.filterRules().get("email")).containsExactlyInAnyOrder("any", "equals");
    assertThat(spec.operation("get_events").filterRules().get("datetime"))
        .containsExactlyInAnyOrder("greater-or-equal", "greater-than", "less-or-equal", "less-than");
    assertThat(spec.operation("get_lists").filterRules().get("updated")).containsExactly("greater-than");
    assertThat(spec.operation("get_campaigns").filterRequired()).isTrue();
    assertThat(spec.operation("get_campaigns").filterRules()).containsKey("messages.channel");
    assertThat(spec.operation("get_metrics").filterRules()).containsOnlyKeys("integration.name", "integration.category");
    assertThat(profiles.filterValueTypes()).containsEntry("created", "datetime").containsEntry("email", "string");
  }

  @Test
  void pageSizesComeFromParametersOrDescriptions() {
    assertThat(spec.operation("get_profiles").page()).isEqualTo(new PageSpec(true, 20, 100));
    assertThat(spec.operation("get_flows").page()).isEqualTo(new PageSpec(true, 50, 50));
    assertThat(spec.operation("get_events").page()).isEqualTo(new PageSpec(false, 200, 200));
    assertThat(spec.operation("get_lists").page()).isEqualTo(new PageSpec(false, 10, 10));
    assertThat(spec.operation("get_segments").page()).isEqualTo(new PageSpec(false, 10, 10));
    assertThat(spec.operation("get_templates").page()).isEqualTo(new PageSpec(false, 10, 10));
    assertThat(spec.operation("get_profile").page()).isNull();
  }

  @Test
  void sortIncludeAndFieldsetEnumsAreKept() {
    Operation events = spec.operation("get_events");
    assertThat(events.sortValues()).containsExactlyInAnyOrder("datetime", "-datetime", "timestamp", "-timestamp");
    assertThat(events.includeValues()).contains("metric", "profile");
    assertThat(events.fields().get("metric")).contains("name");
    assertThat(spec.operation("get_profile").additionalFields().get("profile"))
        .isEqualTo(Set.of("subscriptions", "predictive_analytics"));
  }

  @Test
  void routerPrefersLiteralSegmentsAndExtractsPathParameters() {
    PathRouter.Match match = spec.match("GET", "/api/lists/Y6nRLr/relationships/profiles/");
    assertThat(match.operation().operationId()).isEqualTo("get_profile_ids_for_list");
    assertThat(match.pathParameters()).containsEntry("id", "Y6nRLr");
    assertThat(spec.match("POST", "/api/profiles").operation().operationId()).isEqualTo("create_profile");
    assertThat(spec.match("GET", "/api/profiles/abc/lists").operation().operationId()).isEqualTo("get_lists_for_profile");
    assertThat(spec.match("GET", "/api/unknown")).isNull();
    assertThat(spec.hasPath("/api/accounts")).isTrue();
  }

  @Test
  void aFilterWhoseRulesCannotBeReadIsAcceptedUnvalidated() {
    ApiSpec reworded = ApiSpec.parse(Json.parse("""
        {"info": {"version": "2099-01-15"}, "components": {}, "paths": {
          "/api/widgets": {"get": {"operationId": "get_widgets",
            "x-klaviyo-ratelimit": {"burst": "3/s", "steady": "60/m"},
            "parameters": [{"name": "filter", "in": "query", "description": "Filter widgets by colour.",
              "schema": {"type": "string"}}]}},
          "/api/gadgets": {"get": {"operationId": "get_gadgets",
            "x-klaviyo-ratelimit": {"burst": "3/s", "steady": "60/m"}, "parameters": []}}}}
        """));
    Operation widgets = reworded.operation("get_widgets");
    assertThat(widgets.filterRules()).isEmpty();
    assertThat(ListQuery.filter(widgets, Map.of("filter", "equals(colour,'red')"))).isNotNull();
    assertThatThrownBy(() -> ListQuery.filter(reworded.operation("get_gadgets"), Map.of("filter", "equals(colour,'red')")))
        .hasMessageContaining("does not support filtering");
  }
}
