package io.github.kvsdk.klaviyo.openapi;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * </ol>
 */
public final class GeneratorInput {
  private GeneratorInput() {
  }

  /** Usage: {@code GeneratorInput <verified spec> <generator input to write>}. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: GeneratorInput <verified spec> <output>");
    }
    Object tree;
    try (BufferedSource source = Okio.buffer(Okio.source(Path.of(args[0])))) {
      tree = read(JsonReader.of(source));
    }
    int rewritten = wrapNullableReferences(tree);
    int untypedArrays = addMissingArrayItems(tree);
    Path output = Path.of(args[1]);
    Files.createDirectories(output.toAbsolutePath().getParent());
    try (BufferedSink sink = Okio.buffer(Okio.sink(output)); JsonWriter writer = JsonWriter.of(sink)) {
      writer.setIndent("  ");
      writer.setSerializeNulls(true);
      write(writer, tree);
    }
    System.out.println("GeneratorInput: wrapped " + rewritten + " nullable $ref schemas in allOf, gave "
        + untypedArrays + " arrays without items an any-value items schema -> " + output);
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
