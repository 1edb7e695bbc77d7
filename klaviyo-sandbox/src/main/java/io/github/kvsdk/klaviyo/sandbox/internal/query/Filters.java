package io.github.kvsdk.klaviyo.sandbox.internal.query;

import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** Checks a parsed filter against an operation's allowed fields and operators, and evaluates it. */
public final class Filters {
  private Filters() {}

  /**
   * Rejects any condition whose field or operator the operation does not allow, with Klaviyo's 400 error
   * document naming the field and the rule.
   *
   * @param expression the parsed filter
   * @param rules the operation's filterable fields, each with the operators allowed on it
   */
  public static void validate(FilterExpression expression, Map<String, Set<String>> rules) {
    if (expression instanceof FilterExpression.Condition c) {
      Set<String> ops = rules.get(c.field());
      if (ops == null) {
        throw ApiException.invalidParameter("filter",
            "'" + c.field() + "' is not a valid field for this filter; allowed fields: " + rules.keySet() + ".");
      }
      if (!ops.contains(c.operator())) {
        throw ApiException.invalidParameter("filter", "'" + c.operator() + "' is not a valid operator for field '"
            + c.field() + "'; allowed operators: " + ops + ".");
      }
      boolean listOperator = c.operator().equals("any") || c.operator().equals("contains-any")
          || c.operator().equals("contains-all");
      if (listOperator != (c.value() instanceof List<?>)) {
        throw ApiException.invalidParameter("filter", "Operator '" + c.operator() + "' on field '" + c.field()
            + (listOperator ? "' needs a list value such as [\"a\",\"b\"]." : "' does not take a list value."));
      }
    } else if (expression instanceof FilterExpression.And a) {
      a.terms().forEach(t -> validate(t, rules));
    } else if (expression instanceof FilterExpression.Or o) {
      o.terms().forEach(t -> validate(t, rules));
    } else if (expression instanceof FilterExpression.Not n) {
      validate(n.term(), rules);
    }
  }

  /**
   * Checks each condition's value against its field's type, as Klaviyo's filter grammar does: date-times
   * unquoted ({@code greater-than(updated,2024-01-01T00:00:00Z)}), strings quoted, booleans and numbers
   * bare; list operators take lists of such values. Fields whose type is unknown are not checked.
   *
   * @param expression the parsed filter
   * @param types field name to {@code datetime}, {@code string}, {@code boolean} or {@code number}
   */
  public static void checkValueTypes(FilterExpression expression, Map<String, String> types) {
    if (expression instanceof FilterExpression.Condition c) {
      String type = types.get(c.field());
      if (type == null || c.operator().equals("has") || c.value() == null) {
        return;
      }
      if (c.value() instanceof List<?> values) {
        values.forEach(v -> checkValue(c, type, v));
      } else {
        checkValue(c, type, c.value());
      }
    } else if (expression instanceof FilterExpression.And a) {
      a.terms().forEach(t -> checkValueTypes(t, types));
    } else if (expression instanceof FilterExpression.Or o) {
      o.terms().forEach(t -> checkValueTypes(t, types));
    } else if (expression instanceof FilterExpression.Not n) {
      checkValueTypes(n.term(), types);
    }
  }

  private static void checkValue(FilterExpression.Condition c, String type, Object value) {
    boolean ok = switch (type) {
      case "datetime" -> value instanceof java.time.Instant;
      case "string" -> value instanceof String;
      case "boolean" -> value instanceof Boolean;
      // Epoch-second fields (an event's timestamp) are compared with date-times as well as numbers.
      case "number" -> value instanceof Number || value instanceof java.time.Instant;
      default -> true;
    };
    if (ok || value == null) {
      return;
    }
    String hint = switch (type) {
      case "datetime" -> "a date-time, written without quotes, such as 2024-01-01T00:00:00Z";
      case "string" -> "a string in quotes, such as \"value\"";
      case "boolean" -> "true or false, without quotes";
      default -> "a number or a date-time, without quotes";
    };
    throw ApiException.invalidParameter("filter", "Invalid value for field '" + c.field() + "' in '" + c.operator()
        + "': expected " + hint + ".");
  }

  /**
   * {@return the top-level conditions of {@code expression} (the AND-joined ones)}
   *
   * @param expression the parsed filter
   */
  public static List<FilterExpression.Condition> topLevelConditions(FilterExpression expression) {
    if (expression instanceof FilterExpression.Condition c) {
      return List.of(c);
    }
    if (expression instanceof FilterExpression.And a) {
      return a.terms().stream()
          .filter(FilterExpression.Condition.class::isInstance)
          .map(FilterExpression.Condition.class::cast)
          .toList();
    }
    return List.of();
  }

  /**
   * {@return a predicate that evaluates {@code expression} using {@code access}}
   *
   * @param expression the parsed filter
   * @param access reads the filtered fields from an item
   * @param <T> the type of the filtered items
   */
  public static <T> Predicate<T> predicate(FilterExpression expression, FieldAccess<T> access) {
    if (expression instanceof FilterExpression.Condition c) {
      return item -> holds(c, access.get(item, c.field()));
    }
    if (expression instanceof FilterExpression.And a) {
      List<Predicate<T>> ps = a.terms().stream().map(t -> predicate(t, access)).toList();
      return item -> ps.stream().allMatch(p -> p.test(item));
    }
    if (expression instanceof FilterExpression.Or o) {
      List<Predicate<T>> ps = o.terms().stream().map(t -> predicate(t, access)).toList();
      return item -> ps.stream().anyMatch(p -> p.test(item));
    }
    Predicate<T> inner = predicate(((FilterExpression.Not) expression).term(), access);
    return inner.negate();
  }

  static boolean holds(FilterExpression.Condition c, Object stored) {
    Object v = c.value();
    switch (c.operator()) {
      case "has":
        return stored != null && !(stored instanceof Collection<?> col && col.isEmpty());
      case "equals":
        if (stored instanceof Collection<?> col) {
          return col.stream().anyMatch(e -> Values.equal(e, v));
        }
        return v == null ? stored == null : Values.equal(stored, v);
      case "any":
        return ((List<?>) v).stream().anyMatch(e -> Values.equal(stored, e));
      case "greater-than": {
        Integer cmp = Values.compare(stored, v);
        return cmp != null && cmp > 0;
      }
      case "greater-or-equal": {
        Integer cmp = Values.compare(stored, v);
        return cmp != null && cmp >= 0;
      }
      case "less-than": {
        Integer cmp = Values.compare(stored, v);
        return cmp != null && cmp < 0;
      }
      case "less-or-equal": {
        Integer cmp = Values.compare(stored, v);
        return cmp != null && cmp <= 0;
      }
      case "contains":
        if (stored instanceof Collection<?> col) {
          return col.stream().anyMatch(e -> Values.equal(e, v));
        }
        return stored != null && v != null && stored.toString().contains(v.toString());
      case "contains-any":
        return stored instanceof Collection<?> col
            && ((List<?>) v).stream().anyMatch(x -> col.stream().anyMatch(e -> Values.equal(e, x)));
      case "contains-all":
        return stored instanceof Collection<?> col
            && ((List<?>) v).stream().allMatch(x -> col.stream().anyMatch(e -> Values.equal(e, x)));
      case "starts-with":
        return stored != null && v != null && stored.toString().startsWith(v.toString());
      case "ends-with":
        return stored != null && v != null && stored.toString().endsWith(v.toString());
      default:
        return false;
    }
  }
}
