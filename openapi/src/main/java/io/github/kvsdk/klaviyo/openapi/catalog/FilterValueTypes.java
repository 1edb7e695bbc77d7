package io.github.kvsdk.klaviyo.openapi.catalog;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads the type of each filter field's values from the resource an operation returns: {@code id} is the
 * resource's id, any other field an attribute, dotted fields ({@code location.city}) nested attributes.
 */
final class FilterValueTypes {
  private FilterValueTypes() {}

  static Map<String, FilterValueType> of(Schemas schemas, Map<String, Object> operation, Set<String> fields) {
    Map<String, FilterValueType> types = new LinkedHashMap<>();
    Map<String, Object> document = successSchema(schemas, operation);
    if (document == null || fields.isEmpty()) return types;
    Map<String, Object> data = schemas.property(document, "data");
    if (data == null) return types;
    Map<String, Object> item = schemas.flatten(data);
    if ("array".equals(item.get("type")) && item.get("items") != null) {
      item = schemas.flatten(item.get("items"));
    }
    Map<String, Object> attributes = schemas.property(item, "attributes");
    for (String field : fields) {
      Map<String, Object> schema;
      if (field.equals("id")) {
        schema = schemas.property(item, "id");
      } else {
        schema = attributes;
        for (String part : field.split("\\.")) {
          schema = schema == null ? null : schemas.property(schema, part);
        }
      }
      if (schema == null) continue;
      Map<String, Object> flat = schemas.flatten(schema);
      Object type = flat.get("type");
      if ("string".equals(type)) {
        types.put(field, "date-time".equals(flat.get("format")) ? FilterValueType.DATETIME : FilterValueType.STRING);
      } else if ("boolean".equals(type)) {
        types.put(field, FilterValueType.BOOLEAN);
      } else if ("integer".equals(type) || "number".equals(type)) {
        types.put(field, FilterValueType.NUMBER);
      }
    }
    return types;
  }

  /** The schema of the first 2xx response's first media type, or null when it has none. */
  private static Map<String, Object> successSchema(Schemas schemas, Map<String, Object> operation) {
    if (!(operation.get("responses") instanceof Map<?, ?> responses)) return null;
    for (Map.Entry<?, ?> response : responses.entrySet()) {
      if (!String.valueOf(response.getKey()).startsWith("2")) continue;
      if (response.getValue() instanceof Map<?, ?> r
          && r.get("content") instanceof Map<?, ?> content
          && !content.isEmpty()
          && content.values().iterator().next() instanceof Map<?, ?> media
          && media.get("schema") != null) {
        return schemas.resolve(media.get("schema"));
      }
      return null;
    }
    return null;
  }
}
