package io.github.kvsdk.klaviyo.poller.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonReader;
import io.github.kvsdk.klaviyo.openapi.KlaviyoOpenApiSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okio.Okio;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks the object-type table, read from the operation catalogue, against the packaged spec. */
final class ObjectTypeSpecTest {
  private static final Pattern ALLOWED = Pattern.compile("`([a-z_.]+)`: ((?:`[a-z-]+`(?:, )?)+)");
  private static Map<String, Map<String, Object>> listOperations;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void readSpec() throws IOException {
    try (InputStream in = KlaviyoOpenApiSpec.packaged().open()) {
      Map<String, Object> spec = (Map<String, Object>) JsonReader.of(Okio.buffer(Okio.source(in)))
          .readJsonValue();
      Map<String, Object> paths = (Map<String, Object>) spec.get("paths");
      listOperations = new LinkedHashMap<>();
      for (ObjectType type : ObjectType.values()) {
        Map<String, Object> path = (Map<String, Object>) paths.get(type.path());
        assertThat(path).as(type.path()).isNotNull();
        listOperations.put(type.path(), (Map<String, Object>) path.get("get"));
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parameter(ObjectType type, String name) {
    for (Object p : (List<Object>) listOperations.get(type.path()).get("parameters")) {
      Map<String, Object> parameter = (Map<String, Object>) p;
      if (name.equals(parameter.get("name"))) return parameter;
    }
    return null;
  }

  /** field -> operators, parsed from the filter description's "Allowed field(s)/operator(s)". */
  private static Map<String, Set<FilterOperator>> allowedFilters(ObjectType type) {
    String description = (String) parameter(type, "filter").get("description");
    Map<String, Set<FilterOperator>> allowed = new LinkedHashMap<>();
    Matcher m = ALLOWED.matcher(description);
    while (m.find()) {
      Set<FilterOperator> ops = EnumSet.noneOf(FilterOperator.class);
      for (String op : m.group(2).replace("`", "").split(", ")) {
        for (FilterOperator candidate : FilterOperator.values()) {
          if (candidate.wireName().equals(op)) ops.add(candidate);
        }
      }
      allowed.put(m.group(1), ops);
    }
    return allowed;
  }

  @Test
  void timestampOperatorsMatchTheSpecFilterDescriptions() {
    for (ObjectType type : ObjectType.values()) {
      Map<String, Set<FilterOperator>> allowed = allowedFilters(type);
      for (String field : type.timestampFields()) {
        assertThat(allowed.get(field)).as(type.configName() + "." + field)
            .isEqualTo(type.operators(field));
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyTimestampFieldIsSortableAscending() {
    for (ObjectType type : ObjectType.values()) {
      Map<String, Object> schema = (Map<String, Object>) parameter(type, "sort").get("schema");
      for (String field : type.timestampFields()) {
        assertThat((List<Object>) schema.get("enum")).as(type.configName()).contains(field);
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void pageSizeSupportMatchesTheSpec() {
    for (ObjectType type : ObjectType.values()) {
      Map<String, Object> pageSize = parameter(type, "page[size]");
      if (type.supportsPageSize()) {
        assertThat(pageSize).as(type.configName()).isNotNull();
        Map<String, Object> schema = (Map<String, Object>) pageSize.get("schema");
        assertThat(((Number) schema.get("maximum")).intValue()).as(type.configName())
            .isEqualTo(type.maxPageSize());
      } else {
        assertThat(pageSize).as(type.configName()).isNull();
      }
    }
  }

  @Test
  void campaignsAloneRequireAChannelFilter() {
    for (ObjectType type : ObjectType.values()) {
      String description = (String) listOperations.get(type.path()).get("description");
      assertThat(description.contains("A channel filter is required")).as(type.configName())
          .isEqualTo(type.requiresChannel());
    }
  }

  @Test
  void revision20241015GivesTheTableThePollerWasFirstWrittenFor() {
    // The values the poller's table once held by hand; read from the catalogue now.
    org.junit.jupiter.api.Assumptions.assumeTrue(
        io.github.kvsdk.klaviyo.catalog.OperationCatalog.packaged().revision().equals("2024-10-15"));
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
