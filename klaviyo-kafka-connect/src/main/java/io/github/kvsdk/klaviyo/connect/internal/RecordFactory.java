package io.github.kvsdk.klaviyo.connect.internal;

import io.github.kvsdk.klaviyo.poller.PollMessage;
import io.github.kvsdk.klaviyo.poller.config.EmitMode;
import io.github.kvsdk.klaviyo.poller.source.PolledObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns the poller's messages into source records of one stream: key the object's id (none for a
 * page), value in the configured {@link ValueFormat}, timestamp the polled field, and headers naming
 * the object type, the timestamp field and the API revision.
 */
public final class RecordFactory {
  public static final String HEADER_OBJECT_TYPE = "klaviyo.object.type";
  public static final String HEADER_TIMESTAMP_FIELD = "klaviyo.timestamp.field";
  public static final String HEADER_REVISION = "klaviyo.revision";

  /** The schema of one object in {@link ValueFormat#STRUCT}: nested JSON members kept as JSON text. */
  public static final Schema OBJECT_SCHEMA = SchemaBuilder.struct()
      .name("io.github.kvsdk.klaviyo.KlaviyoObject")
      .doc("A Klaviyo JSON:API resource object; attributes, relationships and links as JSON text.")
      .field("type", Schema.STRING_SCHEMA)
      .field("id", Schema.STRING_SCHEMA)
      .field("timestamp", Timestamp.builder().optional().build())
      .field("attributes", Schema.OPTIONAL_STRING_SCHEMA)
      .field("relationships", Schema.OPTIONAL_STRING_SCHEMA)
      .field("links", Schema.OPTIONAL_STRING_SCHEMA)
      .build();

  /** The schema of one page in {@link ValueFormat#STRUCT}. */
  public static final Schema PAGE_SCHEMA = SchemaBuilder.struct()
      .name("io.github.kvsdk.klaviyo.KlaviyoPage")
      .field("results", SchemaBuilder.array(OBJECT_SCHEMA).build())
      .build();

  private final String topic;
  private final String objectType;
  private final String timestampField;
  private final String revision;
  private final ValueFormat format;
  private final EmitMode emitMode;

  public RecordFactory(String topic, String objectType, String timestampField, String revision,
      ValueFormat format, EmitMode emitMode) {
    this.topic = topic;
    this.objectType = objectType;
    this.timestampField = timestampField;
    this.revision = revision;
    this.format = format;
    this.emitMode = emitMode;
  }

  public SourceRecord record(Map<String, ?> partition, Map<String, ?> offset, PollMessage message) {
    List<PolledObject> objects = message.objects();
    PolledObject last = objects.get(objects.size() - 1);
    Long timestamp = last.timestamp() == null ? null : last.timestamp().toEpochMilli();
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString(HEADER_OBJECT_TYPE, objectType);
    headers.addString(HEADER_TIMESTAMP_FIELD, timestampField);
    headers.addString(HEADER_REVISION, revision);
    boolean single = emitMode == EmitMode.INDIVIDUALLY;
    Schema keySchema = single ? Schema.STRING_SCHEMA : null;
    Object key = single ? last.id() : null;
    Schema valueSchema;
    Object value;
    switch (format) {
      case STRING:
        valueSchema = Schema.STRING_SCHEMA;
        value = message.json();
        break;
      case STRUCT:
        valueSchema = single ? OBJECT_SCHEMA : PAGE_SCHEMA;
        value = single ? struct(last) : page(objects);
        break;
      default:
        valueSchema = null;
        value = single ? JsonValues.parse(message.json()) : pageMap(objects);
    }
    return new SourceRecord(partition, offset, topic, null, keySchema, key, valueSchema, value,
        timestamp, headers);
  }

  private static Map<String, Object> pageMap(List<PolledObject> objects) {
    List<Object> results = new ArrayList<>();
    for (PolledObject object : objects) results.add(JsonValues.parse(object.json()));
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("results", results);
    return page;
  }

  private static Struct page(List<PolledObject> objects) {
    List<Struct> results = new ArrayList<>();
    for (PolledObject object : objects) results.add(struct(object));
    return new Struct(PAGE_SCHEMA).put("results", results);
  }

  static Struct struct(PolledObject object) {
    Map<String, String> members = JsonValues.members(object.json());
    Instant timestamp = object.timestamp();
    return new Struct(OBJECT_SCHEMA)
        .put("type", unquote(members.get("type")))
        .put("id", object.id())
        .put("timestamp", timestamp == null ? null : Date.from(timestamp))
        .put("attributes", members.get("attributes"))
        .put("relationships", members.get("relationships"))
        .put("links", members.get("links"));
  }

  private static String unquote(String json) {
    Object value = json == null ? null : JsonValues.parse(json);
    return value instanceof String ? (String) value : String.valueOf(value);
  }
}
