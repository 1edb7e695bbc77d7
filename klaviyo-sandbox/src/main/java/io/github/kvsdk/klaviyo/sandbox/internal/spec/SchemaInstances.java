package io.github.kvsdk.klaviyo.sandbox.internal.spec;

import io.github.kvsdk.klaviyo.openapi.catalog.Schemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes values that conform to a spec schema: the spec's own {@code example} or {@code default} where it
 * conforms, else the first enum value, else a plain value of the declared type and format. Used for the
 * attributes the sandbox has no data for (documented placeholders) and, in tests, to build valid requests.
 */
public final class SchemaInstances {
  /** The value of a {@code date-time} member the sandbox has nothing better for. */
  public static final String PLACEHOLDER_DATETIME = "2024-10-15T00:00:00+00:00";
  private static final int MAX_DEPTH = 24;

  private final Schemas schemas;
  private final SchemaValidator validator;

  /**
   * Creates instances of {@code schemas}.
   *
   * @param schemas the served revision's component schemas
   */
  public SchemaInstances(Schemas schemas) {
    this.schemas = schemas;
    this.validator = new SchemaValidator(schemas);
  }

  /**
   * {@return a value with the required members only (optional members are left out)}
   *
   * @param schema a schema or {@code $ref} as parsed JSON
   */
  public Object minimal(Object schema) {
    return make(schema, false, 0);
  }

  /**
   * {@return a value with every declared member (to a bounded depth)}
   *
   * @param schema a schema or {@code $ref} as parsed JSON
   */
  public Object full(Object schema) {
    return make(schema, true, 0);
  }

  private Object make(Object node, boolean full, int depth) {
    Map<String, Object> s = schemas.flatten(node);
    List<Object> alternatives = schemas.alternatives(s);
    if (!alternatives.isEmpty()) {
      return make(alternatives.get(0), full, depth);
    }
    for (String key : List.of("example", "default")) {
      if (s.containsKey(key) && s.get(key) != null && !isObject(s)
          && validator.check(s.get(key), s, "") == null) {
        return s.get(key);
      }
    }
    if (s.get("enum") instanceof List<?> values && !values.isEmpty()) {
      return values.get(0);
    }
    Object type = s.get("type");
    if (type == null && s.containsKey("properties")) {
      type = "object";
    }
    if (type == null) {
      return Boolean.TRUE.equals(s.get("nullable")) ? null : "value";
    }
    return switch (String.valueOf(type)) {
      case "object" -> object(s, full, depth);
      case "array" -> {
        List<Object> list = new ArrayList<>();
        if (full && depth < MAX_DEPTH && s.get("items") != null) {
          list.add(make(s.get("items"), full, depth + 1));
        }
        yield list;
      }
      case "string" -> string(s);
      case "integer" -> s.get("minimum") instanceof Number min ? (Object) min.longValue() : (Object) 1L;
      case "number" -> s.get("minimum") instanceof Number min ? min : 1L;
      case "boolean" -> Boolean.FALSE;
      default -> null;
    };
  }

  private static boolean isObject(Map<String, Object> s) {
    return "object".equals(s.get("type")) || s.containsKey("properties");
  }

  private Object object(Map<String, Object> s, boolean full, int depth) {
    Map<String, Object> out = new LinkedHashMap<>();
    List<String> required = schemas.required(s);
    for (Map.Entry<String, Object> p : schemas.properties(s).entrySet()) {
      boolean isRequired = required.contains(p.getKey());
      if (isRequired || full && depth < MAX_DEPTH - 4) {
        out.put(p.getKey(), make(p.getValue(), full && depth < MAX_DEPTH, depth + 1));
      }
    }
    return out;
  }

  private static String string(Map<String, Object> s) {
    Object format = s.get("format");
    if ("date-time".equals(format)) {
      return PLACEHOLDER_DATETIME;
    }
    if ("date".equals(format)) {
      return "2024-10-15";
    }
    if ("uri".equals(format)) {
      return "https://example.com/";
    }
    return "value";
  }
}
