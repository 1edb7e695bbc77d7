package io.github.kvsdk.klaviyo.catalog;

import java.util.Optional;

/**
 * The operators of Klaviyo's filter syntax, {@code operator(field,value)}.
 *
 * <p>Which operators a field accepts depends on the endpoint; see
 * {@link io.github.kvsdk.klaviyo.catalog.FilterRules}.
 */
public enum FilterOperator {
  EQUALS("equals"),
  ANY("any"),
  GREATER_THAN("greater-than"),
  LESS_THAN("less-than"),
  GREATER_OR_EQUAL("greater-or-equal"),
  LESS_OR_EQUAL("less-or-equal"),
  CONTAINS("contains"),
  CONTAINS_ANY("contains-any"),
  CONTAINS_ALL("contains-all"),
  STARTS_WITH("starts-with"),
  ENDS_WITH("ends-with"),
  HAS("has");

  private final String wireName;

  FilterOperator(String wireName) {
    this.wireName = wireName;
  }

  /** The operator as written in a filter expression, such as {@code greater-or-equal}. */
  public String wireName() {
    return wireName;
  }

  /** Returns the operator spelled {@code wireName} in a filter expression, or empty if there is none. */
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
