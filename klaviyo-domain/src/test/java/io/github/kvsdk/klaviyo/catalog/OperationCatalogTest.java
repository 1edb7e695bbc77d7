package io.github.kvsdk.klaviyo.catalog;

import static io.github.kvsdk.klaviyo.catalog.FilterOperator.EQUALS;
import static io.github.kvsdk.klaviyo.catalog.FilterOperator.GREATER_OR_EQUAL;
import static io.github.kvsdk.klaviyo.catalog.FilterOperator.GREATER_THAN;
import static io.github.kvsdk.klaviyo.catalog.FilterOperator.HAS;
import static io.github.kvsdk.klaviyo.catalog.FilterOperator.LESS_OR_EQUAL;
import static io.github.kvsdk.klaviyo.catalog.FilterOperator.LESS_THAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonReader;
import io.github.kvsdk.klaviyo.openapi.KlaviyoOpenApiSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okio.Okio;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks the catalogue the build compiled from the pinned spec. */
final class OperationCatalogTest {
  private static Map<String, Object> spec;
  private final OperationCatalog catalog = OperationCatalog.packaged();

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void readSpec() throws IOException {
    try (InputStream in = KlaviyoOpenApiSpec.packaged().open()) {
      spec = (Map<String, Object>) JsonReader.of(Okio.buffer(Okio.source(in))).readJsonValue();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void holdsEveryOperationOfTheRevisionItWasBuiltFor() {
    assertThat(catalog.revision()).isEqualTo(io.github.kvsdk.klaviyo.generated.GeneratedRevision.revision())
        .isEqualTo(((Map<String, Object>) spec.get("info")).get("version"));
    int operations = 0;
    int gets = 0;
    for (Object item : ((Map<String, Object>) spec.get("paths")).values()) {
      for (String method : ((Map<String, Object>) item).keySet()) {
        if (List.of("get", "post", "put", "patch", "delete").contains(method)) operations++;
        if (method.equals("get")) gets++;
      }
    }
    assertThat(operations).isPositive();
    assertThat(catalog.operations()).hasSize(operations);
    assertThat(catalog.operations().stream().map(Operation::operationId).distinct()).hasSize(operations);
    assertThat(catalog.operations().stream().filter(o -> o.method().equals("GET"))).hasSize(gets);
  }

  @Test
  void packagedCatalogueIsLoadedOnce() {
    assertThat(OperationCatalog.packaged()).isSameAs(catalog);
  }

  @Test
  void profilesAllowOnlyGreaterThanAndLessThanOnCreatedAndUpdated() {
    FilterRules rules = catalog.operation("get_profiles").filterRules();
    assertThat(rules.operators("created")).containsExactlyInAnyOrder(GREATER_THAN, LESS_THAN);
    assertThat(rules.operators("updated")).containsExactlyInAnyOrder(GREATER_THAN, LESS_THAN);
    assertThat(rules.allows("created", GREATER_OR_EQUAL)).isFalse();
    assertThat(rules.allows("updated", LESS_OR_EQUAL)).isFalse();
    assertThat(rules.required()).isFalse();
    assertThat(rules.fields()).startsWith("id", "email", "phone_number", "external_id", "_kx", "created");
  }

  @Test
  void eventsAllowAllFourComparisonsOnDatetimeAndHasOnProfile() {
    FilterRules rules = catalog.operation("get_events").filterRules();
    assertThat(rules.operators("datetime"))
        .containsExactlyInAnyOrder(GREATER_THAN, GREATER_OR_EQUAL, LESS_THAN, LESS_OR_EQUAL);
    assertThat(rules.operators("timestamp"))
        .containsExactlyInAnyOrder(GREATER_THAN, GREATER_OR_EQUAL, LESS_THAN, LESS_OR_EQUAL);
    assertThat(rules.operators("profile")).containsExactly(HAS);
    assertThat(rules.operators("metric_id")).containsExactly(EQUALS);
  }

  @Test
  void campaignsRequireAFilterOnMessagesChannel() {
    FilterRules rules = catalog.operation("get_campaigns").filterRules();
    assertThat(rules.required()).isTrue();
    assertThat(rules.requiredOneOf()).containsExactly("messages.channel");
    assertThat(rules.operators("messages.channel")).containsExactly(EQUALS);
    assertThat(rules.operators("updated_at"))
        .containsExactlyInAnyOrder(GREATER_THAN, GREATER_OR_EQUAL, LESS_THAN, LESS_OR_EQUAL);
  }

  @Test
  void couponCodesRequireACouponOrAProfileFilter() {
    assertThat(catalog.operation("get_coupon_codes").filterRules().requiredOneOf())
        .containsExactly("coupon.id", "profile.id");
  }

  @Test
  void onlyCampaignsAndCouponCodesRequireAFilter() {
    assertThat(catalog.operations().stream().filter(o -> o.filterRules().required()).map(Operation::operationId))
        .containsExactlyInAnyOrder("get_campaigns", "get_coupon_codes");
  }

  @Test
  void listsAndSegmentsFilterTimestampsWithGreaterThanOnly() {
    for (String id : List.of("get_lists", "get_segments")) {
      FilterRules rules = catalog.operation(id).filterRules();
      assertThat(rules.operators("created")).as(id).containsExactly(GREATER_THAN);
      assertThat(rules.operators("updated")).as(id).containsExactly(GREATER_THAN);
    }
  }

  @Test
  void flowsPageSizeIsAtMostFifty() {
    PageSize size = catalog.operation("get_flows").pageSize().orElseThrow();
    assertThat(size.adjustable()).isTrue();
    assertThat(size.defaultSize()).isEqualTo(50);
    assertThat(size.maxSize()).isEqualTo(50);
    assertThat(size.accepts(50)).isTrue();
    assertThat(size.accepts(51)).isFalse();
  }

  @Test
  void profilesPageSizeDefaultsToTwentyUpToOneHundred() {
    PageSize size = catalog.operation("get_profiles").pageSize().orElseThrow();
    assertThat(size.adjustable()).isTrue();
    assertThat(size.defaultSize()).isEqualTo(20);
    assertThat(size.minSize()).isEqualTo(1);
    assertThat(size.maxSize()).isEqualTo(100);
  }

  @Test
  void fixedPageSizesComeFromDescriptions() {
    assertThat(fixed("get_events")).isEqualTo(200);
    assertThat(fixed("get_lists")).isEqualTo(10);
    assertThat(fixed("get_segments")).isEqualTo(10);
    assertThat(fixed("get_templates")).isEqualTo(10);
    assertThat(fixed("get_tags")).isEqualTo(50);
    assertThat(fixed("get_metrics")).isEqualTo(200);
    assertThat(catalog.operation("get_campaigns").pageSize()).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyOperationWithAPageSizeParameterHasAnAdjustablePageSize() {
    int withParameter = 0;
    for (Object pathItem : ((Map<String, Object>) spec.get("paths")).values()) {
      for (Object op : ((Map<String, Object>) pathItem).values()) {
        for (Object p : (List<Object>) ((Map<String, Object>) op).getOrDefault("parameters", List.of())) {
          if ("page[size]".equals(((Map<String, Object>) p).get("name"))) withParameter++;
        }
      }
    }
    assertThat(withParameter).isPositive();
    assertThat(catalog.operations().stream().filter(o -> o.pageSize().map(PageSize::adjustable).orElse(false)))
        .hasSize(withParameter);
  }

  @Test
  void cursorParameterIsKnownForEveryPaginatedOperation() {
    assertThat(catalog.operation("get_profiles").cursorParameter()).contains("page[cursor]");
    assertThat(catalog.operation("query_campaign_values").cursorParameter()).contains("page_cursor");
    assertThat(catalog.operation("get_profile").paginated()).isFalse();
  }

  @Test
  void rateLimitsAndScopesComeFromExtensions() {
    Operation profiles = catalog.operation("get_profiles");
    assertThat(profiles.rateLimit().burstPerSecond()).isEqualTo(75);
    assertThat(profiles.rateLimit().steadyPerMinute()).isEqualTo(700);
    assertThat(profiles.rateLimit().dailyLimit()).isEmpty();
    assertThat(profiles.scopes()).containsExactly("profiles:read");
    assertThat(catalog.operation("get_events").rateLimit().burstPerSecond()).isEqualTo(350);
    assertThat(catalog.operation("create_list").rateLimit().dailyLimit()).hasValue(150);
    assertThat(catalog.operation("upload_image_from_file").rateLimit().dailyLimit()).hasValue(100);
  }

  @Test
  void fieldsetsAdditionalFieldsIncludesAndSortComeFromEnumsOfRevision20241015() {
    // The values checked here are this revision's; later revisions add includes and fields.
    org.junit.jupiter.api.Assumptions.assumeTrue(catalog.revision().equals("2024-10-15"));
    Operation profiles = catalog.operation("get_profiles");
    assertThat(profiles.fieldsets().get("profile")).contains("email", "created", "updated", "location.city");
    assertThat(profiles.additionalFields().get("profile"))
        .containsExactly("subscriptions", "predictive_analytics");
    assertThat(profiles.sortValues()).contains("updated", "-updated", "created", "-created");
    assertThat(profiles.includes()).isEmpty();
    assertThat(catalog.operation("get_profile").includes()).containsExactly("lists", "segments");

    Operation events = catalog.operation("get_events");
    assertThat(events.fieldsets().keySet()).containsExactly("event", "metric", "profile");
    assertThat(events.includes()).containsExactly("attributions", "metric", "profile");
    assertThat(events.sortValues()).containsExactly("datetime", "-datetime", "timestamp", "-timestamp");
    assertThat(catalog.operation("create_profile").includes()).isEmpty();
  }

  @Test
  void findsOperationsByMethodAndConcreteOrTemplatePath() {
    assertThat(catalog.find("GET", "/api/profiles").map(Operation::operationId)).contains("get_profiles");
    assertThat(catalog.find("get", "/api/profiles/").map(Operation::operationId)).contains("get_profiles");
    assertThat(catalog.find("GET", "/api/profiles/01HXYZ?fields[profile]=email").map(Operation::operationId))
        .contains("get_profile");
    assertThat(catalog.find("PATCH", "/api/profiles/{id}").map(Operation::operationId)).contains("update_profile");
    assertThat(catalog.find("POST", "/api/profile-subscription-bulk-create-jobs").map(Operation::operationId))
        .contains("bulk_subscribe_profiles");
    assertThat(catalog.find("GET", "/api/lists/L1/relationships/profiles").map(Operation::operationId))
        .contains("get_profile_ids_for_list");
    assertThat(catalog.find("PUT", "/api/profiles")).isEmpty();
    assertThat(catalog.find("GET", "/api/nothing-here")).isEmpty();
  }

  @Test
  void unknownOperationIdIsAClearError() {
    assertThat(catalog.find("get_unicorns")).isEmpty();
    assertThatThrownBy(() -> catalog.operation("get_unicorns"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("get_unicorns")
        .hasMessageContaining(catalog.revision());
  }

  /**
   * An independent reading of the spec: every backquoted {@code `field`:} in every filter description
   * must be in the catalogue with exactly the backquoted operators that follow it.
   */
  @Test
  @SuppressWarnings("unchecked")
  void everyFilterRuleInTheSpecIsInTheCatalogue() {
    Pattern rule = Pattern.compile("`([^`]+)`: ((?:`[a-z-]+`(?:, )?)+)");
    int filterParameters = 0;
    int rules = 0;
    for (Object pathItem : ((Map<String, Object>) spec.get("paths")).values()) {
      for (Object op : ((Map<String, Object>) pathItem).values()) {
        Map<String, Object> operation = (Map<String, Object>) op;
        for (Object p : (List<Object>) operation.get("parameters")) {
          Map<String, Object> parameter = (Map<String, Object>) p;
          if (!"filter".equals(parameter.get("name"))) continue;
          filterParameters++;
          FilterRules catalogued = catalog.operation((String) operation.get("operationId")).filterRules();
          Matcher m = rule.matcher((String) parameter.get("description"));
          Set<String> fields = new LinkedHashSet<>();
          while (m.find()) {
            rules++;
            fields.add(m.group(1));
            List<String> operators = new ArrayList<>();
            for (String o : m.group(2).split(", ")) operators.add(o.replace("`", ""));
            assertThat(catalogued.operators(m.group(1)).stream().map(Object::toString))
                .as(operation.get("operationId") + " " + m.group(1))
                .containsExactlyInAnyOrderElementsOf(operators);
          }
          assertThat(catalogued.fields()).containsExactlyElementsOf(fields);
        }
      }
    }
    assertThat(filterParameters).isPositive();
    assertThat(catalog.operations().stream().filter(Operation::filterable)).hasSize(filterParameters);
    assertThat(rules).isGreaterThanOrEqualTo(filterParameters);
  }

  private int fixed(String operationId) {
    PageSize size = catalog.operation(operationId).pageSize().orElseThrow();
    assertThat(size.adjustable()).as(operationId).isFalse();
    return size.maxSize();
  }
}
