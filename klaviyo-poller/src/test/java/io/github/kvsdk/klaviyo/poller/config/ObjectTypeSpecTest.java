package io.github.kvsdk.klaviyo.poller.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.openapi.catalog.Operation;
import io.github.kvsdk.klaviyo.openapi.catalog.OperationCatalog;
import io.github.kvsdk.klaviyo.openapi.catalog.PageSize;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Checks the object-type table against what the spec's operation catalogue (the {@code openapi} module's,
 * which reads the packaged spec) states about each listing.
 */
final class ObjectTypeSpecTest {
  private static final OperationCatalog CATALOG = OperationCatalog.packaged();

  private static Operation listing(ObjectType type) {
    return CATALOG.operation(type.operationId());
  }

  @Test
  void everyTypeNamesAListingOfThisRevision() {
    for (ObjectType type : ObjectType.values()) {
      Operation operation = listing(type);
      assertThat(operation.method()).as(type.configName()).isEqualTo("GET");
      assertThat(operation.pathTemplate()).as(type.configName()).isEqualTo(type.path());
      assertThat(operation.paginated()).as(type.configName()).isTrue();
    }
  }

  @Test
  void timestampOperatorsMatchTheSpecFilterRules() {
    for (ObjectType type : ObjectType.values()) {
      Operation operation = listing(type);
      assertThat(operation.filterRules().checked()).as(type.configName()).isTrue();
      for (String field : type.timestampFields()) {
        Set<String> ours = new LinkedHashSet<>();
        for (FilterOperator operator : type.operators(field)) ours.add(operator.wireName());
        assertThat(ours).as(type.configName() + "." + field)
            .isNotEmpty()
            .containsExactlyInAnyOrderElementsOf(operation.filterRules().operators(field));
      }
    }
  }

  @Test
  void everyTimestampFieldIsSortableAscending() {
    for (ObjectType type : ObjectType.values()) {
      for (String field : type.timestampFields()) {
        assertThat(listing(type).sortValues()).as(type.configName()).contains(field);
      }
    }
  }

  @Test
  void pageSizeSupportMatchesTheSpec() {
    for (ObjectType type : ObjectType.values()) {
      Operation operation = listing(type);
      PageSize size = operation.pageSize().orElse(null);
      if (type.supportsPageSize()) {
        assertThat(operation.queryParameters()).as(type.configName()).contains("page[size]");
        assertThat(size.adjustable()).as(type.configName()).isTrue();
        assertThat(size.maxSize()).as(type.configName()).isEqualTo(type.maxPageSize());
        assertThat(type.fixedPageSize()).as(type.configName()).isZero();
      } else {
        assertThat(operation.queryParameters()).as(type.configName()).doesNotContain("page[size]");
        assertThat(type.fixedPageSize()).as(type.configName()).isEqualTo(size == null ? 0 : size.maxSize());
      }
    }
  }

  @Test
  void campaignsAloneRequireAChannelFilter() {
    for (ObjectType type : ObjectType.values()) {
      assertThat(listing(type).filterRules().requiredOneOf().contains("messages.channel")).as(type.configName())
          .isEqualTo(type.requiresChannel());
    }
  }

  @Test
  void revision20241015GivesTheTableThePollerWasFirstWrittenFor() {
    // The values the poller's table once held by hand; read from the catalogue now.
    Assumptions.assumeTrue(CATALOG.revision().equals("2024-10-15"));
    assertThat(ObjectType.PROFILES.maxPageSize()).isEqualTo(100);
    assertThat(ObjectType.PROFILES.operators("updated"))
        .containsExactlyInAnyOrder(FilterOperator.GREATER_THAN, FilterOperator.LESS_THAN);
    assertThat(ObjectType.EVENTS.supportsPageSize()).isFalse();
    assertThat(ObjectType.EVENTS.fixedPageSize()).isEqualTo(200);
    assertThat(ObjectType.EVENTS.operators("datetime")).hasSize(4);
    assertThat(ObjectType.CAMPAIGNS.maxPageSize()).isZero();
    assertThat(ObjectType.CAMPAIGNS.fixedPageSize()).isZero();
    assertThat(ObjectType.CAMPAIGNS.timestampFields()).containsExactly("created_at", "updated_at");
    assertThat(ObjectType.LISTS.fixedPageSize()).isEqualTo(10);
    assertThat(ObjectType.LISTS.operators("created")).containsExactly(FilterOperator.GREATER_THAN);
    assertThat(ObjectType.TEMPLATES.operators("created")).contains(FilterOperator.EQUALS).hasSize(5);
    assertThat(ObjectType.UNIVERSAL_CONTENT.maxPageSize()).isEqualTo(100);
    assertThat(ObjectType.IMAGES.timestampFields()).containsExactly("updated_at");
    assertThat(ObjectType.FLOWS.maxPageSize()).isEqualTo(50);
    assertThat(ObjectType.FORMS.maxPageSize()).isEqualTo(100);
    assertThat(ObjectType.REVIEWS.operators("created"))
        .containsExactlyInAnyOrder(FilterOperator.GREATER_OR_EQUAL, FilterOperator.LESS_OR_EQUAL);
    for (ObjectType type : ObjectType.values()) {
      assertThat(type.timestampFields()).as(type.configName()).isNotEmpty();
    }
  }
}
