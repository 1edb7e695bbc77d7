package io.github.kvsdk.klaviyo.openapi.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonReader;
import io.github.kvsdk.klaviyo.openapi.KlaviyoOpenApiSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import okio.Okio;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the catalogue of the packaged spec and of every revision in the mirror folder (when the build
 * can see it) against an independent reading of each document. Nothing here names an operation or a
 * count of one revision: every expectation is read from the document under test.
 */
final class RevisionCatalogTest {
  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
  private static final Pattern RULE = Pattern.compile("`([^`]+)`: ((?:`[a-z-]+`(?:, )?)+)");

  static Stream<Arguments> revisions() throws IOException {
    List<Arguments> revisions = new ArrayList<>();
    revisions.add(Arguments.of("packaged " + KlaviyoOpenApiSpec.packaged().revision(), null));
    String mirror = System.getProperty("klaviyo.openapi.mirror");
    if (mirror != null && Files.isDirectory(Path.of(mirror))) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of(mirror), "klaviyo-openapi-*.json")) {
        for (Path file : files) revisions.add(Arguments.of(file.getFileName().toString(), file));
      }
    }
    return revisions.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("revisions")
  @SuppressWarnings("unchecked")
  void everyOperationAndEveryReadableRuleOfTheDocumentIsInTheCatalogue(String name, Path file) throws IOException {
    Map<String, Object> document;
    try (InputStream in = file == null ? KlaviyoOpenApiSpec.packaged().open() : Files.newInputStream(file)) {
      document = (Map<String, Object>) JsonReader.of(Okio.buffer(Okio.source(in))).readJsonValue();
    }
    OperationCatalog catalog = OperationCatalog.of(document);
    assertThat(catalog.revision()).isEqualTo(((Map<String, Object>) document.get("info")).get("version"));

    Map<String, Map<String, Object>> operations = new LinkedHashMap<>();
    for (Object pathItem : ((Map<String, Object>) document.get("paths")).values()) {
      ((Map<String, Object>) pathItem).forEach((method, op) -> {
        if (METHODS.contains(method)) operations.put((String) ((Map<String, Object>) op).get("operationId"), (Map<String, Object>) op);
      });
    }
    assertThat(operations).isNotEmpty();
    assertThat(catalog.operations()).extracting(Operation::operationId).containsExactlyElementsOf(operations.keySet());

    Set<String> warned = new LinkedHashSet<>();
    for (String warning : catalog.warnings()) warned.add(warning.substring(0, warning.indexOf(':')));
    assertThat(operations.keySet()).containsAll(warned);

    int checkedFilters = 0;
    for (Map.Entry<String, Map<String, Object>> entry : operations.entrySet()) {
      Operation operation = catalog.operation(entry.getKey());
      assertThat(operation.rateLimit().burstPerSecond()).as(entry.getKey()).isPositive();
      assertThat(operation.rateLimit().steadyPerMinute()).as(entry.getKey()).isPositive();
      Set<String> queryParameters = new LinkedHashSet<>();
      for (Object p : (List<Object>) entry.getValue().getOrDefault("parameters", List.of())) {
        Map<String, Object> parameter = (Map<String, Object>) p;
        if (!"query".equals(parameter.get("in"))) continue;
        String parameterName = (String) parameter.get("name");
        queryParameters.add(parameterName);
        Map<String, Object> schema = (Map<String, Object>) parameter.get("schema");
        switch (parameterName) {
          case "filter" -> {
            if (operation.filterRules().checked()) {
              checkedFilters++;
              assertFilterRules(entry.getKey(), (String) parameter.get("description"), operation.filterRules());
            } else {
              assertThat(warned).as(entry.getKey() + " leaves its filter unchecked silently").contains(entry.getKey());
            }
          }
          case "page[size]" -> assertThat(operation.pageSize()).as(entry.getKey()).contains(new PageSize(
              ((Number) schema.get("default")).intValue(), ((Number) schema.get("minimum")).intValue(),
              ((Number) schema.get("maximum")).intValue(), true));
          case "page[cursor]", "page_cursor" -> assertThat(operation.cursorParameter()).contains(parameterName);
          case "sort" -> assertThat(operation.sortValues()).containsExactlyElementsOf((List<String>) schema.get("enum"));
          default -> { }
        }
      }
      assertThat(operation.queryParameters()).as(entry.getKey()).containsExactlyElementsOf(queryParameters);
    }
    assertThat(checkedFilters).as("filters the catalogue can check").isPositive();
  }

  /** Every backquoted {@code `field`:} must be a rule with exactly the backquoted operators after it. */
  private static void assertFilterRules(String operationId, String description, FilterRules rules) {
    Matcher m = RULE.matcher(description);
    Set<String> fields = new LinkedHashSet<>();
    while (m.find()) {
      fields.add(m.group(1));
      List<String> operators = new ArrayList<>();
      for (String o : m.group(2).split(", ")) operators.add(o.replace("`", ""));
      assertThat(rules.operators(m.group(1))).as(operationId + " " + m.group(1)).containsExactlyElementsOf(operators);
    }
    assertThat(rules.fields()).as(operationId).containsExactlyElementsOf(fields);
    assertThat(rules.valueTypes().keySet()).as(operationId).isSubsetOf(fields);
    assertThat(rules.requiredOneOf()).as(operationId).isSubsetOf(fields);
  }
}
