package io.github.kvsdk.klaviyo.filter;

import io.github.kvsdk.klaviyo.catalog.FilterOperator;
import io.github.kvsdk.klaviyo.catalog.FilterRules;
import io.github.kvsdk.klaviyo.catalog.Operation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An immutable Klaviyo filter expression: one or more {@linkplain FilterCondition conditions} that must
 * all hold, written {@code op(field,value),op(field,value)}.
 *
 * <pre>{@code
 * Filter recent = Filter.greaterThan("updated", Instant.parse("2024-01-01T00:00:00Z"))
 *     .and(Filter.any("email", List.of("a@example.com", "b@example.com")));
 * recent.expression(); // greater-than(updated,2024-01-01T00:00:00Z),any(email,["a@example.com","b@example.com"])
 * recent.validateFor(OperationCatalog.packaged().operation("get_profiles"));
 * }</pre>
 *
 * <p>Values are rendered in Klaviyo's syntax: strings double-quoted with {@code "} and {@code \} escaped by
 * a backslash; date-times as unquoted ISO-8601 in UTC, in the form Klaviyo documents: whole seconds ({@code
 * 2024-01-01T00:00:00Z}), or six fractional digits when there is a fraction (finer digits are dropped, as
 * Klaviyo keeps at most microseconds); booleans, numbers
 * and {@code null} bare; lists as {@code ["a","b"]}. The expression is not URL-encoded: HTTP clients
 * encode query parameters themselves.
 *
 * <p>Factories check the value's kind for the operator (a list for {@code any}, a number or date-time
 * for comparisons, a string for {@code starts-with}). {@link #validateFor(Operation)} checks every field
 * and operator against the rules the pinned spec states for an endpoint. Both throw {@link
 * FilterValidationException}, before anything is sent.
 */
public final class Filter {
  private static final Pattern FIELD = Pattern.compile("[^\\s(),\"'\\[\\]]+");

  private final List<FilterCondition> conditions;

  private Filter(List<FilterCondition> conditions) {
    this.conditions = List.copyOf(conditions);
  }

  /**
   * {@code equals(field,value)}; the value may be a scalar, a list or null.
   *
   * @param field the attribute or relationship to filter on, such as {@code email} or {@code updated}
   * @param value the value: a string, number, boolean, date-time ({@code Instant}, {@code OffsetDateTime}) or null
   * @return the filter
   */
  public static Filter equalTo(String field, Object value) {
    return of(FilterOperator.EQUALS, field, value);
  }

  /**
   * {@code any(field,[values])}: the field equals one of {@code values}.
   *
   * @param field the attribute or relationship to filter on, such as {@code email} or {@code updated}
   * @param values the values; not empty
   * @return the filter
   */
  public static Filter any(String field, Collection<?> values) {
    return of(FilterOperator.ANY, field, values);
  }

  /**
   * {@code greater-than(field,value)}; the value is a number or a date-time.
   *
   * @param field the attribute or relationship to filter on, such as {@code email} or {@code updated}
   * @param value the value: a string, number, boolean, date-time ({@code Instant}, {@code OffsetDateTime}) or null
   * @return the filter
   */
  public static Filter greaterThan(String field, Object value) {
    return of(FilterOperator.GREATER_THAN, field, value);
  }

  /**
   * {@code less-than(field,value)}; the value is a number or a date-time.
   *
   * @param field the attribute or relationship to filter on, such as {@code email} or {@code updated}
   * @param value the value: a string, number, boolean, date-time ({@code Instant}, {@code OffsetDateTime}) or null
   * @return the filter
   */
  public static Filter lessThan(String field, Object value) {
    return of(FilterOperator.LESS_THAN, field, value);
  }

  /**
   * {@code greater-or-equal(field,value)}; the value is a number or a date-time.
   *
   * @param field the attribute or relationship to filter on, such as {@code email} or {@code updated}
   * @param value the value: a string, number, boolean, date-time ({@code Instant}, {@code OffsetDateTime}) or null
   * @return the filter
   */
  public static Filter greaterOrEqual(String field, Object value) {
    return of(FilterOperator.GREATER_OR_EQUAL, field, value);
  }

  /**
   * {@code less-or-equal(field,value)}; the value is a number or a date-time.
   *
   * @param field the attribute or relationship to filter on, such as {@code email} or {@code updated}
   * @param value the value: a string, number, boolean, date-time ({@code Instant}, {@code OffsetDateTime}) or null
   * @return the filter
   */
  public static Filter lessOrEqual(String field, Object value) {
    return of(FilterOperator.LESS_OR_EQUAL, field, value);
  }

  /**
   * {@code contains(field,value)}: a string field contains a substring, or an array field an element.
   *
   * @param field the attribute or relationship to filter on, such as {@code email} or {@code updated}
   * @param value the value: a string, number, boolean, date-time ({@code Instant}, {@code OffsetDateTime}) or null
   * @return the filter
   */
  public static Filter contains(String field, Object value) {
    return of(FilterOperator.CONTAINS, field, value);
  }

  /**
   * {@code contains-any(field,[values])}: an array field contains at least one of {@code values}.
   *
   * @param field the attribute or relationship to filter on, such as {@code email} or {@code updated}
   * @param values the values; not empty
   * @return the filter
   */
  public static Filter containsAny(String field, Collection<?> values) {
    return of(FilterOperator.CONTAINS_ANY, field, values);
  }

  /**
   * {@code contains-all(field,[values])}: an array field contains every one of {@code values}.
   *
   * @param field the attribute or relationship to filter on, such as {@code email} or {@code updated}
   * @param values the values; not empty
   * @return the filter
   */
  public static Filter containsAll(String field, Collection<?> values) {
    return of(FilterOperator.CONTAINS_ALL, field, values);
  }

  /**
   * {@code starts-with(field,"prefix")}.
   *
   * @param field the attribute or relationship to filter on, such as {@code email} or {@code updated}
   * @param prefix the prefix
   * @return the filter
   */
  public static Filter startsWith(String field, String prefix) {
    return of(FilterOperator.STARTS_WITH, field, prefix);
  }

  /**
   * {@code ends-with(field,"suffix")}.
   *
   * @param field the attribute or relationship to filter on, such as {@code email} or {@code updated}
   * @param suffix the suffix
   * @return the filter
   */
  public static Filter endsWith(String field, String suffix) {
    return of(FilterOperator.ENDS_WITH, field, suffix);
  }

  /**
   * {@code has(field)}: the resource has the field or relationship, such as an event's {@code profile}.
   *
   * @param field the attribute or relationship to filter on, such as {@code email} or {@code updated}
   * @return the filter
   */
  public static Filter has(String field) {
    return new Filter(List.of(condition(FilterOperator.HAS, field, false, null)));
  }

  /**
   * {@code has(field,value)}: the field, an array, has {@code value} among its elements.
   *
   * @param field the attribute or relationship to filter on, such as {@code email} or {@code updated}
   * @param value the value: a string, number, boolean, date-time ({@code Instant}, {@code OffsetDateTime}) or null
   * @return the filter
   */
  public static Filter has(String field, Object value) {
    return of(FilterOperator.HAS, field, value);
  }

  /**
   * {@code operator(field,value)} for any operator; the value is checked as for the named factories.
   *
   * @param operator the operator
   * @param field the attribute or relationship to filter on, such as {@code email} or {@code updated}
   * @param value the value: a string, number, boolean, date-time ({@code Instant}, {@code OffsetDateTime}) or null
   * @return the filter
   */
  public static Filter of(FilterOperator operator, String field, Object value) {
    return new Filter(List.of(condition(operator, field, true, value)));
  }

  /**
   * Parses an expression in Klaviyo's syntax, such as {@code equals(messages.channel,'sms')} (the filter
   * List Campaigns uses when the caller gives none, because Klaviyo requires a channel filter there). Strings may
   * use double or single quotes; bare values must be {@code
   * true}, {@code false}, {@code null}, a number, an ISO-8601 date-time with offset, or a date.
   *
   * @param expression an expression in Klaviyo's filter syntax, such as {@code equals(email,"a@example.com")}
   * @return the filter
   * @throws FilterValidationException if the expression is null or malformed.
   */
  public static Filter parse(String expression) {
    if (expression == null) {
      throw new FilterValidationException(null, "filter", null, Set.of(),
          "Invalid filter expression: it is null; pass an expression such as equals(email,\"a@b.com\")");
    }
    List<FilterCondition> parsed = new FilterParser(expression).parse();
    return new Filter(parsed);
  }

  /**
   * {@return a filter holding this filter's conditions followed by {@code other}'s (logical AND)}
   *
   * @param other the conditions to add
   */
  public Filter and(Filter other) {
    List<FilterCondition> all = new ArrayList<>(conditions);
    all.addAll(other.conditions);
    return new Filter(all);
  }

  /** {@return the conditions, all of which must hold} Never empty. */
  public List<FilterCondition> conditions() {
    return conditions;
  }

  /** {@return the expression in Klaviyo's syntax, such as {@code equals(email,"a@b.com")}, not URL-encoded} */
  public String expression() {
    StringBuilder out = new StringBuilder();
    for (FilterCondition condition : conditions) {
      if (out.length() > 0) out.append(',');
      out.append(condition.expression());
    }
    return out.toString();
  }

  /**
   * Checks every condition against the filter rules the pinned spec states for {@code operation}, and
   * that a filter the operation requires is present.
   *
   * @param operation the operation the filter is for, from {@link io.github.kvsdk.klaviyo.catalog.OperationCatalog}
   * @return this filter, for chaining.
   * @throws FilterValidationException naming the field, the operator and the allowed set, if Klaviyo would
   *     reject this filter on that operation.
   */
  public Filter validateFor(Operation operation) {
    validate(operation, this);
    return this;
  }

  /**
   * Checks {@code filter}, which may be null when the caller sends none, against {@code operation}'s
   * rules; a null filter fails only if the operation requires one.
   *
   * @param operation the operation the filter is for, from {@link io.github.kvsdk.klaviyo.catalog.OperationCatalog}
   * @param filter the filter to check
   * @throws FilterValidationException if Klaviyo would reject the request's filter.
   */
  public static void validate(Operation operation, Filter filter) {
    String id = operation.operationId();
    FilterRules rules = operation.filterRules();
    if (!rules.checked()) return; // Rules the SDK cannot read: Klaviyo decides.
    if (filter == null) {
      if (rules.required()) throw missingRequired(operation);
      return;
    }
    if (!operation.filterable()) {
      throw new FilterValidationException(
          id, "filter", null, Set.of(), "Operation " + describe(operation) + " does not accept a filter");
    }
    boolean requiredPresent = !rules.required();
    for (FilterCondition condition : filter.conditions) {
      String field = condition.field();
      Set<FilterOperator> allowed = rules.operators(field);
      if (allowed.isEmpty()) {
        throw new FilterValidationException(
            id,
            field,
            condition.operator(),
            rules.fields(),
            "Field '" + field + "' cannot be filtered on by " + describe(operation)
                + "; filterable fields: " + rules.fields());
      }
      if (!allowed.contains(condition.operator())) {
        Set<String> names = wireNames(allowed);
        throw new FilterValidationException(
            id,
            field,
            condition.operator(),
            names,
            "Operator '" + condition.operator().wireName() + "' is not allowed on field '" + field + "' by "
                + describe(operation) + "; allowed operators: " + names);
      }
      checkValueForKlaviyo(operation, condition);
      if (rules.requiredOneOf().contains(field)) requiredPresent = true;
    }
    if (!requiredPresent) throw missingRequired(operation);
  }

  /**
   * The value rules of Klaviyo's filter syntax that depend on what a field holds. Klaviyo's {@code equals}
   * compares with a string, boolean, number, date-time or list, never with {@code null}. Klaviyo's date-time
   * fields ({@code created}, {@code updated}, {@code datetime}, {@code timestamp} and fields ending in {@code
   * _at}, {@code _date} or {@code _time}) compare only with a date-time or date: {@code greater-than(updated,42)}
   * would be rejected or silently compare something else.
   */
  private static void checkValueForKlaviyo(Operation operation, FilterCondition condition) {
    FilterOperator operator = condition.operator();
    String field = condition.field();
    if (operator == FilterOperator.EQUALS && condition.hasValue() && condition.value() == null) {
      throw new FilterValidationException(operation.operationId(), field, operator, Set.of(),
          "Invalid value for equals(" + field + ",null) on " + describe(operation) + ": Klaviyo's equals compares"
              + " with a string, boolean, number, date-time or list, never with null");
    }
    boolean comparison = operator == FilterOperator.GREATER_THAN || operator == FilterOperator.LESS_THAN
        || operator == FilterOperator.GREATER_OR_EQUAL || operator == FilterOperator.LESS_OR_EQUAL;
    if (comparison && isDateTimeField(field)
        && !(condition.value() instanceof Instant || condition.value() instanceof LocalDate)) {
      throw new FilterValidationException(operation.operationId(), field, operator, Set.of(),
          "Invalid value for " + operator.wireName() + "(" + field + "," + condition.value() + ") on "
              + describe(operation) + ": '" + field + "' is a date-time, so it compares only with a date-time"
              + " such as 2024-01-01T00:00:00Z, not " + kind(condition.value()));
    }
  }

  /** True for the names Klaviyo gives its date-time fields. */
  static boolean isDateTimeField(String field) {
    String name = field.substring(field.lastIndexOf('.') + 1);
    return name.equals("created") || name.equals("updated") || name.equals("datetime")
        || name.equals("timestamp") || name.endsWith("_at") || name.endsWith("_date") || name.endsWith("_time");
  }

  private static FilterValidationException missingRequired(Operation operation) {
    Set<String> required = operation.filterRules().requiredOneOf();
    return new FilterValidationException(
        operation.operationId(),
        required.iterator().next(),
        null,
        required,
        describe(operation) + " requires a filter on " + (required.size() == 1 ? "" : "one of ") + required
            + ", such as equals(" + required.iterator().next() + ",\"...\")");
  }

  private static String describe(Operation operation) {
    return operation.operationId() + " (" + operation.method() + " " + operation.pathTemplate() + ")";
  }

  private static Set<String> wireNames(Set<FilterOperator> operators) {
    Set<String> names = new LinkedHashSet<>();
    for (FilterOperator operator : operators) names.add(operator.wireName());
    return names;
  }

  static FilterCondition condition(FilterOperator operator, String field, boolean hasValue, Object value) {
    if (operator == null) throw new NullPointerException("operator == null");
    if (field == null || !FIELD.matcher(field).matches()) {
      throw new FilterValidationException(
          null, String.valueOf(field), operator, Set.of(),
          "Invalid filter field name '" + field + "': it must be non-empty, without spaces, quotes, commas, "
              + "parentheses or brackets");
    }
    Object normalized = hasValue ? FilterValues.normalize(field, operator, value) : null;
    if (hasValue) checkKind(operator, field, normalized);
    return new FilterCondition(operator, field, hasValue, normalized);
  }

  private static void checkKind(FilterOperator operator, String field, Object value) {
    switch (operator) {
      case ANY, CONTAINS_ANY, CONTAINS_ALL -> {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
          throw FilterValidationException.forValue(field, operator, "the value must be a non-empty list");
        }
      }
      case GREATER_THAN, LESS_THAN, GREATER_OR_EQUAL, LESS_OR_EQUAL -> {
        if (!(value instanceof Long || value instanceof BigDecimal || value instanceof Instant
            || value instanceof LocalDate)) {
          throw FilterValidationException.forValue(
              field, operator, "the value must be a number or a date-time, not " + kind(value));
        }
      }
      case STARTS_WITH, ENDS_WITH -> {
        if (!(value instanceof String)) {
          throw FilterValidationException.forValue(field, operator, "the value must be a string, not " + kind(value));
        }
      }
      case CONTAINS, HAS -> {
        if (value == null || value instanceof List) {
          throw FilterValidationException.forValue(
              field, operator, "the value must be a single non-null value, not " + kind(value));
        }
      }
      case EQUALS -> { } // any value: scalar, list or null
    }
  }

  private static String kind(Object value) {
    if (value == null) return "null";
    if (value instanceof List) return "a list";
    if (value instanceof String) return "a string";
    if (value instanceof Boolean) return "a boolean";
    return value.getClass().getSimpleName();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Filter that && conditions.equals(that.conditions);
  }

  @Override
  public int hashCode() {
    return conditions.hashCode();
  }

  /** Returns {@link #expression()}. */
  @Override
  public String toString() {
    return expression();
  }
}
