package io.github.kvsdk.klaviyo.poller.source.internal;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import io.github.kvsdk.klaviyo.poller.source.Page;
import io.github.kvsdk.klaviyo.poller.source.PolledObject;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import okio.BufferedSource;

/** Reads a JSON:API listing document: {@code data[]} and {@code links.next}, nothing else. */
public final class PageParser {
  private PageParser() {}

  /**
   * Parses a listing body, keeping each resource's JSON verbatim.
   *
   * @param body the response body, read to its end
   * @param timestampField the attribute each object's timestamp is read from
   * @return the page
   * @throws IOException if the body cannot be read or is not a JSON:API listing
   */
  public static Page parse(BufferedSource body, String timestampField) throws IOException {
    JsonReader reader = JsonReader.of(body);
    List<PolledObject> objects = new ArrayList<>();
    String next = null;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.nextName()) {
        case "data" -> {
          reader.beginArray();
          while (reader.hasNext()) {
            String json;
            try (BufferedSource raw = reader.nextSource()) {
              json = raw.readUtf8();
            }
            objects.add(parseObject(json, timestampField));
          }
          reader.endArray();
        }
        case "links" -> next = readNext(reader);
        default -> reader.skipValue();
      }
    }
    reader.endObject();
    return new Page(objects, next);
  }

  private static String readNext(JsonReader reader) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) return reader.nextNull();
    String next = null;
    reader.beginObject();
    while (reader.hasNext()) {
      if (reader.nextName().equals("next") && reader.peek() == JsonReader.Token.STRING) {
        next = reader.nextString();
      } else {
        reader.skipValue();
      }
    }
    reader.endObject();
    return next == null || next.isEmpty() ? null : next;
  }

  /** Reads {@code id} and {@code attributes.<timestampField>} from one resource object. */
  static PolledObject parseObject(String json, String timestampField) throws IOException {
    JsonReader reader = JsonReader.of(new okio.Buffer().writeUtf8(json));
    String id = null;
    Instant timestamp = null;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.nextName()) {
        case "id" -> id = reader.nextString();
        case "attributes" -> {
          if (reader.peek() == JsonReader.Token.NULL) {
            reader.nextNull();
            break;
          }
          reader.beginObject();
          while (reader.hasNext()) {
            if (reader.nextName().equals(timestampField)) {
              timestamp = readTimestamp(reader);
            } else {
              reader.skipValue();
            }
          }
          reader.endObject();
        }
        default -> reader.skipValue();
      }
    }
    reader.endObject();
    if (id == null) throw new JsonDataException("a resource object has no id: " + abbreviate(json));
    return new PolledObject(id, timestamp, json);
  }

  private static Instant readTimestamp(JsonReader reader) throws IOException {
    switch (reader.peek()) {
      case NULL:
        return reader.nextNull();
      case NUMBER:
        return Instant.ofEpochSecond(reader.nextLong());
      default:
        String text = reader.nextString();
        try {
          return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
          throw new JsonDataException("unreadable timestamp '" + text + "' at " + reader.getPath());
        }
    }
  }

  private static String abbreviate(String json) {
    return json.length() <= 120 ? json : json.substring(0, 120) + "…";
  }
}
