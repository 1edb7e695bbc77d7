package io.github.kvsdk.klaviyo.sandbox.internal.query;

import io.github.kvsdk.klaviyo.sandbox.internal.json.Timestamps;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;

/** Comparison of stored attribute values with filter and cursor values. */
public final class Values {
  private Values() {}

  /** Normalises a stored value for comparison: timestamps to {@link Instant}, numbers to {@link BigDecimal}. */
  static Object normalise(Object value, Object like) {
    if (value == null) {
      return null;
    }
    if (like instanceof Instant) {
      if (value instanceof Instant) {
        return value;
      }
      if (value instanceof Number n) {
        return Instant.ofEpochSecond(n.longValue());
      }
      return Timestamps.parseOrNull(value.toString());
    }
    if (like instanceof Number) {
      if (value instanceof Number n) {
        return new BigDecimal(n.toString());
      }
      try {
        return new BigDecimal(value.toString());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    if (like instanceof Boolean) {
      return value instanceof Boolean ? value : Boolean.valueOf(value.toString());
    }
    if (value instanceof Instant i) {
      return Timestamps.format(i);
    }
    return value instanceof Collection<?> ? value : value.toString();
  }

  static boolean equal(Object stored, Object filterValue) {
    Object a = normalise(stored, filterValue);
    Object b = filterValue instanceof Number n ? new BigDecimal(n.toString()) : filterValue;
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    return Objects.equals(a, b);
  }

  /** Compares a stored value with a filter value; null when they are not comparable. */
  static Integer compare(Object stored, Object filterValue) {
    Object a = normalise(stored, filterValue);
    Object b = filterValue instanceof Number n ? new BigDecimal(n.toString()) : filterValue;
    if (a == null || b == null) {
      return null;
    }
    return compareSame(a, b);
  }

  /**
   * {@return the order of two values of the same kind, as {@link java.util.Comparator#compare}; nulls first}
   *
   * @param a a value of a field: string, number, boolean or null
   * @param b a value of the same kind as {@code a}, or null
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static int compareSame(Object a, Object b) {
    if (a == b) {
      return 0;
    }
    if (a == null) {
      return -1;
    }
    if (b == null) {
      return 1;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
    }
    if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
      return ca.compareTo(b);
    }
    return a.toString().compareTo(b.toString());
  }
}
