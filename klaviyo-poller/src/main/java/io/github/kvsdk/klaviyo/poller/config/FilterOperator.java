package io.github.kvsdk.klaviyo.poller.config;

/** The comparison operators of Klaviyo's filter syntax that a timestamp poller can use. */
public enum FilterOperator {
  EQUALS("equals"),
  GREATER_THAN("greater-than"),
  GREATER_OR_EQUAL("greater-or-equal"),
  LESS_THAN("less-than"),
  LESS_OR_EQUAL("less-or-equal");

  private final String wireName;

  FilterOperator(String wireName) {
    this.wireName = wireName;
  }

  /** The operator as it appears in a {@code filter} expression, e.g. {@code greater-than}. */
  public String wireName() {
    return wireName;
  }
}
