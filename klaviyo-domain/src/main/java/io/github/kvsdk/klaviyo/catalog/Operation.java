package io.github.kvsdk.klaviyo.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the pinned spec says about one API operation: its route, rate limit, scopes, and the values its
 * {@code filter}, {@code sort}, {@code page[size]}, {@code fields[TYPE]}, {@code additional-fields[TYPE]}
 * and {@code include} query parameters accept.
 *
 * <p>Instances come from {@link OperationCatalog}; they are immutable.
 */
public final class Operation {
  private final String operationId;
  private final String method;
  private final String pathTemplate;
  private final RateLimit rateLimit;
  private final List<String> scopes;
  private final FilterRules filterRules;
  private final List<String> sortValues;
  private final PageSize pageSize;
  private final String cursorParameter;
  private final Map<String, Set<String>> fieldsets;
  private final Map<String, Set<String>> additionalFields;
  private final Set<String> includes;
  private final String[] pathSegments;

  Operation(
      String operationId,
      String method,
      String pathTemplate,
      RateLimit rateLimit,
      List<String> scopes,
      FilterRules filterRules,
      List<String> sortValues,
      PageSize pageSize,
      String cursorParameter,
      Map<String, Set<String>> fieldsets,
      Map<String, Set<String>> additionalFields,
      Set<String> includes) {
    this.operationId = operationId;
    this.method = method;
    this.pathTemplate = pathTemplate;
    this.rateLimit = rateLimit;
    this.scopes = List.copyOf(scopes);
    this.filterRules = filterRules;
    this.sortValues = List.copyOf(sortValues);
    this.pageSize = pageSize;
    this.cursorParameter = cursorParameter;
    this.fieldsets = copyOf(fieldsets);
    this.additionalFields = copyOf(additionalFields);
    this.includes = Collections.unmodifiableSet(new LinkedHashSet<>(includes));
    this.pathSegments = segments(pathTemplate);
  }

  /** {@return the spec's operation id, such as {@code get_profiles}} */
  public String operationId() {
    return operationId;
  }

  /** {@return the HTTP method in upper case, such as {@code GET}} */
  public String method() {
    return method;
  }

  /** {@return the path with parameters in braces, such as {@code /api/profiles/{id}}} */
  public String pathTemplate() {
    return pathTemplate;
  }

  /** {@return the documented rate limit} */
  public RateLimit rateLimit() {
    return rateLimit;
  }

  /** {@return the OAuth scopes the operation requires, such as {@code profiles:read}} */
  public List<String> scopes() {
    return scopes;
  }

  /** {@return true if the operation takes a {@code filter} query parameter} */
  public boolean filterable() {
    return !filterRules.fields().isEmpty() || !filterRules.checked();
  }

  /** {@return the filter rules; empty rules if the operation takes no filter} */
  public FilterRules filterRules() {
    return filterRules;
  }

  /**
   * {@return the accepted {@code sort} values, ascending and descending (leading {@code -}), such as {@code
   * created} and {@code -created}} Empty if the operation cannot be sorted.
   */
  public List<String> sortValues() {
    return sortValues;
  }

  /** {@return true if the operation returns pages linked by a cursor} */
  public boolean paginated() {
    return cursorParameter != null;
  }

  /**
   * {@return the query parameter that carries the page cursor: {@code page[cursor]} for list endpoints and {@code
   * page_cursor} for the reporting endpoints} Empty if the operation is not paginated.
   */
  public Optional<String> cursorParameter() {
    return Optional.ofNullable(cursorParameter);
  }

  /** {@return the page size, if the spec states one, either as a {@code page[size]} parameter or in prose} */
  public Optional<PageSize> pageSize() {
    return Optional.ofNullable(pageSize);
  }

  /**
   * For each resource type with a {@code fields[TYPE]} parameter, the field names it accepts.
   *
   * @return the fields {@code fields[TYPE]} accepts, per resource type
   */
  public Map<String, Set<String>> fieldsets() {
    return fieldsets;
  }

  /**
   * For each resource type with an {@code additional-fields[TYPE]} parameter, the values it accepts.
   *
   * @return the {@code additional-fields} each resource type accepts
   */
  public Map<String, Set<String>> additionalFields() {
    return additionalFields;
  }

  /** {@return the relationship names {@code include} accepts; empty if the operation takes no include} */
  public Set<String> includes() {
    return includes;
  }

  /**
   * {@return true if this operation serves {@code method} on {@code path}} The path may be a template
   * (with {@code {id}}) or a concrete path; a trailing slash and any query are ignored.
   *
   * @param method the HTTP method
   * @param path the request path
   */
  public boolean matches(String method, String path) {
    return this.method.equalsIgnoreCase(method) && literalSegmentsMatched(segments(path)) >= 0;
  }

  /** Returns how many literal segments of the template match, or -1 if {@code segments} does not fit. */
  int literalSegmentsMatched(String[] segments) {
    if (segments.length != pathSegments.length) return -1;
    int literal = 0;
    for (int i = 0; i < segments.length; i++) {
      String template = pathSegments[i];
      if (template.startsWith("{") && template.endsWith("}")) {
        if (segments[i].isEmpty()) return -1;
      } else if (template.equals(segments[i])) {
        literal++;
      } else {
        return -1;
      }
    }
    return literal;
  }

  static String[] segments(String path) {
    int query = path.indexOf('?');
    String p = query >= 0 ? path.substring(0, query) : path;
    while (p.endsWith("/") && p.length() > 1) p = p.substring(0, p.length() - 1);
    if (p.startsWith("/")) p = p.substring(1);
    return p.split("/", -1);
  }

  private static Map<String, Set<String>> copyOf(Map<String, Set<String>> map) {
    Map<String, Set<String>> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(k, Collections.unmodifiableSet(new LinkedHashSet<>(v))));
    return Collections.unmodifiableMap(copy);
  }

  @Override
  public String toString() {
    return operationId + " (" + method + " " + pathTemplate + ")";
  }
}
