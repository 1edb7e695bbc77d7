package io.github.kvsdk.klaviyo.filter;

import io.github.kvsdk.klaviyo.catalog.FilterOperator;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One term of a filter expression, {@code operator(field,value)}, such as {@code
 * greater-than(updated,2024-01-01T00:00:00Z)}.
 *
 * <p>The value is held in normalized form: a {@link String}, {@link Boolean}, {@link Long}, {@link
 * BigDecimal}, {@link Instant} (every date-time is converted to UTC), {@link LocalDate}, an immutable
 * {@link List} of those, or null. {@code has(field)} has no value at all ({@link #hasValue()} is false).
 */
public final class FilterCondition {
  private final FilterOperator operator;
  private final String field;
  private final boolean hasValue;
  private final Object value;

  FilterCondition(FilterOperator operator, String field, boolean hasValue, Object value) {
    this.operator = operator;
    this.field = field;
    this.hasValue = hasValue;
    this.value = value;
  }

  /** {@return the operator, such as {@link FilterOperator#GREATER_THAN}} */
  public FilterOperator operator() {
    return operator;
  }

  /** {@return the field, such as {@code updated} or {@code messages.channel}} */
  public String field() {
    return field;
  }

  /** {@return false only for the one-argument form {@code has(field)}} */
  public boolean hasValue() {
    return hasValue;
  }

  /** {@return the normalized value; null if the value is null or absent} */
  public Object value() {
    return value;
  }

  /** {@return the term in Klaviyo's syntax, not URL-encoded} */
  public String expression() {
    StringBuilder out = new StringBuilder();
    out.append(operator.wireName()).append('(').append(field);
    if (hasValue) {
      out.append(',');
      FilterValues.render(value, out);
    }
    return out.append(')').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FilterCondition that
        && operator == that.operator
        && field.equals(that.field)
        && hasValue == that.hasValue
        && Objects.equals(value, that.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(operator, field, hasValue, value);
  }

  /** Returns {@link #expression()}. */
  @Override
  public String toString() {
    return expression();
  }
}
