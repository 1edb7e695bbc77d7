package io.github.kvsdk.klaviyo.catalog.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonReader;
import io.github.kvsdk.klaviyo.catalog.OperationCatalog;
import io.github.kvsdk.klaviyo.openapi.KlaviyoOpenApiSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CatalogGeneratorTest {
  private static final String FILTER_PREFIX =
      "For more information please visit https://example/#filtering<br>Allowed field(s)/operator(s):<br>";

  @Test
  @SuppressWarnings("unchecked")
  void compilesAnOperationIntoTheCatalogueFormat() throws IOException {
    String spec = spec("""
        "/api/widgets": {"get": {
          "operationId": "get_widgets",
          "description": "Get widgets.\\n\\nReturns a maximum of 25 widgets per page.",
          "x-klaviyo-ratelimit": {"burst": "3/s", "steady": "60/m", "daily": "100/d"},
          "x-klaviyo-scopes": ["widgets:read"],
          "parameters": [
            {"name": "revision", "in": "header", "schema": {"type": "string"}},
            {"name": "fields[widget]", "in": "query", "schema": {"type": "array", "items": {"type": "string", "enum": ["name", "size"]}}},
            {"name": "filter", "in": "query", "description": "%s`name`: `equals`, `starts-with`<br>`size`: `greater-than`", "schema": {"type": "string"}},
            {"name": "include", "in": "query", "schema": {"type": "array", "items": {"type": "string", "enum": ["tags"]}}},
            {"name": "page[cursor]", "in": "query", "schema": {"type": "string"}},
            {"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["size", "-size"]}}
          ]}}
        """.formatted(FILTER_PREFIX));
    Map<String, Object> catalogue = generate(spec);
    assertThat(catalogue.get("revision")).isEqualTo("2099-01-01");
    Map<String, Object> op = ((List<Map<String, Object>>) catalogue.get("operations")).get(0);
    assertThat(op.get("operationId")).isEqualTo("get_widgets");
    assertThat(op.get("method")).isEqualTo("GET");
    assertThat(op.get("path")).isEqualTo("/api/widgets");
    assertThat(op.get("rateLimit")).isEqualTo(Map.of("burst", 3.0, "steady", 60.0, "daily", 100.0));
    assertThat(op.get("scopes")).isEqualTo(List.of("widgets:read"));
    assertThat(op.get("filter"))
        .isEqualTo(Map.of(
            "fields", Map.of("name", List.of("equals", "starts-with"), "size", List.of("greater-than")),
            "requiredOneOf", List.of()));
    assertThat(op.get("sort")).isEqualTo(List.of("size", "-size"));
    assertThat(op.get("cursorParameter")).isEqualTo("page[cursor]");
    assertThat(op.get("pageSize")).isEqualTo(Map.of("default", 25.0, "min", 25.0, "max", 25.0, "adjustable", false));
    assertThat(op.get("fields")).isEqualTo(Map.of("widget", List.of("name", "size")));
    assertThat(op.get("include")).isEqualTo(List.of("tags"));
  }

  @Test
  void leavesAFilterWithAnUnparseableDescriptionUncheckedInsteadOfFailingTheBuild() throws IOException {
    String spec = operationWith(
        "{\"name\": \"filter\", \"in\": \"query\", \"description\": \"Filter by name or size.\", \"schema\": {\"type\": \"string\"}}");
    Map<String, Object> operation = onlyOperation(generate(spec));
    assertThat(operation.get("filter")).isEqualTo(Map.of("unchecked", true));
  }

  @Test
  void skipsAnUnknownQueryParameterInsteadOfFailingTheBuild() throws IOException {
    String spec = operationWith("{\"name\": \"search\", \"in\": \"query\", \"schema\": {\"type\": \"string\"}}");
    Map<String, Object> operation = onlyOperation(generate(spec));
    assertThat(operation).containsEntry("operationId", "get_widgets").doesNotContainKey("search");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> onlyOperation(Map<String, Object> catalogue) {
    List<Object> operations = (List<Object>) catalogue.get("operations");
    assertThat(operations).hasSize(1);
    return (Map<String, Object>) operations.get(0);
  }

  @Test
  void failsTheBuildOnARateLimitInAnotherUnit() {
    String spec = spec("""
        "/api/widgets": {"get": {"operationId": "get_widgets",
          "x-klaviyo-ratelimit": {"burst": "3/m", "steady": "60/m"}, "parameters": []}}
        """);
    assertThatThrownBy(() -> generate(spec))
        .isInstanceOf(SpecShapeException.class)
        .hasMessageContaining("is not N/s");
  }

  @Test
  void failsTheBuildOnAPageSizeDescriptionThatContradictsItsSchema() {
    String spec = operationWith(
        "{\"name\": \"page[size]\", \"in\": \"query\", \"description\": \"Default: 20. Min: 1. Max: 100.\","
            + " \"schema\": {\"type\": \"integer\", \"default\": 20, \"minimum\": 1, \"maximum\": 50}}");
    assertThatThrownBy(() -> generate(spec))
        .isInstanceOf(SpecShapeException.class)
        .hasMessageContaining("disagrees");
  }

  @Test
  void mainWritesTheResourceThatThePackagedCatalogueWasBuiltFrom(@TempDir Path out) throws IOException {
    CatalogGenerator.main(new String[] {out.toString()});
    byte[] written = Files.readAllBytes(out.resolve(CatalogGenerator.RESOURCE_PATH));
    byte[] packaged;
    try (InputStream in = OperationCatalog.class.getResourceAsStream(OperationCatalog.RESOURCE)) {
      packaged = in.readAllBytes();
    }
    assertThat(written).isEqualTo(packaged);
    try (InputStream in = KlaviyoOpenApiSpec.packaged().open()) {
      assertThat(CatalogGenerator.generate(in)).isEqualTo(written);
    }
  }

  private static String operationWith(String parameter) {
    return spec("""
        "/api/widgets": {"get": {"operationId": "get_widgets",
          "x-klaviyo-ratelimit": {"burst": "3/s", "steady": "60/m"}, "parameters": [%s]}}
        """.formatted(parameter));
  }

  private static String spec(String paths) {
    return "{\"info\": {\"version\": \"2099-01-01\"}, \"paths\": {" + paths + "}}";
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> generate(String spec) throws IOException {
    byte[] catalogue = CatalogGenerator.generate(new ByteArrayInputStream(spec.getBytes(UTF_8)));
    return (Map<String, Object>) JsonReader.of(new Buffer().write(catalogue)).readJsonValue();
  }
}
