package io.github.kvsdk.klaviyo.codegen.facade;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okio.Okio;

/** What the spec says of each operation that the generated Retrofit services do not keep. */
final class SpecOperations {
  private static final Set<String> HTTP_METHODS = Set.of("get", "post", "put", "patch", "delete");

  /** One operation of the spec. */
  record SpecOperation(
      String operationId,
      String method,
      String path,
      String tag,
      String summary,
      String description,
      boolean deprecated,
      Map<String, Boolean> queryRequired,
      boolean bodyRequired,
      Map<String, String> parameterDescriptions) {

    SpecOperation(String operationId, String method, String path, String tag, String summary,
        String description, boolean deprecated, Map<String, Boolean> queryRequired, boolean bodyRequired) {
      this(operationId, method, path, tag, summary, description, deprecated, queryRequired, bodyRequired,
          Map.of());
    }

    /** The spec's description of the path or query parameter {@code name}, or "" if it has none. */
    String parameterDescription(String name) {
      return parameterDescriptions.getOrDefault(name, "");
    }
  }

  private final String revision;
  private final Map<String, SpecOperation> byRoute;

  private SpecOperations(String revision, Map<String, SpecOperation> byRoute) {
    this.revision = revision;
    this.byRoute = byRoute;
  }

  static SpecOperations read(InputStream openApiDocument) throws IOException {
    Map<String, Object> document = map(JsonReader.of(Okio.buffer(Okio.source(openApiDocument))).readJsonValue());
    String revision = (String) map(document.get("info")).get("version");
    Map<String, Object> parameters = map(map(document.get("components")).getOrDefault("parameters", Map.of()));
    Map<String, SpecOperation> byRoute = new LinkedHashMap<>();
    for (Map.Entry<String, Object> path : map(document.get("paths")).entrySet()) {
      for (Map.Entry<String, Object> entry : map(path.getValue()).entrySet()) {
        if (!HTTP_METHODS.contains(entry.getKey())) continue;
        Map<String, Object> operation = map(entry.getValue());
        String method = entry.getKey().toUpperCase(Locale.ROOT);
        List<?> tags = (List<?>) operation.getOrDefault("tags", List.of("Default"));
        Map<String, Boolean> queryRequired = new LinkedHashMap<>();
        Map<String, String> parameterDescriptions = new LinkedHashMap<>();
        for (Object p : (List<?>) operation.getOrDefault("parameters", List.of())) {
          Map<String, Object> parameter = map(p);
          if (parameter.containsKey("$ref")) {
            String ref = (String) parameter.get("$ref");
            parameter = map(parameters.get(ref.substring(ref.lastIndexOf('/') + 1)));
          }
          if (parameter.get("description") instanceof String description) {
            parameterDescriptions.put((String) parameter.get("name"), description);
          }
          if ("query".equals(parameter.get("in"))) {
            queryRequired.put((String) parameter.get("name"), Boolean.TRUE.equals(parameter.get("required")));
          }
        }
        Object requestBody = operation.get("requestBody");
        boolean bodyRequired = requestBody != null && Boolean.TRUE.equals(map(requestBody).get("required"));
        SpecOperation op = new SpecOperation(
            (String) operation.get("operationId"),
            method,
            path.getKey(),
            String.valueOf(tags.get(0)),
            (String) operation.getOrDefault("summary", ""),
            (String) operation.getOrDefault("description", ""),
            Boolean.TRUE.equals(operation.get("deprecated")),
            queryRequired,
            bodyRequired,
            parameterDescriptions);
        byRoute.put(route(method, path.getKey()), op);
      }
    }
    return new SpecOperations(revision, byRoute);
  }

  String revision() {
    return revision;
  }

  /** The operation at {@code method} and {@code path} ({@code /api/profiles/{id}}), or null. */
  SpecOperation find(String method, String path) {
    return byRoute.get(route(method, path));
  }

  /** Every operation, in spec order. */
  java.util.Collection<SpecOperation> all() {
    return byRoute.values();
  }

  private static String route(String method, String path) {
    String p = path.startsWith("/") ? path : "/" + path;
    while (p.length() > 1 && p.endsWith("/")) p = p.substring(0, p.length() - 1);
    return method.toUpperCase(Locale.ROOT) + " " + p;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }
}
