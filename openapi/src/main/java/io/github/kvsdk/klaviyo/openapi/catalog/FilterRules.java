package io.github.kvsdk.klaviyo.openapi.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an operation's {@code filter} parameter accepts: the filterable fields with the operators allowed
 * on each, the fields of which a filter is required, and the type of each field's values.
 *
 * <p>Klaviyo states these rules only as prose in the parameter's description ("Allowed field(s)/operator(s):
 * `email`: `any`, `equals`"). A description this library cannot read leaves the rules {@linkplain
 * #checked() unchecked}: the filter is then sent as given, and the catalogue carries a warning.
 */
public final class FilterRules {
  /** Every operator of Klaviyo's filter syntax, as written in a filter expression. */
  public static final Set<String> OPERATORS =
      Collections.unmodifiableSet(new LinkedHashSet<>(List.of(
          "equals", "any", "greater-than", "less-than", "greater-or-equal", "less-or-equal", "contains",
          "contains-any", "contains-all", "starts-with", "ends-with", "has")));

  static final FilterRules NONE = new FilterRules(Map.of(), Set.of(), false, true, Map.of());

  private final Map<String, List<String>> operatorsByField;
  private final Set<String> requiredOneOf;
  private final boolean parameterRequired;
  private final boolean checked;
  private final Map<String, FilterValueType> valueTypes;

  FilterRules(
      Map<String, List<String>> operatorsByField,
      Set<String> requiredOneOf,
      boolean parameterRequired,
      boolean checked,
      Map<String, FilterValueType> valueTypes) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    operatorsByField.forEach((field, operators) -> copy.put(field, List.copyOf(operators)));
    this.operatorsByField = Collections.unmodifiableMap(copy);
    this.requiredOneOf = Collections.unmodifiableSet(new LinkedHashSet<>(requiredOneOf));
    this.parameterRequired = parameterRequired;
    this.checked = checked;
    this.valueTypes = Collections.unmodifiableMap(new LinkedHashMap<>(valueTypes));
  }

  /** Rules of a filter whose description cannot be read: nothing is known but that the filter exists. */
  static FilterRules unchecked(boolean parameterRequired) {
    return new FilterRules(Map.of(), Set.of(), parameterRequired, false, Map.of());
  }

  /**
   * {@return false if the operation takes a filter whose rules the spec states in a form this library cannot
   * read} {@link #fields()} is then empty and says nothing.
   */
  public boolean checked() {
    return checked;
  }

  /** {@return the filterable fields, in the order the spec lists them} Empty if the operation takes no filter. */
  public Set<String> fields() {
    return operatorsByField.keySet();
  }

  /**
   * {@return the operators allowed on {@code field}, in the spec's order; empty if it cannot be filtered on}
   *
   * @param field a filterable field as written in a filter expression, such as {@code email}
   */
  public List<String> operators(String field) {
    return operatorsByField.getOrDefault(field, List.of());
  }

  /** {@return all rules, from field to its allowed operators} */
  public Map<String, List<String>> asMap() {
    return operatorsByField;
  }

  /**
   * {@return the fields of which the operation's description says at least one must be filtered on, such as
   * {@code messages.channel} for campaigns} Empty if a filter is optional.
   */
  public Set<String> requiredOneOf() {
    return requiredOneOf;
  }

  /** {@return true if the spec marks the {@code filter} parameter itself as required} */
  public boolean parameterRequired() {
    return parameterRequired;
  }

  /**
   * {@return the type of each field's values, for the fields whose attribute the response schema declares
   * with a plain type} Other fields are absent.
   */
  public Map<String, FilterValueType> valueTypes() {
    return valueTypes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FilterRules that
        && operatorsByField.equals(that.operatorsByField)
        && requiredOneOf.equals(that.requiredOneOf)
        && parameterRequired == that.parameterRequired
        && checked == that.checked
        && valueTypes.equals(that.valueTypes);
  }

  @Override
  public int hashCode() {
    return (operatorsByField.hashCode() * 31 + requiredOneOf.hashCode()) * 31 + valueTypes.hashCode();
  }

  @Override
  public String toString() {
    if (!checked) return "unchecked filter";
    return operatorsByField + (requiredOneOf.isEmpty() ? "" : " requiring one of " + requiredOneOf);
  }
}
