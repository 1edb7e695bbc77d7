package io.github.kvsdk.klaviyo.sandbox.internal.query;

import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiException;
import io.github.kvsdk.klaviyo.sandbox.internal.json.Timestamps;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses Klaviyo's filter syntax: {@code equals(email,"a@b.com")}, {@code greater-than(updated,2024-01-01T00:00:00Z)},
 * {@code any(id,["a","b"])}, {@code equals(archived,true)}, {@code has(profile)}, comma-joined terms meaning
 * AND, and the logical {@code and(..)}, {@code or(..)}, {@code not(..)}.
 *
 * <p>Quoted values (double or single quotes) are strings; unquoted values are booleans, {@code null}, numbers
 * or ISO-8601 date-times (parsed to {@link Instant}). Syntax errors are Klaviyo 400 errors on parameter
 * {@code filter}.
 */
public final class FilterParser {
  /** Comparison and string operators of Klaviyo's filter language. */
  public static final Set<String> OPERATORS = Set.of("equals", "less-than", "less-or-equal", "greater-than",
      "greater-or-equal", "contains", "contains-any", "contains-all", "starts-with", "ends-with", "any", "has");

  private final String text;
  private int pos;

  private FilterParser(String text) {
    this.text = text;
  }

  /**
   * {@return the parsed {@code text}} Throws a 400 {@link ApiException} naming the problem if it cannot be parsed.
   *
   * @param text the {@code filter} query parameter, decoded
   */
  public static FilterExpression parse(String text) {
    FilterParser p = new FilterParser(text);
    List<FilterExpression> terms = p.terms();
    p.skipSpace();
    if (p.pos != text.length()) {
      throw p.error("unexpected '" + text.charAt(p.pos) + "'");
    }
    return terms.size() == 1 ? terms.get(0) : new FilterExpression.And(terms);
  }

  private List<FilterExpression> terms() {
    List<FilterExpression> terms = new ArrayList<>();
    terms.add(term());
    skipSpace();
    while (pos < text.length() && text.charAt(pos) == ',') {
      pos++;
      terms.add(term());
      skipSpace();
    }
    return terms;
  }

  private FilterExpression term() {
    skipSpace();
    String name = identifier();
    if (name.isEmpty()) {
      throw error("expected an operator");
    }
    expect('(');
    FilterExpression result;
    switch (name) {
      case "and" -> result = new FilterExpression.And(terms());
      case "or" -> result = new FilterExpression.Or(terms());
      case "not" -> result = new FilterExpression.Not(term());
      default -> {
        if (!OPERATORS.contains(name)) {
          throw error("'" + name + "' is not a valid operator");
        }
        skipSpace();
        String field = identifier();
        if (field.isEmpty()) {
          throw error("expected a field name after '" + name + "('");
        }
        skipSpace();
        Object value = null;
        if (pos < text.length() && text.charAt(pos) == ',') {
          pos++;
          value = value();
        } else if (!name.equals("has")) {
          throw error("operator '" + name + "' needs a field and a value");
        }
        result = new FilterExpression.Condition(name, field, value);
      }
    }
    skipSpace();
    expect(')');
    return result;
  }

  private Object value() {
    skipSpace();
    if (pos >= text.length()) {
      throw error("expected a value");
    }
    char c = text.charAt(pos);
    if (c == '"' || c == '\'') {
      return quoted(c);
    }
    if (c == '[') {
      pos++;
      List<Object> values = new ArrayList<>();
      skipSpace();
      if (pos < text.length() && text.charAt(pos) == ']') {
        pos++;
        return values;
      }
      while (true) {
        values.add(value());
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == ',') {
          pos++;
        } else {
          expect(']');
          return values;
        }
      }
    }
    int start = pos;
    while (pos < text.length() && ",)]".indexOf(text.charAt(pos)) < 0) {
      pos++;
    }
    String raw = text.substring(start, pos).trim();
    switch (raw) {
      case "true":
        return Boolean.TRUE;
      case "false":
        return Boolean.FALSE;
      case "null":
        return null;
      default:
        break;
    }
    Instant instant = raw.length() >= 10 && raw.charAt(4) == '-' ? Timestamps.parseOrNull(raw) : null;
    if (instant != null) {
      return instant;
    }
    try {
      return raw.contains(".") || raw.contains("e") || raw.contains("E") ? new BigDecimal(raw) : (Object) Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw error("'" + raw + "' is not a valid value; quote strings and use ISO-8601 date-times");
    }
  }

  private String quoted(char quote) {
    pos++;
    StringBuilder out = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '\\' && pos < text.length()) {
        out.append(text.charAt(pos++));
      } else if (c == quote) {
        return out.toString();
      } else {
        out.append(c);
      }
    }
    throw error("unterminated string");
  }

  private String identifier() {
    int start = pos;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '$') {
        pos++;
      } else {
        break;
      }
    }
    return text.substring(start, pos);
  }

  private void expect(char c) {
    skipSpace();
    if (pos >= text.length() || text.charAt(pos) != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private ApiException error(String problem) {
    return ApiException.invalidParameter("filter",
        "Invalid filter provided: " + problem + " at position " + pos + " of '" + text + "'.");
  }
}
