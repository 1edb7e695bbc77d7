package io.github.kvsdk.klaviyo.sandbox.internal.json;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;

/**
 * Reads and writes JSON as plain trees of {@link Map}, {@link List}, {@link String}, {@link Boolean},
 * numbers and {@code null}.
 *
 * <p>Unlike Moshi's default {@code Object} adapter, integral numbers stay {@link Long} (so {@code 1} is
 * never echoed back as {@code 1.0}) and other numbers become {@link BigDecimal}. {@link Instant} values
 * are written in Klaviyo's timestamp format, {@code 2024-01-01T00:00:00+00:00}.
 */
public final class Json {
  private Json() {}

  /**
   * {@return the value {@code json} holds} Throws {@link JsonSyntaxException} if it is not a single JSON value.
   *
   * @param json JSON text
   */
  public static Object parse(String json) {
    return parse(new Buffer().writeUtf8(json));
  }

  /**
   * {@return the value the UTF-8 JSON bytes hold}
   *
   * @param json UTF-8 JSON text
   */
  public static Object parse(byte[] json) {
    return parse(new Buffer().write(json));
  }

  /**
   * {@return the value the JSON in a stream holds; this method closes the stream}
   *
   * @param in a stream of UTF-8 JSON text
   */
  public static Object parse(InputStream in) {
    try (BufferedSource source = Okio.buffer(Okio.source(in))) {
      return parse(source);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses only the named top-level members of a JSON object from a stream (closing it), skipping the
   * others without building them; used to read the spec's {@code paths} without its large {@code components}.
   *
   * @param in a stream of a UTF-8 JSON object; closed by this method
   * @param names the top-level members to keep
   * @return the named members present in the object, in document order
   */
  public static Map<String, Object> parseMembers(InputStream in, java.util.Set<String> names) {
    try (BufferedSource source = Okio.buffer(Okio.source(in)); JsonReader reader = JsonReader.of(source)) {
      Map<String, Object> out = new LinkedHashMap<>();
      reader.beginObject();
      while (reader.hasNext()) {
        String name = reader.nextName();
        if (names.contains(name)) {
          out.put(name, read(reader));
        } else {
          reader.skipValue();
        }
      }
      reader.endObject();
      return out;
    } catch (IOException e) {
      throw new JsonSyntaxException(e.getMessage() == null ? "Malformed JSON" : e.getMessage());
    }
  }

  private static Object parse(BufferedSource source) {
    try (JsonReader reader = JsonReader.of(source)) {
      Object value = read(reader);
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new JsonSyntaxException("Unexpected content after the JSON value at " + reader.getPath());
      }
      return value;
    } catch (JsonDataException e) {
      throw new JsonSyntaxException(e.getMessage());
    } catch (IOException e) {
      throw new JsonSyntaxException(e.getMessage() == null ? "Malformed JSON" : e.getMessage());
    }
  }

  private static Object read(JsonReader reader) throws IOException {
    switch (reader.peek()) {
      case BEGIN_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        reader.beginObject();
        while (reader.hasNext()) {
          String name = reader.nextName();
          map.put(name, read(reader));
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
      case STRING:
        return reader.nextString();
      case NUMBER:
        return number(reader.nextString());
      case BOOLEAN:
        return reader.nextBoolean();
      case NULL:
        return reader.nextNull();
      default:
        throw new JsonSyntaxException("Unexpected " + reader.peek() + " at " + reader.getPath());
    }
  }

  static Number number(String text) {
    boolean integral = text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
    if (integral) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException ignored) {
        // Too large for a long: fall through to BigDecimal.
      }
    }
    return new BigDecimal(text);
  }

  /**
   * {@return {@code value} as compact JSON}
   *
   * @param value a JSON tree: maps, lists, strings, numbers, booleans or null
   */
  public static String write(Object value) {
    return new String(writeBytes(value), StandardCharsets.UTF_8);
  }

  /**
   * {@return {@code value} as compact UTF-8 JSON bytes}
   *
   * @param value a JSON tree: maps, lists, strings, numbers, booleans or null
   */
  public static byte[] writeBytes(Object value) {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writer.setSerializeNulls(true);
      write(writer, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readByteArray();
  }

  private static void write(JsonWriter writer, Object value) throws IOException {
    if (value == null) {
      writer.nullValue();
    } else if (value instanceof Map<?, ?> map) {
      writer.beginObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        writer.name(String.valueOf(e.getKey()));
        write(writer, e.getValue());
      }
      writer.endObject();
    } else if (value instanceof Iterable<?> list) {
      writer.beginArray();
      for (Object o : list) {
        write(writer, o);
      }
      writer.endArray();
    } else if (value instanceof String s) {
      writer.value(s);
    } else if (value instanceof Boolean b) {
      writer.value(b);
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      writer.value(((Number) value).longValue());
    } else if (value instanceof Number n) {
      writer.value(n);
    } else if (value instanceof Instant i) {
      writer.value(Timestamps.format(i));
    } else {
      writer.value(value.toString());
    }
  }
}
