package io.github.kvsdk.klaviyo.openapi;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okio.BufferedSink;
import okio.BufferedSource;
import okio.Okio;

/**
 * Derives the document the code generator reads from the verified spec. Run by the build, not at runtime.
 *
 * <p>Two rewrites, each restating what the document means in a form OpenAPI 3.0 tools read; everything
 * else, numbers included, is copied exactly:
 *
 * <ol>
 *   <li>Klaviyo marks about a hundred properties nullable with a sibling of {@code $ref}
 *       ({@code {"$ref": "...", "nullable": true}}). OpenAPI 3.0 says siblings of {@code $ref} are
 *       ignored, and the generator does ignore them, so a JSON {@code null} in those properties could not
 *       be told from an absent one. {@code {"allOf": [{"$ref": "..."}], "nullable": true}} is the 3.0 way to
 *       say the same thing, and the generator honours it.
 *   <li>Some revisions (2025-01-15) declare {@code "type": "array"} without {@code items}, which 3.0 does
 *       not allow; the generator would then assume an array of strings and drop anything else. An empty
 *       {@code items} schema ("any JSON value") keeps every element.
 *   <li>Klaviyo's response documents extend a resource with {@code allOf}, and a later part often names a
 *       property the referenced resource already has, to add members to it: {@code GetProfileResponse}'s
 *       {@code data} is {@code allOf [ProfileResponseObjectResource, {attributes: {subscriptions, ...}}]}.
 *       In JSON Schema the instance must satisfy both, so {@code attributes} holds the resource's
 *       attributes <em>and</em> the added ones; the generator merges parts shallowly and keeps only the
 *       last {@code attributes}, which drops {@code email}, {@code first_name} and the rest. The later
 *       definition becomes {@code {"allOf": [earlier, later]}}, which says the same thing and which the
 *       generator merges member by member.
 * </ol>
 */
public final class GeneratorInput {
  private GeneratorInput() {
  }

  /**
   * Usage: {@code GeneratorInput <verified spec> <generator input to write>}.
   *
   * @param args the verified spec's path and the path of the generator input to write
   * @throws IOException if the spec cannot be read or the output cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: GeneratorInput <verified spec> <output>");
    }
    Object tree;
    try (BufferedSource source = Okio.buffer(Okio.source(Path.of(args[0])))) {
      tree = read(JsonReader.of(source));
    }
    int documents = OperationDocuments.name(tree);
    int rewritten = wrapNullableReferences(tree);
    int untypedArrays = addMissingArrayItems(tree);
    int mergedProperties = mergeOverlappingAllOfProperties(tree);
    int nullEnums = moveNullEnumValuesToNullable(tree);
    int untypedEnums = typeUntypedEnums(tree);
    int namedConstants = nameCollidingEnumConstants(tree);
    int emptyObjects = closeEmptyObjects(tree);
    Path output = Path.of(args[1]);
    Files.createDirectories(output.toAbsolutePath().getParent());
    try (BufferedSink sink = Okio.buffer(Okio.sink(output)); JsonWriter writer = JsonWriter.of(sink)) {
      writer.setIndent("  ");
      writer.setSerializeNulls(true);
      write(writer, tree);
    }
    System.out.println("GeneratorInput: named " + documents + " operation documents, wrapped " + rewritten + " nullable $ref schemas in allOf, gave "
        + untypedArrays + " arrays without items an any-value items schema, merged " + mergedProperties
        + " allOf properties defined by more than one part, made " + nullEnums + " enums listing null nullable, typed "
        + untypedEnums + " enums without a type, named the constants of " + namedConstants
        + " enums whose values would share a name, closed " + emptyObjects + " empty objects -> " + output);
  }

  /** Rewrites every {@code $ref} schema with {@code nullable: true} in place; returns how many. */
  @SuppressWarnings("unchecked")
  static int wrapNullableReferences(Object node) {
    int count = 0;
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> object = (Map<String, Object>) map;
      if (object.get("$ref") instanceof String ref && Boolean.TRUE.equals(object.get("nullable"))) {
        object.remove("$ref");
        object.put("allOf", new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("$ref", ref)))));
        count++;
      }
      for (Object value : object.values()) {
        count += wrapNullableReferences(value);
      }
    } else if (node instanceof List<?> list) {
      for (Object value : list) {
        count += wrapNullableReferences(value);
      }
    }
    return count;
  }

  /** Gives every {@code type: array} schema without {@code items} an empty (any value) one; returns how many. */
  @SuppressWarnings("unchecked")
  static int addMissingArrayItems(Object node) {
    int count = 0;
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> object = (Map<String, Object>) map;
      if ("array".equals(object.get("type")) && !object.containsKey("items")) {
        object.put("items", new LinkedHashMap<>());
        count++;
      }
      for (Object value : object.values()) {
        count += addMissingArrayItems(value);
      }
    } else if (node instanceof List<?> list) {
      for (Object value : list) {
        count += addMissingArrayItems(value);
      }
    }
    return count;
  }

  /**
   * Removes {@code null} from every {@code enum} and marks the schema {@code nullable} instead; an enum
   * that lists only {@code null} loses its {@code enum} (the value can only be null, which {@code nullable}
   * says). Returns how many schemas changed.
   */
  @SuppressWarnings("unchecked")
  static int moveNullEnumValuesToNullable(Object node) {
    int count = 0;
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> object = (Map<String, Object>) map;
      if (object.get("enum") instanceof List<?> values && values.contains(null)) {
        List<Object> nonNull = new ArrayList<>();
        for (Object value : values) {
          if (value != null) nonNull.add(value);
        }
        if (nonNull.isEmpty()) {
          object.remove("enum");
          object.remove("default");
        } else {
          object.put("enum", nonNull);
        }
        object.put("nullable", true);
        count++;
      }
      for (Object value : object.values()) {
        count += moveNullEnumValuesToNullable(value);
      }
    } else if (node instanceof List<?> list) {
      for (Object value : list) {
        count += moveNullEnumValuesToNullable(value);
      }
    }
    return count;
  }

  /**
   * Gives every {@code enum} without a {@code type} the type all its values share: {@code string},
   * {@code boolean}, {@code integer} (whole numbers) or {@code number}. The generator would otherwise read
   * {@code {"enum": [0]}} as a decimal with constants it cannot write. Returns how many schemas were typed.
   */
  @SuppressWarnings("unchecked")
  static int typeUntypedEnums(Object node) {
    int count = 0;
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> object = (Map<String, Object>) map;
      if (object.get("enum") instanceof List<?> values && !values.isEmpty() && !object.containsKey("type")
          && !object.containsKey("$ref")) {
        String type = sharedType(values);
        if (type != null) {
          object.put("type", type);
          count++;
        }
      }
      for (Object value : object.values()) {
        count += typeUntypedEnums(value);
      }
    } else if (node instanceof List<?> list) {
      for (Object value : list) {
        count += typeUntypedEnums(value);
      }
    }
    return count;
  }

  private static String sharedType(List<?> values) {
    String shared = null;
    for (Object value : values) {
      String type;
      if (value instanceof String) {
        type = "string";
      } else if (value instanceof Boolean) {
        type = "boolean";
      } else if (value instanceof BigDecimal number) {
        type = number.stripTrailingZeros().scale() <= 0 ? "integer" : "number";
      } else {
        return null;
      }
      if (shared == null || shared.equals(type)) {
        shared = type;
      } else if (Set.of(shared, type).equals(Set.of("integer", "number"))) {
        shared = "number";
      } else {
        return null;
      }
    }
    return shared;
  }

  /**
   * Names the constants of every string enum in which two values would get the same constant name (the
   * generator upper-cases a value and turns each run of other characters into {@code _}, so
   * {@code Etc/GMT+12} and {@code Etc/GMT-12} would both be {@code ETC_GMT_12}, and its attempt to number
   * them apart collides again). In such an enum the values that share a name spell out their signs
   * ({@code ETC_GMT_PLUS_12}, {@code ETC_GMT_MINUS_12}); the others keep the generator's name. Names that
   * still clash get {@code _2}, {@code _3}, ... in the spec's order. The names are written as
   * {@code x-enum-varnames}, which the generator uses as given. Returns how many enums were named.
   */
  @SuppressWarnings("unchecked")
  static int nameCollidingEnumConstants(Object node) {
    int count = 0;
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> object = (Map<String, Object>) map;
      if (object.get("enum") instanceof List<?> values && "string".equals(object.get("type"))
          && !object.containsKey("x-enum-varnames")) {
        List<String> names = constantNames((List<Object>) values);
        if (names != null) {
          object.put("x-enum-varnames", new ArrayList<Object>(names));
          count++;
        }
      }
      for (Object value : object.values()) {
        count += nameCollidingEnumConstants(value);
      }
    } else if (node instanceof List<?> list) {
      for (Object value : list) {
        count += nameCollidingEnumConstants(value);
      }
    }
    return count;
  }

  /** The constant names for {@code values}, or null when the generator's own names are all distinct. */
  static List<String> constantNames(List<Object> values) {
    Map<String, Integer> uses = new HashMap<>();
    for (Object value : values) {
      uses.merge(plainConstantName(String.valueOf(value)), 1, Integer::sum);
    }
    if (uses.values().stream().allMatch(n -> n == 1)) {
      return null;
    }
    List<String> names = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    for (Object value : values) {
      String plain = plainConstantName(String.valueOf(value));
      String name = uses.get(plain) == 1 ? plain : spelledConstantName(String.valueOf(value));
      String unique = name;
      for (int n = 2; !taken.add(unique); n++) {
        unique = name + "_" + n;
      }
      names.add(unique);
    }
    return names;
  }

  /** The generator's constant name for a string value. */
  private static String plainConstantName(String value) {
    if (value.isEmpty()) return "EMPTY";
    String name = value.replaceAll("\\W+", "_").toUpperCase(Locale.ROOT);
    return name.matches("\\d.*") ? "_" + name : name;
  }

  /** A constant name that keeps the signs the plain name drops. */
  private static String spelledConstantName(String value) {
    String spelled = value.replace("+", "_PLUS_").replace("-", "_MINUS_").replace(".", "_DOT_")
        .replace("*", "_STAR_").replace("#", "_HASH_").replace("$", "_DOLLAR_").replace("%", "_PERCENT_")
        .replace("&", "_AND_").replace("@", "_AT_").replace("<", "_LT_").replace(">", "_GT_")
        .replace("=", "_EQUALS_");
    String name = spelled.replaceAll("\\W+", "_").replaceAll("_+", "_").toUpperCase(Locale.ROOT);
    name = name.replaceAll("^_(?=[A-Z])|_$", "");
    return name.isEmpty() || name.matches("\\d.*") ? "_" + name : name;
  }

  /**
   * Restates every component schema that is an object admitting no members ({@code {"type": "object",
   * "maxProperties": 0}} without properties) as {@code {"allOf": [that object]}}. The generator reads an
   * object without properties as free-form JSON (any map): it generates no class for it and types every
   * property that refers to it as {@code Object}. Composed, it is a model with no fields, whose instances are
   * {@code {}}, and the properties that refer to it have its type. Returns how many schemas changed.
   */
  @SuppressWarnings("unchecked")
  static int closeEmptyObjects(Object root) {
    if (!(root instanceof Map<?, ?> r && r.get("components") instanceof Map<?, ?> c
        && c.get("schemas") instanceof Map<?, ?> s)) {
      return 0;
    }
    int count = 0;
    for (Map.Entry<String, Object> entry : ((Map<String, Object>) s).entrySet()) {
      if (entry.getValue() instanceof Map<?, ?> map && isEmptyObject((Map<String, Object>) map)) {
        Map<String, Object> object = (Map<String, Object>) map;
        Map<String, Object> composed = new LinkedHashMap<>();
        if (object.containsKey("description")) composed.put("description", object.get("description"));
        composed.put("allOf", new ArrayList<>(List.of(object)));
        entry.setValue(composed);
        count++;
      }
    }
    return count;
  }

  private static boolean isEmptyObject(Map<String, Object> schema) {
    return "object".equals(schema.get("type")) && schema.get("maxProperties") instanceof BigDecimal max
        && max.signum() == 0 && !(schema.get("properties") instanceof Map<?, ?> p && !p.isEmpty());
  }

  /**
   * For every {@code allOf} in which a property is defined by more than one part with different schemas,
   * redefines it in the last defining part as {@code allOf [earlier, later]}. Returns how many properties
   * were merged.
   */
  @SuppressWarnings("unchecked")
  static int mergeOverlappingAllOfProperties(Object root) {
    Map<String, Object> schemas = root instanceof Map<?, ?> r
        && r.get("components") instanceof Map<?, ?> c
        && c.get("schemas") instanceof Map<?, ?> s ? (Map<String, Object>) s : Map.of();
    // One pass: the allOf created for a merged property is visited after it is made, so conflicts nested
    // inside it are merged too.
    return mergeAllOf(root, schemas);
  }

  @SuppressWarnings("unchecked")
  private static int mergeAllOf(Object node, Map<String, Object> schemas) {
    int count = 0;
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> object = (Map<String, Object>) map;
      if (object.get("allOf") instanceof List<?> parts && parts.size() > 1) {
        count += mergeParts((List<Object>) parts, schemas);
      }
      for (Object value : object.values()) {
        count += mergeAllOf(value, schemas);
      }
    } else if (node instanceof List<?> list) {
      for (Object value : list) {
        count += mergeAllOf(value, schemas);
      }
    }
    return count;
  }

  @SuppressWarnings("unchecked")
  private static int mergeParts(List<Object> parts, Map<String, Object> schemas) {
    int count = 0;
    Map<String, Object> seen = new LinkedHashMap<>();
    for (int i = 0; i < parts.size(); i++) {
      Map<String, Object> part = (Map<String, Object>) parts.get(i);
      boolean inline = !part.containsKey("$ref");
      Map<String, Object> resolved = inline ? part : resolve(part, schemas);
      if (!(resolved.get("properties") instanceof Map<?, ?> properties)) {
        continue;
      }
      for (Map.Entry<String, Object> property : ((Map<String, Object>) properties).entrySet()) {
        Object earlier = seen.get(property.getKey());
        Object later = property.getValue();
        if (earlier != null && !earlier.equals(later) && isObjectSchema(earlier, schemas) && isObjectSchema(later, schemas)) {
          Map<String, Object> combined = new LinkedHashMap<>();
          combined.put("allOf", new ArrayList<>(List.of(deepCopy(earlier), deepCopy(later))));
          if (inline) {
            property.setValue(combined);
          } else {
            // A shared component cannot be edited for one use: restate the property in a new last part.
            Map<String, Object> restated = new LinkedHashMap<>();
            restated.put("properties", new LinkedHashMap<>(Map.of(property.getKey(), combined)));
            parts.add(restated);
          }
          seen.put(property.getKey(), combined);
          count++;
        } else {
          seen.put(property.getKey(), later);
        }
      }
    }
    return count;
  }

  @SuppressWarnings("unchecked")
  private static boolean isObjectSchema(Object schema, Map<String, Object> schemas) {
    if (!(schema instanceof Map<?, ?> map)) {
      return false;
    }
    Map<String, Object> resolved = resolve((Map<String, Object>) map, schemas);
    return resolved.get("properties") instanceof Map || resolved.get("allOf") instanceof List;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> resolve(Map<String, Object> schema, Map<String, Object> schemas) {
    Map<String, Object> current = schema;
    for (int hops = 0; hops < 16 && current.get("$ref") instanceof String ref; hops++) {
      Object target = schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
      if (!(target instanceof Map<?, ?>)) {
        return current;
      }
      current = (Map<String, Object>) target;
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  private static Object deepCopy(Object node) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      ((Map<String, Object>) map).forEach((k, v) -> copy.put(k, deepCopy(v)));
      return copy;
    }
    if (node instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(deepCopy(v)));
      return copy;
    }
    return node;
  }

  private static Object read(JsonReader reader) throws IOException {
    switch (reader.peek()) {
      case BEGIN_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        reader.beginObject();
        while (reader.hasNext()) {
          map.put(reader.nextName(), read(reader));
        }
        reader.endObject();
        return map;
      }
      case BEGIN_ARRAY: {
        List<Object> list = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) {
          list.add(read(reader));
        }
        reader.endArray();
        return list;
      }
      case NUMBER:
        return new BigDecimal(reader.nextString());
      case BOOLEAN:
        return reader.nextBoolean();
      case NULL:
        return reader.nextNull();
      default:
        return reader.nextString();
    }
  }

  private static void write(JsonWriter writer, Object value) throws IOException {
    if (value instanceof Map<?, ?> map) {
      writer.beginObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        writer.name((String) entry.getKey());
        write(writer, entry.getValue());
      }
      writer.endObject();
    } else if (value instanceof List<?> list) {
      writer.beginArray();
      for (Object element : list) {
        write(writer, element);
      }
      writer.endArray();
    } else if (value instanceof BigDecimal number) {
      writer.value(number);
    } else if (value instanceof Boolean bool) {
      writer.value(bool);
    } else if (value == null) {
      writer.nullValue();
    } else {
      writer.value((String) value);
    }
  }
}
