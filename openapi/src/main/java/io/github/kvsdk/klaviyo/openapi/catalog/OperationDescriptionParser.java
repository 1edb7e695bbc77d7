package io.github.kvsdk.klaviyo.openapi.catalog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the facts that revision 2024-10-15 states only in an operation's prose description: the fixed
 * page size of list endpoints without {@code page[size]}, and which filters are mandatory.
 */
final class OperationDescriptionParser {
  private static final Pattern MAXIMUM_MENTION = Pattern.compile("(?i)\\bmaximum of\\b");
  private static final Pattern PAGE_SIZE_STATEMENT =
      Pattern.compile("(?i)\\breturns a maximum of (\\d+) [a-z ]+? per (?:page|request)\\b");
  private static final Pattern SENTENCE_BREAK = Pattern.compile("(?<=[.!?:])\\s+|<br\\s*/?>|\\r?\\n");
  private static final Pattern FILTER_EXAMPLE =
      Pattern.compile("filter=([a-z-]+)\\(\\s*([A-Za-z0-9_.$-]+)\\s*,");
  private static final Pattern WORD = Pattern.compile("[A-Za-z_]+");

  private OperationDescriptionParser() {}

  /**
   * Returns the page size stated as "Returns a maximum of N things per page/request", or empty if the
   * description states none.
   *
   * @throws SpecShapeException if the description mentions a maximum in a form this parser cannot read,
   *     or states two different sizes.
   */
  static OptionalInt statedPageSize(String operationId, String description) {
    if (description == null) return OptionalInt.empty();
    Matcher statement = PAGE_SIZE_STATEMENT.matcher(description);
    Set<Integer> sizes = new LinkedHashSet<>();
    int statements = 0;
    while (statement.find()) {
      sizes.add(Integer.parseInt(statement.group(1)));
      statements++;
    }
    Matcher mention = MAXIMUM_MENTION.matcher(description);
    int mentions = 0;
    while (mention.find()) mentions++;
    if (mentions != statements) {
      throw new SpecShapeException(
          operationId, "a 'maximum of' statement in the description is not a page-size statement: " + description);
    }
    if (sizes.size() > 1) {
      throw new SpecShapeException(operationId, "the description states several page sizes " + sizes);
    }
    return sizes.isEmpty() ? OptionalInt.empty() : OptionalInt.of(sizes.iterator().next());
  }

  /**
   * Returns the filter fields of which the operation requires at least one, or an empty set if filtering
   * is optional. The fields come from {@code ?filter=op(field,...)} examples in the description, or else
   * from the nouns of a sentence that says a filter is required ("A coupon/coupons or a profile/profiles
   * must be provided as required filter params" gives {@code coupon.id} and {@code profile.id}).
   *
   * @param filterParameterRequired whether the spec marks the {@code filter} parameter as required.
   * @throws SpecShapeException if a filter is required but the required fields cannot be determined.
   */
  static Set<String> requiredFilterFields(
      String operationId, String description, Set<String> allowedFields, boolean filterParameterRequired) {
    List<String> requirementSentences = new ArrayList<>();
    if (description != null) {
      for (String sentence : SENTENCE_BREAK.split(description)) {
        String lower = sentence.toLowerCase(Locale.ROOT);
        if (lower.contains("required") && lower.contains("filter")) requirementSentences.add(sentence);
      }
    }
    if (requirementSentences.isEmpty() && !filterParameterRequired) return Set.of();

    Set<String> fields = new LinkedHashSet<>();
    Matcher example = FILTER_EXAMPLE.matcher(description == null ? "" : description);
    while (example.find()) {
      String field = example.group(2);
      if (!allowedFields.contains(field)) {
        throw new SpecShapeException(
            operationId, "the description's required filter names '" + field + "', which is not filterable");
      }
      fields.add(field);
    }
    if (fields.isEmpty()) {
      for (String sentence : requirementSentences) {
        Set<String> words = new LinkedHashSet<>();
        Matcher word = WORD.matcher(sentence);
        while (word.find()) words.add(word.group().toLowerCase(Locale.ROOT));
        for (String field : allowedFields) {
          String root = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
          if (words.contains(field) || words.contains(root) || words.contains(root + "s")) fields.add(field);
        }
      }
    }
    if (fields.isEmpty()) {
      throw new SpecShapeException(
          operationId, "a filter is required but the description does not say on which field: " + description);
    }
    return fields;
  }
}
