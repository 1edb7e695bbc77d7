package io.github.kvsdk.klaviyo.codegen.catalog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonReader;
import io.github.kvsdk.klaviyo.openapi.catalog.OperationCatalog;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run-time catalogue format the SDK reads, written from the spec's operation catalogue. */
final class CatalogWriterTest {
  private static final String FILTER_PREFIX =
      "For more information please visit https://example/#filtering<br>Allowed field(s)/operator(s):<br>";

  @Test
  @SuppressWarnings("unchecked")
  void writesEveryFactTheSdkReads() throws IOException {
    Map<String, Object> catalogue = write("""
        "/api/widgets": {"get": {
          "operationId": "get_widgets",
          "description": "Get widgets.\\n\\nReturns a maximum of 25 widgets per page.",
          "x-klaviyo-ratelimit": {"burst": "3/s", "steady": "60/m", "daily": "100/d"},
          "x-klaviyo-scopes": ["widgets:read"],
          "parameters": [
            {"name": "fields[widget]", "in": "query", "schema": {"type": "array", "items": {"type": "string", "enum": ["name", "size"]}}},
            {"name": "filter", "in": "query", "description": "%s`name`: `equals`, `starts-with`<br>`size`: `greater-than`", "schema": {"type": "string"}},
            {"name": "include", "in": "query", "schema": {"type": "array", "items": {"type": "string", "enum": ["tags"]}}},
            {"name": "page[cursor]", "in": "query", "schema": {"type": "string"}},
            {"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["size", "-size"]}}
          ]}},
        "/api/gadgets": {"get": {"operationId": "get_gadgets",
          "x-klaviyo-ratelimit": {"burst": "3/s", "steady": "60/m"},
          "parameters": [{"name": "filter", "in": "query", "description": "Filter by name.", "schema": {"type": "string"}}]}}
        """.formatted(FILTER_PREFIX));
    assertThat(catalogue.get("revision")).isEqualTo("2099-01-01");
    List<Map<String, Object>> operations = (List<Map<String, Object>>) catalogue.get("operations");
    Map<String, Object> op = operations.get(0);
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

    Map<String, Object> unchecked = operations.get(1);
    assertThat(unchecked.get("filter")).isEqualTo(Map.of("unchecked", true));
    assertThat(unchecked).doesNotContainKeys("sort", "cursorParameter", "pageSize", "fields", "include");
  }

  @Test
  void mainWritesThePackagedSpecsCatalogue(@TempDir Path out) throws IOException {
    CatalogWriter.main(new String[] {out.toString()});
    assertThat(Files.readAllBytes(out.resolve(CatalogWriter.RESOURCE_PATH)))
        .isEqualTo(CatalogWriter.write(OperationCatalog.packaged()));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> write(String paths) throws IOException {
    String spec = "{\"info\": {\"version\": \"2099-01-01\"}, \"paths\": {" + paths + "}}";
    byte[] catalogue = CatalogWriter.write(OperationCatalog.read(new ByteArrayInputStream(spec.getBytes(UTF_8))));
    return (Map<String, Object>) JsonReader.of(new Buffer().write(catalogue)).readJsonValue();
  }
}
