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
      OffsetDateTime fast = parseCommonForm(text);
      if (fast != null) {
        return fast;
      }
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

  /**
   * Parses the form Klaviyo sends, {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|±HH:MM)}, without the general
   * {@code DateTimeFormatter} machinery, which costs about a quarter of the time it takes to read a page
   * of profiles. Returns null for anything else (including out-of-range fields), which the caller then
   * parses the general way, so this only ever changes speed.
   */
  static OffsetDateTime parseCommonForm(String s) {
    int n = s.length();
    if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
        || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (s.charAt(i) == '.') {
      int start = ++i;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
      int count = i - start;
      if (count == 0 || count > 9) {
        return null;
      }
      nanos = digits(s, start, count);
      for (int k = count; k < 9; k++) {
        nanos *= 10;
      }
    }
    ZoneOffset offset;
    if (i == n - 1 && s.charAt(i) == 'Z') {
      offset = ZoneOffset.UTC;
    } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
      int hours = digits(s, i + 1, 2);
      int minutes = digits(s, i + 4, 2);
      if ((hours | minutes) < 0 || hours > 18 || minutes > 59) {
        return null;
      }
      int sign = s.charAt(i) == '-' ? -1 : 1;
      offset = hours == 0 && minutes == 0 ? ZoneOffset.UTC : ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    } else {
      return null;
    }
    try {
      return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset);
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  /** The non-negative decimal number in {@code s[from, from + count)}, or -1 if any character is not a digit. */
  private static int digits(String s, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

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
