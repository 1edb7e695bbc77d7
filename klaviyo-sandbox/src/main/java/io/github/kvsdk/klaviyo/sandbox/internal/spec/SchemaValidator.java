package io.github.kvsdk.klaviyo.sandbox.internal.spec;

import io.github.kvsdk.klaviyo.openapi.catalog.Schemas;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Checks a parsed JSON value ({@code Map}/{@code List}/{@code String}/{@code Number}/{@code Boolean}/null)
 * against a spec schema and reports the first violation with a JSON pointer.
 *
 * <p>Rules: {@code type} ({@code integer} is a number without a fraction), {@code nullable} (null is
 * refused unless the schema says {@code nullable: true}), {@code enum}, {@code format} ({@code date-time}
 * as ISO 8601 with or without an offset, {@code date}, {@code uri} with a scheme), {@code required},
 * {@code minimum}/{@code maximum}, {@code items}, {@code allOf} (every part), {@code oneOf} (at least one
 * alternative: the spec's alternatives overlap, so a strict "exactly one" would refuse valid requests).
 *
 * <p><b>Undeclared members:</b> an object schema that declares {@code properties} accepts only those
 * members; an object schema without declared properties (free-form maps such as a profile's custom
 * {@code properties}) accepts any member. The spec never states {@code additionalProperties}; this is the
 * one rule the sandbox applies to every request body.
 */
public final class SchemaValidator {
  private final Schemas schemas;

  /**
   * Validates against {@code schemas}.
   *
   * @param schemas the served revision's component schemas
   */
  public SchemaValidator(Schemas schemas) {
    this.schemas = schemas;
  }

  /**
   * {@return the first violation of {@code value} against {@code schema}, or null when it conforms}
   *
   * @param value the JSON tree to check
   * @param schema a schema or {@code $ref} as parsed JSON
   * @param pointer the JSON pointer of {@code value} in the request body, named in the violation
   */
  public Violation check(Object value, Object schema, String pointer) {
    Map<String, Object> s = schemas.flatten(schema);
    if (value == null) {
      if (Boolean.TRUE.equals(s.get("nullable")) || s.isEmpty()) {
        return null;
      }
      return new Violation(pointer, "'" + name(pointer) + "' may not be null.");
    }
    List<Object> alternatives = schemas.alternatives(s);
    if (!alternatives.isEmpty()) {
      Violation deepest = null;
      for (Object alternative : alternatives) {
        Violation v = check(value, alternative, pointer);
        if (v == null) {
          return null;
        }
        if (deepest == null || v.pointer().length() > deepest.pointer().length()) {
          deepest = v;
        }
      }
      return deepest;
    }
    Object enumeration = s.get("enum");
    if (enumeration instanceof List<?> allowed && !contains(allowed, value)) {
      return new Violation(pointer, "'" + render(value) + "' is not a valid choice for '" + name(pointer)
          + "'; allowed: " + allowed + ".");
    }
    String type = type(s);
    if (type == null) {
      return null;
    }
    return switch (type) {
      case "object" -> object(value, s, pointer);
      case "array" -> array(value, s, pointer);
      case "string" -> string(value, s, pointer);
      case "integer" -> integer(value, s, pointer);
      case "number" -> number(value, s, pointer);
      case "boolean" -> value instanceof Boolean ? null : wrongType(pointer, "a boolean");
      default -> null;
    };
  }

  private static String type(Map<String, Object> s) {
    Object t = s.get("type");
    if (t instanceof String text) {
      return text;
    }
    return s.containsKey("properties") ? "object" : null;
  }

  private Violation object(Object value, Map<String, Object> s, String pointer) {
    if (!(value instanceof Map<?, ?> map)) {
      return wrongType(pointer, "an object");
    }
    Map<String, Object> properties = schemas.properties(s);
    for (String name : schemas.required(s)) {
      if (!map.containsKey(name)) {
        return new Violation(pointer + "/" + escape(name), "'" + name + "' is a required field.");
      }
    }
    for (Map.Entry<?, ?> member : map.entrySet()) {
      String name = String.valueOf(member.getKey());
      String at = pointer + "/" + escape(name);
      Object declared = properties.get(name);
      if (declared == null) {
        if (!properties.isEmpty()) {
          return new Violation(at, "'" + name + "' is not a valid field for '" + name(pointer) + "'.");
        }
        continue;
      }
      Violation v = check(member.getValue(), declared, at);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private Violation array(Object value, Map<String, Object> s, String pointer) {
    if (!(value instanceof List<?> list)) {
      return wrongType(pointer, "an array");
    }
    Object items = s.get("items");
    if (items == null) {
      return null;
    }
    for (int i = 0; i < list.size(); i++) {
      Violation v = check(list.get(i), items, pointer + "/" + i);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static Violation string(Object value, Map<String, Object> s, String pointer) {
    if (!(value instanceof String text)) {
      return wrongType(pointer, "a string");
    }
    Object format = s.get("format");
    if ("date-time".equals(format) && !isDateTime(text)) {
      return new Violation(pointer, "'" + text + "' is not a valid ISO 8601 datetime for '" + name(pointer) + "'.");
    }
    if ("date".equals(format) && !isDate(text)) {
      return new Violation(pointer, "'" + text + "' is not a valid date (YYYY-MM-DD) for '" + name(pointer) + "'.");
    }
    if ("uri".equals(format) && !isUri(text)) {
      return new Violation(pointer, "'" + text + "' is not a valid URL for '" + name(pointer) + "'.");
    }
    return null;
  }

  private static Violation integer(Object value, Map<String, Object> s, String pointer) {
    if (!(value instanceof Long || value instanceof Integer || value instanceof BigInteger
        || value instanceof BigDecimal d && d.stripTrailingZeros().scale() <= 0)) {
      return wrongType(pointer, "an integer");
    }
    return range((Number) value, s, pointer);
  }

  private static Violation number(Object value, Map<String, Object> s, String pointer) {
    if (!(value instanceof Number n)) {
      return wrongType(pointer, "a number");
    }
    return range(n, s, pointer);
  }

  private static Violation range(Number n, Map<String, Object> s, String pointer) {
    BigDecimal v = new BigDecimal(n.toString());
    if (s.get("minimum") instanceof Number min && v.compareTo(new BigDecimal(min.toString())) < 0) {
      return new Violation(pointer, "'" + name(pointer) + "' must be at least " + min + ".");
    }
    if (s.get("maximum") instanceof Number max && v.compareTo(new BigDecimal(max.toString())) > 0) {
      return new Violation(pointer, "'" + name(pointer) + "' must be at most " + max + ".");
    }
    return null;
  }

  /**
   * {@return whether {@code text} is an ISO 8601 datetime (with an offset, or local), or a date}
   *
   * @param text the text to check; not null
   */
  public static boolean isDateTime(String text) {
    try {
      OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      return true;
    } catch (DateTimeParseException e) {
      try {
        LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        return true;
      } catch (DateTimeParseException e2) {
        return isDate(text);
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

  private static boolean isUri(String text) {
    try {
      URI uri = new URI(text);
      return uri.getScheme() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static boolean contains(List<?> allowed, Object value) {
    for (Object a : allowed) {
      if (a.equals(value)
          || a instanceof Number x && value instanceof Number y
              && new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0) {
        return true;
      }
    }
    return false;
  }

  private static Violation wrongType(String pointer, String what) {
    return new Violation(pointer, "'" + name(pointer) + "' must be " + what + ".");
  }

  private static String render(Object value) {
    return value instanceof String s ? s : String.valueOf(value);
  }

  private static String name(String pointer) {
    if (pointer.isEmpty() || pointer.equals("/")) {
      return "body";
    }
    String last = pointer.substring(pointer.lastIndexOf('/') + 1);
    return last.replace("~1", "/").replace("~0", "~");
  }

  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }
}
