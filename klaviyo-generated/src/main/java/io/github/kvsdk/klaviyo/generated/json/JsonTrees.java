package io.github.kvsdk.klaviyo.generated.json;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes untyped JSON trees without losing anything: objects become insertion-ordered maps,
 * arrays lists, numbers {@link BigDecimal} with every digit kept, and a {@code null} inside an object is
 * written back instead of being dropped.
 */
final class JsonTrees {
  private JsonTrees() {
  }

  static Object read(JsonReader reader) throws IOException {
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
        return new BigDecimal(reader.nextString());
      case BOOLEAN:
        return reader.nextBoolean();
      case NULL:
        return reader.nextNull();
      default:
        throw new JsonDataException("Unexpected " + reader.peek() + " at " + reader.getPath());
    }
  }

  /**
   * Writes a tree. Values that are not tree nodes (a generated model inside a map, say) are written by
   * {@code other}.
   */
  static void write(JsonWriter writer, Object value, ValueWriter other) throws IOException {
    if (value == null) {
      writeExplicitNull(writer);
    } else if (value instanceof Map<?, ?> map) {
      writer.beginObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        writer.name(String.valueOf(entry.getKey()));
        write(writer, entry.getValue(), other);
      }
      writer.endObject();
    } else if (value instanceof Collection<?> collection) {
      writer.beginArray();
      for (Object element : collection) {
        write(writer, element, other);
      }
      writer.endArray();
    } else if (value instanceof String s) {
      writer.value(s);
    } else if (value instanceof Boolean b) {
      writer.value(b);
    } else if (value instanceof Number n) {
      writer.value(n);
    } else {
      other.write(writer, value);
    }
  }

  static void writeExplicitNull(JsonWriter writer) throws IOException {
    boolean serializeNulls = writer.getSerializeNulls();
    writer.setSerializeNulls(true);
    try {
      writer.nullValue();
    } finally {
      writer.setSerializeNulls(serializeNulls);
    }
  }

  /** Structural equality of two trees, numbers compared by value ({@code 1} equals {@code 1.0}). */
  static boolean equal(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return decimal(x).compareTo(decimal(y)) == 0;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (Map.Entry<?, ?> entry : x.entrySet()) {
        if (!y.containsKey(entry.getKey()) || !equal(entry.getValue(), y.get(entry.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      Iterator<?> i = x.iterator();
      Iterator<?> j = y.iterator();
      while (i.hasNext()) {
        if (!equal(i.next(), j.next())) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(a, b);
  }

  static int hash(Object value) {
    if (value instanceof Number n) {
      return decimal(n).stripTrailingZeros().hashCode();
    }
    if (value instanceof Map<?, ?> map) {
      int h = 0;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        h += Objects.hashCode(entry.getKey()) ^ hash(entry.getValue());
      }
      return h;
    }
    if (value instanceof List<?> list) {
      int h = 1;
      for (Object element : list) {
        h = 31 * h + hash(element);
      }
      return h;
    }
    return Objects.hashCode(value);
  }

  private static BigDecimal decimal(Number n) {
    return n instanceof BigDecimal d ? d : new BigDecimal(n.toString());
  }

  interface ValueWriter {
    void write(JsonWriter writer, Object value) throws IOException;
  }
}
