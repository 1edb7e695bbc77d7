package io.github.kvsdk.klaviyo.generated.json;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Adapters for the JDK value types the spec's formats map to. All are null-safe. */
final class ScalarAdapters {
  private ScalarAdapters() {
  }

  /** {@code type: number}: every digit is kept, whether the JSON holds a number or a numeric string. */
  static final JsonAdapter<BigDecimal> BIG_DECIMAL = new JsonAdapter<BigDecimal>() {
    @Override
    public BigDecimal fromJson(JsonReader reader) throws IOException {
      String text = reader.nextString();
      try {
        return new BigDecimal(text);
      } catch (NumberFormatException e) {
        throw new JsonDataException("Expected a number but was '" + text + "' at " + reader.getPath());
      }
    }

    @Override
    public void toJson(JsonWriter writer, BigDecimal value) throws IOException {
      writer.value(value);
    }

    @Override
    public String toString() {
      return "JsonAdapter(BigDecimal)";
    }
  }.nullSafe();

  /**
   * {@code format: date-time}. Klaviyo writes ISO-8601 with an offset, and accepts and sometimes returns
   * it without one; an offset-less value is read as UTC rather than rejected.
   */
  static final JsonAdapter<OffsetDateTime> OFFSET_DATE_TIME = new JsonAdapter<OffsetDateTime>() {
    @Override
    public OffsetDateTime fromJson(JsonReader reader) throws IOException {
      String text = reader.nextString();
      try {
        return OffsetDateTime.parse(text);
      } catch (DateTimeParseException withOffset) {
        try {
          return LocalDateTime.parse(text).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException withoutOffset) {
          throw new JsonDataException("Expected an ISO-8601 date-time but was '" + text + "' at " + reader.getPath());
        }
      }
    }

    @Override
    public void toJson(JsonWriter writer, OffsetDateTime value) throws IOException {
      writer.value(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
    }

    @Override
    public String toString() {
      return "JsonAdapter(OffsetDateTime)";
    }
  }.nullSafe();

  /** {@code format: date}. */
  static final JsonAdapter<LocalDate> LOCAL_DATE = new JsonAdapter<LocalDate>() {
    @Override
    public LocalDate fromJson(JsonReader reader) throws IOException {
      String text = reader.nextString();
      try {
        return LocalDate.parse(text);
      } catch (DateTimeParseException e) {
        throw new JsonDataException("Expected an ISO-8601 date but was '" + text + "' at " + reader.getPath());
      }
    }

    @Override
    public void toJson(JsonWriter writer, LocalDate value) throws IOException {
      writer.value(value.toString());
    }

    @Override
    public String toString() {
      return "JsonAdapter(LocalDate)";
    }
  }.nullSafe();
}
