package io.github.kvsdk.klaviyo.catalog.internal;

import io.github.kvsdk.klaviyo.catalog.FilterOperator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the allowed fields and operators out of a {@code filter} parameter's description.
 *
 * <p>Revision 2024-10-15 has no machine-readable filter rules; each description reads
 *
 * <pre>
 * For more information please visit https://...#filtering&lt;br&gt;Allowed field(s)/operator(s):&lt;br&gt;
 * `email`: `any`, `equals`&lt;br&gt;`created`: `greater-than`, `less-than`
 * </pre>
 *
 * Lines may be separated by {@code <br>} or newlines. Prose before the header is ignored; every line after
 * it must be a rule, naming only known operators, or parsing fails.
 */
final class FilterDescriptionParser {
  private static final Pattern LINE_BREAK = Pattern.compile("\\s*(?:<br\\s*/?>|\\r?\\n)\\s*");
  private static final Pattern HEADER =
      Pattern.compile("Allowed field\\(s\\)\\s*/\\s*operator\\(s\\)\\s*:", Pattern.CASE_INSENSITIVE);
  private static final Pattern RULE =
      Pattern.compile("`([A-Za-z0-9_.$-]+)`\\s*:\\s*(`[a-z-]+`(?:\\s*,\\s*`[a-z-]+`)*)\\s*[.;]?");
  private static final Pattern OPERATOR = Pattern.compile("`([a-z-]+)`");

  private FilterDescriptionParser() {}

  /**
   * Returns the rules as a map from field to operator names, in description order.
   *
   * @throws SpecShapeException if the description does not have the expected shape.
   */
  static Map<String, List<FilterOperator>> parse(String operationId, String description) {
    if (description == null || description.isBlank()) {
      throw new SpecShapeException(operationId, "the filter parameter has no description");
    }
    String[] lines = LINE_BREAK.split(description.trim());
    int header = -1;
    for (int i = 0; i < lines.length; i++) {
      if (HEADER.matcher(lines[i]).matches()) {
        header = i;
        break;
      }
    }
    if (header < 0) {
      throw new SpecShapeException(
          operationId, "the filter description has no 'Allowed field(s)/operator(s):' line: " + description);
    }
    Map<String, List<FilterOperator>> rules = new LinkedHashMap<>();
    for (int i = header + 1; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty()) continue;
      Matcher rule = RULE.matcher(line);
      if (!rule.matches()) {
        throw new SpecShapeException(operationId, "unparseable filter rule line '" + line + "'");
      }
      String field = rule.group(1);
      List<FilterOperator> operators = new ArrayList<>();
      Matcher operator = OPERATOR.matcher(rule.group(2));
      while (operator.find()) {
        String name = operator.group(1);
        FilterOperator parsed =
            FilterOperator.fromWireName(name)
                .orElseThrow(
                    () -> new SpecShapeException(
                        operationId, "unknown filter operator '" + name + "' on field '" + field + "'"));
        if (operators.contains(parsed)) {
          throw new SpecShapeException(operationId, "operator '" + name + "' repeated on '" + field + "'");
        }
        operators.add(parsed);
      }
      if (rules.put(field, operators) != null) {
        throw new SpecShapeException(operationId, "filter field '" + field + "' listed twice");
      }
    }
    if (rules.isEmpty()) {
      throw new SpecShapeException(operationId, "the filter description lists no fields: " + description);
    }
    return rules;
  }
}
