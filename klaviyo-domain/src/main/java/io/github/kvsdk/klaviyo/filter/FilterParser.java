package io.github.kvsdk.klaviyo.filter;

import io.github.kvsdk.klaviyo.catalog.FilterOperator;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** A recursive-descent parser for Klaviyo filter expressions; see {@link Filter#parse(String)}. */
final class FilterParser {
  private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
  private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private final String input;
  private int pos;

  FilterParser(String input) {
    if (input == null) throw new NullPointerException("expression == null");
    this.input = input;
  }

  List<FilterCondition> parse() {
    List<FilterCondition> conditions = new ArrayList<>();
    skipSpaces();
    if (pos == input.length()) throw error("the expression is empty");
    while (true) {
      conditions.add(condition());
      skipSpaces();
      if (pos == input.length()) return conditions;
      expect(',');
      skipSpaces();
    }
  }

  private FilterCondition condition() {
    int start = pos;
    while (pos < input.length() && (Character.isLetter(input.charAt(pos)) || input.charAt(pos) == '-')) pos++;
    String name = input.substring(start, pos);
    FilterOperator operator =
        FilterOperator.fromWireName(name).orElseThrow(() -> errorAt(start, "unknown operator '" + name + "'"));
    skipSpaces();
    expect('(');
    skipSpaces();
    int fieldStart = pos;
    while (pos < input.length() && ",)".indexOf(input.charAt(pos)) < 0) pos++;
    String field = input.substring(fieldStart, pos).trim();
    if (peek() == ')') {
      pos++;
      if (operator != FilterOperator.HAS) throw errorAt(start, operator.wireName() + "(" + field + ") needs a value");
      return Filter.condition(operator, field, false, null);
    }
    expect(',');
    skipSpaces();
    Object value = value(true);
    skipSpaces();
    expect(')');
    return Filter.condition(operator, field, true, value);
  }

  private Object value(boolean listAllowed) {
    char c = peek();
    if (c == '"' || c == '\'') return string(c);
    if (c == '[') {
      if (!listAllowed) throw error("lists cannot be nested");
      pos++;
      List<Object> items = new ArrayList<>();
      skipSpaces();
      if (peek() == ']') {
        pos++;
        return Collections.unmodifiableList(items);
      }
      while (true) {
        skipSpaces();
        items.add(value(false));
        skipSpaces();
        if (peek() == ']') {
          pos++;
          return Collections.unmodifiableList(items);
        }
        expect(',');
      }
    }
    return bare();
  }

  private String string(char quote) {
    int start = pos++;
    StringBuilder out = new StringBuilder();
    while (pos < input.length()) {
      char c = input.charAt(pos++);
      if (c == quote) return out.toString();
      if (c == '\\') {
        if (pos == input.length()) break;
        c = input.charAt(pos++);
      }
      out.append(c);
    }
    throw errorAt(start, "unterminated string");
  }

  private Object bare() {
    int start = pos;
    while (pos < input.length() && ",)]".indexOf(input.charAt(pos)) < 0) pos++;
    String token = input.substring(start, pos).trim();
    if (token.isEmpty()) throw errorAt(start, "missing value");
    switch (token) {
      case "true":
        return Boolean.TRUE;
      case "false":
        return Boolean.FALSE;
      case "null":
        return null;
      default:
        break;
    }
    if (INTEGER.matcher(token).matches()) return Long.parseLong(token);
    if (DECIMAL.matcher(token).matches()) return new BigDecimal(token);
    try {
      if (DATE.matcher(token).matches()) return LocalDate.parse(token);
      return OffsetDateTime.parse(token).toInstant();
    } catch (DateTimeParseException e) {
      throw errorAt(
          start,
          "unquoted value '" + token + "' is not a boolean, number, null, date or ISO-8601 date-time with "
              + "offset; quote strings");
    }
  }

  private char peek() {
    return pos < input.length() ? input.charAt(pos) : '\0';
  }

  private void expect(char c) {
    if (peek() != c) throw error("expected '" + c + "'");
    pos++;
  }

  private void skipSpaces() {
    while (pos < input.length() && Character.isWhitespace(input.charAt(pos))) pos++;
  }

  private FilterValidationException error(String problem) {
    return errorAt(pos, problem);
  }

  private FilterValidationException errorAt(int at, String problem) {
    String found = at < input.length() ? "'" + input.charAt(at) + "'" : "end of input";
    return new FilterValidationException(
        null, "filter", null, Set.of(),
        "Malformed filter expression at position " + at + " (" + found + "): " + problem + ": " + input);
  }
}
