package io.github.kvsdk.klaviyo.openapi.catalog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How one operation of a small hand-written document becomes catalogue facts, and what degrades. */
final class CatalogExtractorTest {
  private static final String FILTER_PREFIX =
      "For more information please visit https://example/#filtering<br>Allowed field(s)/operator(s):<br>";

  @Test
  void readsEveryFactOfAnOperation() throws IOException {
    OperationCatalog catalog = read(spec("""
        "/api/widgets": {"get": {
          "operationId": "get_widgets",
          "description": "Get widgets.\\n\\nReturns a maximum of 25 widgets per page.<br><br>Rate limits when using the `additional-fields[widget]=stock` parameter in your API request:<br>Burst: `1/s`<br>Steady: `15/m`",
          "x-klaviyo-ratelimit": {"burst": "3/s", "steady": "60/m", "daily": "100/d"},
          "x-klaviyo-scopes": ["widgets:read"],
          "parameters": [
            {"name": "revision", "in": "header", "schema": {"type": "string"}},
            {"name": "fields[widget]", "in": "query", "schema": {"type": "array", "items": {"type": "string", "enum": ["name", "size"]}}},
            {"name": "additional-fields[widget]", "in": "query", "schema": {"type": "array", "items": {"type": "string", "enum": ["stock"]}}},
            {"name": "filter", "in": "query", "description": "%s`name`: `equals`, `starts-with`<br>`size`: `greater-than`<br>`created`: `less-than`<br>`id`: `any`", "schema": {"type": "string"}},
            {"name": "include", "in": "query", "schema": {"type": "array", "items": {"type": "string", "enum": ["tags"]}}},
            {"name": "page[cursor]", "in": "query", "schema": {"type": "string"}},
            {"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["size", "-size"]}}
          ],
          "responses": {"200": {"content": {"application/vnd.api+json": {"schema": {"$ref": "#/components/schemas/WidgetCollection"}}}}}}}
        """.formatted(FILTER_PREFIX), WIDGET_SCHEMAS));
    assertThat(catalog.revision()).isEqualTo("2099-01-01");
    assertThat(catalog.warnings()).isEmpty();
    Operation op = catalog.operation("get_widgets");
    assertThat(op.method()).isEqualTo("GET");
    assertThat(op.pathTemplate()).isEqualTo("/api/widgets");
    assertThat(op.rateLimit()).isEqualTo(new RateLimit(3, 60, 100));
    assertThat(op.additionalFieldLimits()).containsExactly(Map.entry("additional-fields[widget]=stock", new RateLimit(1, 15, 0)));
    assertThat(op.scopes()).containsExactly("widgets:read");
    assertThat(op.queryParameters()).containsExactly(
        "fields[widget]", "additional-fields[widget]", "filter", "include", "page[cursor]", "sort");
    FilterRules filter = op.filterRules();
    assertThat(filter.checked()).isTrue();
    assertThat(filter.asMap()).containsExactly(
        Map.entry("name", List.of("equals", "starts-with")), Map.entry("size", List.of("greater-than")),
        Map.entry("created", List.of("less-than")), Map.entry("id", List.of("any")));
    assertThat(filter.requiredOneOf()).isEmpty();
    assertThat(filter.parameterRequired()).isFalse();
    assertThat(filter.valueTypes()).containsExactly(
        Map.entry("name", FilterValueType.STRING), Map.entry("size", FilterValueType.NUMBER),
        Map.entry("created", FilterValueType.DATETIME), Map.entry("id", FilterValueType.STRING));
    assertThat(op.sortValues()).containsExactly("size", "-size");
    assertThat(op.cursorParameter()).contains("page[cursor]");
    assertThat(op.pageSize()).contains(new PageSize(25, 25, 25, false));
    assertThat(op.fieldsets()).containsExactly(Map.entry("widget", Set.of("name", "size")));
    assertThat(op.additionalFields()).containsExactly(Map.entry("widget", Set.of("stock")));
    assertThat(op.includes()).containsExactly("tags");
  }

  @Test
  void readsTheGroupProseParametersAndBodyTheFacadeIsWrittenFrom() throws IOException {
    OperationCatalog catalog = read(spec("""
        "/api/widgets/{id}": {
          "parameters": [{"name": "ignored", "in": "query"}],
          "patch": {"operationId": "update_widget", "tags": ["Widgets", "Beta"], "summary": "Update Widget",
            "description": "Update a widget.", "deprecated": true,
            "x-klaviyo-ratelimit": {"burst": "3/s", "steady": "60/m"},
            "parameters": [
              {"name": "id", "in": "path", "required": true, "description": "The widget's ID", "schema": {"type": "string"}},
              {"name": "revision", "in": "header", "required": true},
              {"$ref": "#/components/parameters/Mode"}
            ],
            "requestBody": {"required": true, "content": {}}},
          "delete": {"operationId": "delete_widget", "x-klaviyo-ratelimit": {"burst": "3/s", "steady": "60/m"},
            "requestBody": {"content": {}}}}
        """,
        """
        "parameters": {"Mode": {"name": "mode", "in": "query", "required": true, "description": "How to update",
          "schema": {"type": "string"}}}
        """));
    Operation update = catalog.operation("update_widget");
    assertThat(update.tags()).containsExactly("Widgets", "Beta");
    assertThat(update.summary()).isEqualTo("Update Widget");
    assertThat(update.description()).isEqualTo("Update a widget.");
    assertThat(update.deprecated()).isTrue();
    assertThat(update.requestBodyRequired()).isTrue();
    assertThat(update.requestBody()).isEmpty(); // required, but lists no media type
    assertThat(update.parameters())
        .extracting(Parameter::name, Parameter::location, Parameter::required, Parameter::description)
        .containsExactly(
            tuple("id", Parameter.Location.PATH, true, "The widget's ID"),
            tuple("revision", Parameter.Location.HEADER, true, ""),
            tuple("mode", Parameter.Location.QUERY, true, "How to update"));
    assertThat(update.queryParameters()).containsExactly("mode");
    assertThat(update.parameters().get(1).schema()).isEmpty();
    assertThat(update.parameters().get(0).schema()).isEqualTo(Map.of("type", "string"));

    Operation delete = catalog.operation("delete_widget");
    assertThat(delete.tags()).isEmpty();
    assertThat(delete.summary()).isEmpty();
    assertThat(delete.description()).isEmpty();
    assertThat(delete.deprecated()).isFalse();
    assertThat(delete.parameters()).isEmpty();
    assertThat(delete.requestBodyRequired()).isFalse(); // declared, not required
  }

  @Test
  void readsTheBodyTheSuccessResponseAndTheCredentialsTheSandboxServesBy() throws IOException {
    String limit = "\"x-klaviyo-ratelimit\": {\"burst\": \"3/s\", \"steady\": \"60/m\"}";
    OperationCatalog catalog = read(spec("""
        "/api/widgets": {
          "get": {"operationId": "get_widgets", %1$s,
            "responses": {"400": {"description": "Bad"},
              "200": {"content": {"application/vnd.api+json": {"schema": {"$ref": "#/components/schemas/WidgetCollection"}}}},
              "201": {"content": {"application/vnd.api+json": {"schema": {"type": "object"}}}}}},
          "post": {"operationId": "create_widget", %1$s, "security": [{"Klaviyo-API-Key": []}],
            "requestBody": {"required": true, "content": {
              "application/vnd.api+json": {"schema": {"$ref": "#/components/schemas/Widget"}},
              "multipart/form-data": {"schema": {"type": "object"}}}},
            "responses": {"201": {"content": {"application/vnd.api+json": {}}}}}},
        "/client/widgets": {
          "post": {"operationId": "create_client_widget", %1$s, "security": [],
            "requestBody": {"content": {"multipart/form-data": {}}},
            "responses": {"202": {"description": "Accepted"}}}},
        "/api/widgets/{id}": {
          "delete": {"operationId": "delete_widget", %1$s, "responses": {"204": {"description": "Deleted"}}},
          "patch": {"operationId": "update_widget", %1$s}}
        """.formatted(limit), WIDGET_SCHEMAS));

    Operation list = catalog.operation("get_widgets");
    assertThat(list.requestBody()).isEmpty();
    assertThat(list.successStatus()).hasValue(200); // the first 2xx in spec order
    assertThat(list.successSchema()).contains(Map.of("$ref", "#/components/schemas/WidgetCollection"));
    assertThat(list.requiresCredentials()).isTrue();

    Operation create = catalog.operation("create_widget");
    RequestBody body = create.requestBody().orElseThrow();
    assertThat(body.contentType()).isEqualTo("application/vnd.api+json"); // the first media type
    assertThat(body.schema()).isEqualTo(Map.of("$ref", "#/components/schemas/Widget"));
    assertThat(create.successStatus()).hasValue(201);
    assertThat(create.successSchema()).isEmpty(); // a media type without a schema
    assertThat(create.requiresCredentials()).isTrue();

    Operation client = catalog.operation("create_client_widget");
    assertThat(client.requestBody()).map(RequestBody::contentType).contains("multipart/form-data");
    assertThat(client.requestBody().orElseThrow().schema()).isEmpty();
    assertThat(client.successStatus()).hasValue(202);
    assertThat(client.successSchema()).isEmpty();
    assertThat(client.requiresCredentials()).isFalse();

    Operation delete = catalog.operation("delete_widget");
    assertThat(delete.successStatus()).hasValue(204);
    assertThat(delete.successSchema()).isEmpty();

    Operation update = catalog.operation("update_widget");
    assertThat(update.requestBody()).isEmpty();
    assertThat(update.successStatus()).isEmpty();
    assertThat(update.successSchema()).isEmpty();
  }

  @Test
  void failsOnASuccessStatusThatIsNotANumber() {
    String spec = spec("""
        "/api/widgets": {"get": {"operationId": "get_widgets",
          "x-klaviyo-ratelimit": {"burst": "3/s", "steady": "60/m"}, "responses": {"2XX": {"description": "OK"}}}}
        """, "");
    assertThatThrownBy(() -> read(spec)).isInstanceOf(SpecShapeException.class)
        .hasMessageContaining("response status '2XX' is not a number");
  }

  @Test
  void failsOnAParameterInAnUnknownLocation() {
    String spec = operationWith("{\"name\": \"x\", \"in\": \"body\", \"schema\": {\"type\": \"string\"}}");
    assertThatThrownBy(() -> read(spec)).isInstanceOf(SpecShapeException.class)
        .hasMessageContaining("parameter 'x' is in unknown location 'body'");
  }

  @Test
  void readsAdjustablePageSizesAndRequiredFiltersAndFollowsParameterReferences() throws IOException {
    OperationCatalog catalog = read(spec("""
        "/api/widgets": {"get": {"operationId": "get_widgets",
          "description": "A filter is required: `?filter=equals(name,'a')`",
          "x-klaviyo-ratelimit": {"burst": "3/s", "steady": "60/m"},
          "parameters": [
            {"$ref": "#/components/parameters/PageSize"},
            {"name": "page[cursor]", "in": "query", "schema": {"type": "string"}},
            {"name": "filter", "in": "query", "required": true, "description": "%s`name`: `equals`", "schema": {"type": "string"}}
          ]}}
        """.formatted(FILTER_PREFIX),
        """
        "parameters": {"PageSize": {"name": "page[size]", "in": "query", "description": "Default: 20. Min: 1. Max: 100.",
          "schema": {"type": "integer", "default": 20, "minimum": 1, "maximum": 100}}}
        """));
    Operation op = catalog.operation("get_widgets");
    assertThat(op.pageSize()).contains(new PageSize(20, 1, 100, true));
    assertThat(op.filterRules().requiredOneOf()).containsExactly("name");
    assertThat(op.filterRules().parameterRequired()).isTrue();
    assertThat(catalog.warnings()).isEmpty();
  }

  @Test
  void leavesAFilterWithAnUnparseableDescriptionUncheckedWithAWarning() throws IOException {
    OperationCatalog catalog = read(operationWith(
        "{\"name\": \"filter\", \"in\": \"query\", \"description\": \"Filter by name or size.\", \"schema\": {\"type\": \"string\"}}"));
    Operation operation = catalog.operation("get_widgets");
    assertThat(operation.filterable()).isTrue();
    assertThat(operation.filterRules().checked()).isFalse();
    assertThat(operation.filterRules().fields()).isEmpty();
    assertThat(catalog.warnings()).singleElement().asString()
        .startsWith("get_widgets: filter rules not validated: ")
        .contains("Allowed field(s)/operator(s)");
  }

  @Test
  void leavesAnUnknownQueryParameterUnvalidatedWithAWarning() throws IOException {
    OperationCatalog catalog = read(operationWith("{\"name\": \"search\", \"in\": \"query\", \"schema\": {\"type\": \"string\"}}"));
    assertThat(catalog.operation("get_widgets").queryParameters()).containsExactly("search");
    assertThat(catalog.warnings()).containsExactly("get_widgets: query parameter 'search' is not validated by the SDK");
  }

  @Test
  void leavesAFieldsetWithoutAnEnumUnvalidatedWithAWarning() throws IOException {
    OperationCatalog catalog = read(operationWith(
        "{\"name\": \"fields[widget]\", \"in\": \"query\", \"schema\": {\"type\": \"string\"}}"));
    assertThat(catalog.operation("get_widgets").fieldsets()).isEmpty();
    assertThat(catalog.warnings()).singleElement().asString().contains("'fields[widget]' is not validated");
  }

  @Test
  void leavesAnUnreadablePageSizeStatementUnknownWithAWarning() throws IOException {
    OperationCatalog catalog = read(spec("""
        "/api/widgets": {"get": {"operationId": "get_widgets", "description": "Returns up to a maximum of many widgets.",
          "x-klaviyo-ratelimit": {"burst": "3/s", "steady": "60/m"},
          "parameters": [{"name": "page[cursor]", "in": "query", "schema": {"type": "string"}}]}}
        """, ""));
    assertThat(catalog.operation("get_widgets").paginated()).isTrue();
    assertThat(catalog.operation("get_widgets").pageSize()).isEmpty();
    assertThat(catalog.warnings()).singleElement().asString().startsWith("get_widgets: page size unknown: ");
  }

  @Test
  void failsOnARateLimitInAnotherUnit() {
    String spec = spec("""
        "/api/widgets": {"get": {"operationId": "get_widgets",
          "x-klaviyo-ratelimit": {"burst": "3/m", "steady": "60/m"}, "parameters": []}}
        """, "");
    assertThatThrownBy(() -> read(spec)).isInstanceOf(SpecShapeException.class).hasMessageContaining("is not N/s");
  }

  @Test
  void failsOnAPageSizeDescriptionThatContradictsItsSchema() {
    String spec = operationWith(
        "{\"name\": \"page[size]\", \"in\": \"query\", \"description\": \"Default: 20. Min: 1. Max: 100.\","
            + " \"schema\": {\"type\": \"integer\", \"default\": 20, \"minimum\": 1, \"maximum\": 50}}");
    assertThatThrownBy(() -> read(spec)).isInstanceOf(SpecShapeException.class).hasMessageContaining("disagrees");
  }

  @Test
  void failsOnADuplicateOperationId() {
    String spec = spec("""
        "/api/a": {"get": {"operationId": "get_widgets", "x-klaviyo-ratelimit": {"burst": "3/s", "steady": "60/m"}}},
        "/api/b": {"get": {"operationId": "get_widgets", "x-klaviyo-ratelimit": {"burst": "3/s", "steady": "60/m"}}}
        """, "");
    assertThatThrownBy(() -> read(spec)).isInstanceOf(SpecShapeException.class).hasMessageContaining("duplicate");
  }

  private static final String WIDGET_SCHEMAS = """
      "schemas": {
        "WidgetCollection": {"type": "object", "properties": {"data": {"type": "array", "items": {"$ref": "#/components/schemas/Widget"}}}},
        "Widget": {"allOf": [{"$ref": "#/components/schemas/WidgetBase"}, {"type": "object", "properties": {"attributes": {"type": "object",
          "properties": {"created": {"type": "string", "format": "date-time"}}}}}]},
        "WidgetBase": {"type": "object", "properties": {"id": {"type": "string"}, "attributes": {"type": "object",
          "properties": {"name": {"type": "string"}, "size": {"type": "integer"}}}}}
      }
      """;

  private static String operationWith(String parameter) {
    return spec("""
        "/api/widgets": {"get": {"operationId": "get_widgets",
          "x-klaviyo-ratelimit": {"burst": "3/s", "steady": "60/m"}, "parameters": [%s]}}
        """.formatted(parameter), "");
  }

  private static String spec(String paths, String components) {
    return "{\"info\": {\"version\": \"2099-01-01\"}, \"paths\": {" + paths + "}, \"components\": {" + components + "}}";
  }

  private static OperationCatalog read(String spec) throws IOException {
    return OperationCatalog.read(new ByteArrayInputStream(spec.getBytes(UTF_8)));
  }
}
