package io.github.kvsdk.klaviyo.connect.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.poller.PollMessage;
import io.github.kvsdk.klaviyo.poller.config.EmitMode;
import io.github.kvsdk.klaviyo.poller.source.PolledObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.StringConverter;
import org.junit.jupiter.api.Test;

final class RecordFactoryTest {
  private static final String JSON = "{\"type\":\"event\",\"id\":\"4Ab\",\"attributes\":{\"datetime\":"
      + "\"2024-06-01T12:00:00+00:00\",\"event_properties\":{\"value\":9.99,\"items\":[1,2,3],"
      + "\"big\":1234567890123,\"flag\":true,\"none\":null,\"neg\":-0.5,\"exp\":1.5E10}},"
      + "\"relationships\":{\"profile\":{\"data\":{\"type\":\"profile\",\"id\":\"01P\"}}},"
      + "\"links\":{\"self\":\"https://a.klaviyo.com/api/events/4Ab/\"}}";
  private static final Instant AT = Instant.parse("2024-06-01T12:00:00Z");
  private static final PolledObject OBJECT = new PolledObject("4Ab", AT, JSON);
  private final Map<String, Object> partition = Map.of("account", "A", "object_type", "events",
      "timestamp_field", "datetime");
  private final Map<String, Object> offset = Map.of("boundary", "2024-06-01T12:00:00Z", "ids", "4Ab");

  private SourceRecord record(ValueFormat format, EmitMode mode, PollMessage message) {
    return new RecordFactory("klaviyo.events", "events", "datetime", "2024-10-15", format, mode)
        .record(partition, offset, message);
  }

  private static PollMessage single() {
    return new PollMessage(JSON, List.of(OBJECT));
  }

  @Test
  void schemalessJsonIsWrittenBackUnchangedByJsonConverter() {
    SourceRecord record = record(ValueFormat.JSON, EmitMode.INDIVIDUALLY, single());
    assertThat(record.key()).isEqualTo("4Ab");
    assertThat(record.timestamp()).isEqualTo(AT.toEpochMilli());
    assertThat(record.topic()).isEqualTo("klaviyo.events");
    assertThat(record.sourcePartition()).isEqualTo(partition);
    assertThat(record.sourceOffset()).isEqualTo(offset);
    assertThat(record.headers().lastWithName("klaviyo.object.type").value()).isEqualTo("events");
    assertThat(record.headers().lastWithName("klaviyo.revision").value()).isEqualTo("2024-10-15");
    JsonConverter converter = new JsonConverter();
    converter.configure(Map.of("schemas.enable", "false"), false);
    byte[] written = converter.fromConnectData("klaviyo.events", record.valueSchema(), record.value());
    // Same document: member order, nesting, integers, decimals, exponents, booleans and nulls.
    assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(JSON);
  }

  @Test
  void stringFormatKeepsEveryByte() {
    SourceRecord record = record(ValueFormat.STRING, EmitMode.INDIVIDUALLY, single());
    byte[] written = new StringConverter().fromConnectData("t", record.valueSchema(), record.value());
    assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(JSON);
  }

  @Test
  void structFormatHasASchema() {
    SourceRecord record = record(ValueFormat.STRUCT, EmitMode.INDIVIDUALLY, single());
    Struct value = (Struct) record.value();
    value.validate();
    assertThat(value.getString("type")).isEqualTo("event");
    assertThat(value.getString("id")).isEqualTo("4Ab");
    assertThat(value.get("timestamp")).isEqualTo(Date.from(AT));
    assertThat(value.getString("attributes")).startsWith("{\"datetime\"").contains("9.99");
    assertThat(value.getString("relationships")).contains("01P");
  }

  @Test
  void pagesCarryTheirObjects() {
    PolledObject second = new PolledObject("5Cd", AT.plusSeconds(1), JSON.replace("4Ab", "5Cd"));
    PollMessage page = new PollMessage("{\"results\":[" + JSON + "," + second.json() + "]}",
        List.of(OBJECT, second));
    SourceRecord json = record(ValueFormat.JSON, EmitMode.PAGE, page);
    assertThat(json.key()).isNull();
    assertThat(json.timestamp()).isEqualTo(AT.plusSeconds(1).toEpochMilli());
    JsonConverter converter = new JsonConverter();
    converter.configure(Map.of("schemas.enable", "false"), false);
    assertThat(new String(converter.fromConnectData("t", null, json.value()), StandardCharsets.UTF_8))
        .isEqualTo(page.json());
    Struct struct = (Struct) record(ValueFormat.STRUCT, EmitMode.PAGE, page).value();
    struct.validate();
    assertThat(struct.getArray("results")).hasSize(2);
  }
}
