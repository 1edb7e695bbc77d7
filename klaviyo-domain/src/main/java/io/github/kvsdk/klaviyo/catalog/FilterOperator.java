package io.github.kvsdk.klaviyo.catalog;

import java.util.Optional;

/**
 * The operators of Klaviyo's filter syntax, {@code operator(field,value)}.
 *
 * <p>Which operators a field accepts depends on the endpoint; see
 * {@link io.github.kvsdk.klaviyo.catalog.FilterRules}.
 */
public enum FilterOperator {
  /** {@code equals}: the field equals the value. */
  EQUALS("equals"),
  /** {@code any}: the field equals one of a list of values. */
  ANY("any"),
  /** {@code greater-than}: the field is greater than (after) the value. */
  GREATER_THAN("greater-than"),
  /** {@code less-than}: the field is less than (before) the value. */
  LESS_THAN("less-than"),
  /** {@code greater-or-equal}: the field is at or after the value. */
  GREATER_OR_EQUAL("greater-or-equal"),
  /** {@code less-or-equal}: the field is at or before the value. */
  LESS_OR_EQUAL("less-or-equal"),
  /** {@code contains}: the string field contains the value, or the list field holds it. */
  CONTAINS("contains"),
  /** {@code contains-any}: the list field holds at least one of the values. */
  CONTAINS_ANY("contains-any"),
  /** {@code contains-all}: the list field holds every one of the values. */
  CONTAINS_ALL("contains-all"),
  /** {@code starts-with}: the string field starts with the value. */
  STARTS_WITH("starts-with"),
  /** {@code ends-with}: the string field ends with the value. */
  ENDS_WITH("ends-with"),
  /** {@code has}: the relationship or field holds the value. */
  HAS("has");

  private final String wireName;

  FilterOperator(String wireName) {
    this.wireName = wireName;
  }

  /** {@return the operator as written in a filter expression, such as {@code greater-or-equal}} */
  public String wireName() {
    return wireName;
  }

  /**
   * {@return the operator spelled {@code wireName} in a filter expression, or empty if there is none}
   *
   * @param wireName the operator as written in a filter, such as {@code greater-than}
   */
  public static Optional<FilterOperator> fromWireName(String wireName) {
    for (FilterOperator operator : values()) {
      if (operator.wireName.equals(wireName)) {
        return Optional.of(operator);
      }
    }
    return Optional.empty();
  }

  /** Returns {@link #wireName()}. */
  @Override
  public String toString() {
    return wireName;
  }
}
