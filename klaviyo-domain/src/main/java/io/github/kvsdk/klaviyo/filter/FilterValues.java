package io.github.kvsdk.klaviyo.filter;

import io.github.kvsdk.klaviyo.catalog.FilterOperator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.List;

/** Normalizes Java values into the types a filter can carry, and writes them in Klaviyo's syntax. */
final class FilterValues {
  private FilterValues() {}

  /**
   * Returns {@code value} in normalized form (see {@link FilterCondition}).
   *
   * @throws FilterValidationException naming {@code field} if the value has a type filters cannot carry.
   */
  static Object normalize(String field, FilterOperator operator, Object value) {
    if (value instanceof Collection<?> collection) {
      List<Object> items = new ArrayList<>(collection.size());
      for (Object item : collection) items.add(normalizeScalar(field, operator, item));
      return Collections.unmodifiableList(items);
    }
    if (value instanceof Object[] array) {
      List<Object> items = new ArrayList<>(array.length);
      for (Object item : array) items.add(normalizeScalar(field, operator, item));
      return Collections.unmodifiableList(items);
    }
    return normalizeScalar(field, operator, value);
  }

  private static Object normalizeScalar(String field, FilterOperator operator, Object value) {
    if (value == null || value instanceof String || value instanceof Boolean || value instanceof Instant
        || value instanceof LocalDate) {
      return value;
    }
    if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big) return new BigDecimal(big);
    if (value instanceof BigDecimal big) return big.stripTrailingZeros();
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw FilterValidationException.forValue(field, operator, "a number must be finite, not " + d);
      }
      return BigDecimal.valueOf(d).stripTrailingZeros();
    }
    if (value instanceof OffsetDateTime time) return time.toInstant();
    if (value instanceof ZonedDateTime time) return time.toInstant();
    if (value instanceof Date date) return date.toInstant();
    if (value instanceof Collection<?> || value instanceof Object[]) {
      throw FilterValidationException.forValue(field, operator, "lists cannot be nested");
    }
    throw FilterValidationException.forValue(
        field,
        operator,
        "a value must be a string, boolean, number, date-time, date, list or null, not "
            + value.getClass().getName());
  }

  /** Appends {@code value} (already normalized) in Klaviyo's syntax. */
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(java.time.ZoneOffset.UTC);
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(java.time.ZoneOffset.UTC);

  /**
   * A date-time in the form Klaviyo documents, {@code YYYY-MM-DDTHH:MM:SS[.mmmmmm]} in UTC: whole seconds
   * when there is no fraction, otherwise six fractional digits. Klaviyo keeps at most microseconds, so finer
   * digits are dropped (rounded down).
   */
  static String datetime(Instant instant) {
    Instant micros = instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    return (micros.getNano() == 0 ? SECONDS : MICROS).format(micros);
  }

  static void render(Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      out.append('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '"' || c == '\\') out.append('\\');
        out.append(c);
      }
      out.append('"');
    } else if (value instanceof Instant instant) {
      out.append(datetime(instant));
    } else if (value instanceof BigDecimal decimal) {
      out.append(decimal.toPlainString());
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) out.append(',');
        render(list.get(i), out);
      }
      out.append(']');
    } else {
      out.append(value); // Boolean, Long, LocalDate
    }
  }
}
