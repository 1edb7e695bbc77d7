package io.github.kvsdk.klaviyo.catalog;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The fields an operation's {@code filter} parameter accepts and the operators allowed on each.
 *
 * <p>Klaviyo states these rules only as text in each filter parameter's description; the build reads that
 * text into the catalogue. A description worded in a way the build cannot read leaves the filter
 * {@linkplain #checked() unchecked}, with a build warning.
 */
public final class FilterRules {
  static final FilterRules NONE = new FilterRules(Map.of(), Set.of());
  /** A filter the operation takes but whose rules the spec states in a form this SDK cannot read. */
  static final FilterRules UNCHECKED = new FilterRules(Map.of(), Set.of(), false);

  private final Map<String, Set<FilterOperator>> operatorsByField;
  private final Set<String> requiredOneOf;
  private final boolean checked;

  FilterRules(Map<String, Set<FilterOperator>> operatorsByField, Set<String> requiredOneOf) {
    this(operatorsByField, requiredOneOf, true);
  }

  private FilterRules(Map<String, Set<FilterOperator>> operatorsByField, Set<String> requiredOneOf, boolean checked) {
    this.checked = checked;
    Map<String, Set<FilterOperator>> copy = new LinkedHashMap<>();
    operatorsByField.forEach(
        (field, operators) ->
            copy.put(field, Collections.unmodifiableSet(EnumSet.copyOf(operators))));
    this.operatorsByField = Collections.unmodifiableMap(copy);
    this.requiredOneOf = Collections.unmodifiableSet(new LinkedHashSet<>(requiredOneOf));
  }

  /**
   * {@return false if the operation takes a filter whose rules the pinned spec states in a form this SDK cannot
   * read: such filters are sent unchecked and Klaviyo decides}
   */
  public boolean checked() {
    return checked;
  }

  /** {@return the filterable fields in the order the spec lists them} Empty if the operation takes no filter. */
  public Set<String> fields() {
    return operatorsByField.keySet();
  }

  /**
   * The operators allowed on {@code field}; empty if the field cannot be filtered on.
   *
   * @param field the field name
   * @return the operators allowed on the field; empty if it cannot be filtered
   */
  public Set<FilterOperator> operators(String field) {
    return operatorsByField.getOrDefault(field, Set.of());
  }

  /**
   * {@return true if {@code operator} may be applied to {@code field}}
   *
   * @param field the field name
   * @param operator the operator
   */
  public boolean allows(String field, FilterOperator operator) {
    return operators(field).contains(operator);
  }

  /** {@return all rules as an unmodifiable map from field to its allowed operators} */
  public Map<String, Set<FilterOperator>> asMap() {
    return operatorsByField;
  }

  /** {@return true if the operation rejects requests without a filter on one of {@link #requiredOneOf()}} */
  public boolean required() {
    return !requiredOneOf.isEmpty();
  }

  /**
   * Fields of which at least one must be filtered on, such as {@code messages.channel} for campaigns or
   * {@code coupon.id}/{@code profile.id} for coupon codes. Empty if a filter is optional.
   *
   * @return fields of which the filter must use at least one; empty if none is required
   */
  public Set<String> requiredOneOf() {
    return requiredOneOf;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FilterRules that
        && operatorsByField.equals(that.operatorsByField)
        && requiredOneOf.equals(that.requiredOneOf);
  }

  @Override
  public int hashCode() {
    return operatorsByField.hashCode() * 31 + requiredOneOf.hashCode();
  }

  @Override
  public String toString() {
    return operatorsByField + (required() ? " requiring one of " + requiredOneOf : "");
  }
}
