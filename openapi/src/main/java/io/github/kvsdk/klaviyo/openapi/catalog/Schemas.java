package io.github.kvsdk.klaviyo.openapi.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The schemas of the spec's {@code components}, with {@code $ref} resolution and {@code allOf} flattening.
 *
 * <p>Schemas are the spec's own JSON trees ({@code Map}/{@code List}/scalars) and are never modified. The
 * spec uses a small subset of JSON Schema: {@code type}, {@code properties}, {@code required},
 * {@code nullable}, {@code items}, {@code enum}, {@code format}, {@code minimum}/{@code maximum},
 * {@code allOf} and {@code oneOf}.
 */
public final class Schemas {
  private static final String PREFIX = "#/components/schemas/";

  private final Map<String, Object> components;
  /** Flattened {@code allOf} schemas by identity of the spec node. */
  private final Map<Map<String, Object>, Map<String, Object>> flattened =
      Collections.synchronizedMap(new IdentityHashMap<>());

  private Schemas(Map<String, Object> components) {
    this.components = components;
  }

  /**
   * {@return the schemas of a spec whose {@code components} member is {@code components}}
   *
   * @param components the spec's {@code components} member as parsed JSON; null for a spec without one
   */
  public static Schemas of(Map<String, Object> components) {
    return new Schemas(components == null ? Map.of() : components);
  }

  /**
   * {@return the schema {@code node}, following {@code $ref}s; an empty (open) schema for null}
   *
   * @param node a schema or a {@code {"$ref": ...}} object as parsed JSON; may be null
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> resolve(Object node) {
    Object current = node;
    for (int i = 0; i < 32 && current instanceof Map<?, ?> map && map.get("$ref") instanceof String ref; i++) {
      current = byRef(ref);
    }
    return current instanceof Map<?, ?> ? (Map<String, Object>) current : Map.of();
  }

  @SuppressWarnings("unchecked")
  private Object byRef(String ref) {
    if (!ref.startsWith("#/")) {
      throw new IllegalArgumentException("Unsupported $ref " + ref);
    }
    Object current = Map.of("components", components);
    for (String part : ref.substring(2).split("/")) {
      String name = part.replace("~1", "/").replace("~0", "~");
      current = current instanceof Map<?, ?> map ? ((Map<String, Object>) map).get(name) : null;
    }
    if (current == null) {
      throw new IllegalArgumentException("Unresolvable $ref " + ref);
    }
    return current;
  }

  /**
   * {@return the named component schema, or null if {@code components.schemas} has none of that name}
   *
   * @param name the schema's key under {@code components.schemas}, such as {@code ProfileEnum}
   */
  public Map<String, Object> named(String name) {
    Object s = components.get("schemas") instanceof Map<?, ?> all ? all.get(name) : null;
    return s == null ? null : resolve(Map.of("$ref", PREFIX + name));
  }

  /**
   * {@return {@code node} resolved, with an {@code allOf} merged into one schema} The merged schema has the
   * union of the parts' properties and required members, the first declared type, and is nullable when any
   * part is.
   *
   * @param node a schema or {@code $ref} as parsed JSON; may be null (an open schema)
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> flatten(Object node) {
    Map<String, Object> schema = resolve(node);
    if (!(schema.get("allOf") instanceof List<?>)) {
      return schema;
    }
    Map<String, Object> done = flattened.get(schema);
    if (done != null) {
      return done;
    }
    Map<String, Object> s = schema;
    {
      Map<String, Object> merged = new LinkedHashMap<>();
      Map<String, Object> properties = new LinkedHashMap<>();
      Set<String> required = new LinkedHashSet<>();
      List<Object> parts = new ArrayList<>((List<Object>) s.get("allOf"));
      Map<String, Object> own = new LinkedHashMap<>(s);
      own.remove("allOf");
      parts.add(own);
      for (Object part : parts) {
        Map<String, Object> p = flatten(part);
        for (Map.Entry<String, Object> e : p.entrySet()) {
          switch (e.getKey()) {
            case "properties" -> ((Map<String, Object>) e.getValue()).forEach((k, v) ->
                properties.merge(k, v, (a, b) -> mergeProperty(a, b)));
            case "required" -> required.addAll((List<String>) e.getValue());
            case "nullable" -> merged.merge("nullable", e.getValue(),
                (a, b) -> Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b));
            default -> merged.putIfAbsent(e.getKey(), e.getValue());
          }
        }
      }
      if (!properties.isEmpty()) {
        merged.put("properties", Collections.unmodifiableMap(properties));
        merged.putIfAbsent("type", "object");
      }
      if (!required.isEmpty()) {
        merged.put("required", List.copyOf(required));
      }
      Map<String, Object> result = Collections.unmodifiableMap(merged);
      flattened.put(schema, result);
      return result;
    }
  }

  /** Two parts of an {@code allOf} both declare a property: object schemas are merged, else the first wins. */
  private Object mergeProperty(Object a, Object b) {
    Map<String, Object> ra = resolve(a);
    Map<String, Object> rb = resolve(b);
    if (ra.containsKey("properties") && rb.containsKey("properties")) {
      return Map.of("allOf", List.of(a, b));
    }
    return ra.containsKey("type") || !rb.containsKey("type") ? a : b;
  }

  /**
   * {@return the declared properties of an object schema (after flattening), possibly empty}
   *
   * @param node a schema or {@code $ref} as parsed JSON; may be null
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> properties(Object node) {
    Object p = flatten(node).get("properties");
    return p instanceof Map<?, ?> ? (Map<String, Object>) p : Map.of();
  }

  /**
   * {@return the schema of member {@code name} of an object schema, or null when undeclared}
   *
   * @param node an object schema or {@code $ref} as parsed JSON; may be null
   * @param name the member's name, such as {@code attributes}
   */
  public Map<String, Object> property(Object node, String name) {
    Object p = properties(node).get(name);
    return p == null ? null : resolve(p);
  }

  /**
   * {@return the required member names of an object schema (after flattening); empty if none}
   *
   * @param node an object schema or {@code $ref} as parsed JSON; may be null
   */
  @SuppressWarnings("unchecked")
  public List<String> required(Object node) {
    Object r = flatten(node).get("required");
    return r instanceof List<?> ? (List<String>) r : List.of();
  }

  /**
   * {@return the alternatives of a {@code oneOf}/{@code anyOf}, or an empty list}
   *
   * @param node a schema or {@code $ref} as parsed JSON; may be null
   */
  @SuppressWarnings("unchecked")
  public List<Object> alternatives(Object node) {
    Map<String, Object> s = flatten(node);
    Object alts = s.containsKey("oneOf") ? s.get("oneOf") : s.get("anyOf");
    return alts instanceof List<?> ? (List<Object>) alts : List.of();
  }

  /**
   * {@return the single constant of a type-enum schema ({@code {"type":"string","enum":["tag"]}}), or null}
   *
   * @param node a schema or {@code $ref} as parsed JSON; may be null
   */
  public String constant(Object node) {
    if (node == null) {
      return null;
    }
    Object e = flatten(node).get("enum");
    return e instanceof List<?> list && list.size() == 1 ? String.valueOf(list.get(0)) : null;
  }

  /**
   * {@return the JSON:API resource type of a resource object schema ({@code properties.type} with one enum
   * value)} Null for a {@code oneOf} of resource objects and for a schema without such a type.
   *
   * @param node a schema or {@code $ref} as parsed JSON; may be null
   */
  public String resourceType(Object node) {
    Map<String, Object> t = property(node, "type");
    return t == null ? null : constant(t);
  }
}
