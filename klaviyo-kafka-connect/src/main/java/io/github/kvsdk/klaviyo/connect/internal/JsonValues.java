package io.github.kvsdk.klaviyo.connect.internal;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.apache.kafka.connect.errors.DataException;

/**
 * JSON text as Connect's schemaless values: objects become {@code LinkedHashMap}s (member order
 * kept), arrays {@code ArrayList}s, integers that fit {@code Long}s and other numbers {@code
 * Double}s, so that {@code JsonConverter} writes the same document back.
 */
public final class JsonValues {
  private JsonValues() {}

  public static Object parse(String json) {
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json))) {
      return read(reader);
    } catch (IOException e) {
      throw new DataException("Unreadable JSON from Klaviyo: " + e.getMessage(), e);
    }
  }

  /** The raw JSON text of each member of a JSON object, exactly as written. */
  public static Map<String, String> members(String json) {
    Map<String, String> members = new LinkedHashMap<>();
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json))) {
      reader.beginObject();
      while (reader.hasNext()) {
        String name = reader.nextName();
        try (okio.BufferedSource source = reader.nextSource()) {
          members.put(name, source.readUtf8());
        }
      }
      reader.endObject();
    } catch (IOException e) {
      throw new DataException("Unreadable JSON from Klaviyo: " + e.getMessage(), e);
    }
    return members;
  }

  private static Object read(JsonReader reader) throws IOException {
    switch (reader.peek()) {
      case BEGIN_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        reader.beginObject();
        while (reader.hasNext()) map.put(reader.nextName(), read(reader));
        reader.endObject();
        return map;
      }
      case BEGIN_ARRAY: {
        List<Object> list = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) list.add(read(reader));
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
        throw new IOException("unexpected " + reader.peek() + " at " + reader.getPath());
    }
  }

  private static Object number(String literal) {
    boolean integral = literal.indexOf('.') < 0 && literal.indexOf('e') < 0 && literal.indexOf('E') < 0;
    if (integral) {
      try {
        return Long.parseLong(literal);
      } catch (NumberFormatException tooLarge) {
        // Falls through to double.
      }
    }
    return Double.parseDouble(literal);
  }
}
