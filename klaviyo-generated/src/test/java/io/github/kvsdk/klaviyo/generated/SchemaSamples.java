package io.github.kvsdk.klaviyo.generated;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds JSON instances of a spec schema: property {@code example} values where they fit the schema,
 * values synthesised from the type and format otherwise. Variant {@code k} takes branch {@code k mod n} at
 * every {@code oneOf} of {@code n} branches, so variants {@code 0..}{@link #branchCount} cover every
 * branch of every union; the "nulls" flavour sets every nullable property to JSON null.
 */
final class SchemaSamples {
  private static final int MAX_DEPTH = 12;
  private static final Object OMIT = new Object();

  private final Map<String, Object> schemas;
  private int maxBranches;

  SchemaSamples(Map<String, Object> schemas) {
    this.schemas = schemas;
  }

  /** The most branches of any union reachable from {@code schemaName}: the number of variants needed. */
  int branchCount(String schemaName) {
    maxBranches = 1;
    sample(ref(schemaName), 0, false, 0);
    return maxBranches;
  }

  Object sample(String schemaName, int variant, boolean nulls) {
    Object value = sample(ref(schemaName), variant, nulls, 0);
    return value == OMIT ? null : value;
  }

  private static Map<String, Object> ref(String schemaName) {
    return Map.of("$ref", "#/components/schemas/" + schemaName);
  }

  @SuppressWarnings("unchecked")
  private Object sample(Map<String, Object> schema, int variant, boolean nulls, int depth) {
    if (depth > MAX_DEPTH) {
      return OMIT;
    }
    if (schema.get("$ref") instanceof String ref) {
      String name = ref.substring(ref.lastIndexOf('/') + 1);
      return sample((Map<String, Object>) schemas.get(name), variant, nulls, depth + 1);
    }
    if (schema.get("enum") instanceof List<?> values) {
      Object example = schema.get("example");
      return example != null && values.contains(example) ? example : values.get(variant % values.size());
    }
    if (schema.get("oneOf") instanceof List<?> branches) {
      maxBranches = Math.max(maxBranches, branches.size());
      return sample((Map<String, Object>) branches.get(variant % branches.size()), variant, nulls, depth + 1);
    }
    if (schema.get("allOf") instanceof List<?> parts) {
      Map<String, Object> merged = new LinkedHashMap<>();
      Object last = OMIT;
      for (Object part : parts) {
        Object value = sample((Map<String, Object>) part, variant, nulls, depth + 1);
        if (value instanceof Map<?, ?> map) {
          deepMerge(merged, (Map<String, Object>) map);
        } else if (value != OMIT) {
          last = value;
        }
      }
      return merged.isEmpty() ? last : merged;
    }
    String type = (String) schema.get("type");
    Object example = schema.get("example");
    if (schema.get("properties") instanceof Map<?, ?> properties) {
      Map<String, Object> object = new LinkedHashMap<>();
      for (Map.Entry<?, ?> property : properties.entrySet()) {
        Map<String, Object> propertySchema = (Map<String, Object>) property.getValue();
        if (nulls && Boolean.TRUE.equals(propertySchema.get("nullable"))) {
          object.put((String) property.getKey(), null);
          continue;
        }
        Object value = sample(propertySchema, variant, nulls, depth + 1);
        if (value != OMIT) {
          object.put((String) property.getKey(), value);
        }
      }
      return object;
    }
    if ("object".equals(type) && schema.get("maxProperties") instanceof BigDecimal max && max.signum() == 0) {
      return new LinkedHashMap<>();
    }
    if (type == null || type.equals("object")) {
      return example instanceof Map<?, ?> ? example : freeForm();
    }
    switch (type) {
      case "array": {
        Object item = sample((Map<String, Object>) schema.getOrDefault("items", Map.of()), variant, nulls, depth + 1);
        List<Object> list = new ArrayList<>();
        if (item != OMIT) {
          list.add(item);
        }
        return list;
      }
      case "string":
        return string((String) schema.get("format"), example);
      case "integer":
        return example instanceof BigDecimal n && n.stripTrailingZeros().scale() <= 0 ? n : new BigDecimal(7);
      case "number":
        return example instanceof BigDecimal n ? n : new BigDecimal("1.25");
      case "boolean":
        return example instanceof Boolean b ? b : Boolean.TRUE;
      default:
        throw new IllegalArgumentException("Unknown schema type " + type);
    }
  }

  /** allOf means every part holds: members of a property two parts both define are all kept. */
  @SuppressWarnings("unchecked")
  private static void deepMerge(Map<String, Object> into, Map<String, Object> from) {
    for (Map.Entry<String, Object> entry : from.entrySet()) {
      if (into.get(entry.getKey()) instanceof Map<?, ?> existing && entry.getValue() instanceof Map<?, ?> added) {
        Map<String, Object> combined = new LinkedHashMap<>((Map<String, Object>) existing);
        deepMerge(combined, (Map<String, Object>) added);
        into.put(entry.getKey(), combined);
      } else {
        into.put(entry.getKey(), entry.getValue());
      }
    }
  }

  private static Object string(String format, Object example) {
    String text = example instanceof String s ? s : null;
    if ("date-time".equals(format)) {
      return text != null && isDateTime(text) ? text : "2024-01-02T03:04:05+00:00";
    }
    if ("date".equals(format)) {
      return text != null && isDate(text) ? text : "2024-01-02";
    }
    if ("binary".equals(format)) {
      return OMIT;
    }
    return text != null ? text : "sample text";
  }

  private static Map<String, Object> freeForm() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("text", "value");
    map.put("count", new BigDecimal("12345678901234567890"));
    map.put("ratio", new BigDecimal("0.1"));
    map.put("nothing", null);
    map.put("list", List.of(true, "x"));
    return map;
  }

  static boolean isDateTime(String text) {
    try {
      OffsetDateTime.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      try {
        LocalDateTime.parse(text);
        return true;
      } catch (DateTimeParseException e2) {
        return false;
      }
    }
  }

  private static boolean isDate(String text) {
    try {
      LocalDate.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
