package io.github.kvsdk.klaviyo.poller.config;

/** The comparison operators of Klaviyo's filter syntax that a timestamp poller can use. */
public enum FilterOperator {
  /** {@code equals}: the field equals the value. */
  EQUALS("equals"),
  /** {@code greater-than}: the field is after the value. */
  GREATER_THAN("greater-than"),
  /** {@code greater-or-equal}: the field is at or after the value. */
  GREATER_OR_EQUAL("greater-or-equal"),
  /** {@code less-than}: the field is before the value. */
  LESS_THAN("less-than"),
  /** {@code less-or-equal}: the field is at or before the value. */
  LESS_OR_EQUAL("less-or-equal");

  private final String wireName;

  FilterOperator(String wireName) {
    this.wireName = wireName;
  }

  /** {@return the operator as it appears in a {@code filter} expression, e.g. {@code greater-than}} */
  public String wireName() {
    return wireName;
  }
}
