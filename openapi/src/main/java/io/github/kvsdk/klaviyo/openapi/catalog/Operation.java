package io.github.kvsdk.klaviyo.openapi.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What the spec says about one operation: its route, resource group, prose, quotas, scopes, whether it takes
 * credentials, parameters, request body, success response, and the values its {@code filter}, {@code sort}, {@code page[size]},
 * {@code fields[TYPE]}, {@code additional-fields[TYPE]} and {@code include} parameters accept. Immutable;
 * instances come from {@link OperationCatalog}.
 */
public final class Operation {
  private final String operationId;
  private final String method;
  private final String pathTemplate;
  private final List<String> tags;
  private final String summary;
  private final String description;
  private final boolean deprecated;
  private final List<Parameter> parameters;
  private final boolean requestBodyRequired;
  private final RequestBody requestBody;
  private final OptionalInt successStatus;
  private final Map<String, Object> successSchema;
  private final boolean requiresCredentials;
  private final RateLimit rateLimit;
  private final Map<String, RateLimit> additionalFieldLimits;
  private final List<String> scopes;
  private final Set<String> queryParameters;
  private final FilterRules filterRules;
  private final List<String> sortValues;
  private final PageSize pageSize;
  private final String cursorParameter;
  private final Map<String, Set<String>> fieldsets;
  private final Map<String, Set<String>> additionalFields;
  private final Set<String> includes;

  Operation(
      String operationId,
      String method,
      String pathTemplate,
      List<String> tags,
      String summary,
      String description,
      boolean deprecated,
      List<Parameter> parameters,
      boolean requestBodyRequired,
      RequestBody requestBody,
      OptionalInt successStatus,
      Map<String, Object> successSchema,
      boolean requiresCredentials,
      RateLimit rateLimit,
      Map<String, RateLimit> additionalFieldLimits,
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
    this.tags = List.copyOf(tags);
    this.summary = summary;
    this.description = description;
    this.deprecated = deprecated;
    this.parameters = List.copyOf(parameters);
    this.requestBodyRequired = requestBodyRequired;
    this.requestBody = requestBody;
    this.successStatus = successStatus;
    this.successSchema = successSchema;
    this.requiresCredentials = requiresCredentials;
    this.rateLimit = rateLimit;
    this.additionalFieldLimits = Collections.unmodifiableMap(new LinkedHashMap<>(additionalFieldLimits));
    this.scopes = List.copyOf(scopes);
    Set<String> queryParameters = new LinkedHashSet<>();
    for (Parameter parameter : parameters) {
      if (parameter.location() == Parameter.Location.QUERY) queryParameters.add(parameter.name());
    }
    this.queryParameters = Collections.unmodifiableSet(queryParameters);
    this.filterRules = filterRules;
    this.sortValues = List.copyOf(sortValues);
    this.pageSize = pageSize;
    this.cursorParameter = cursorParameter;
    this.fieldsets = copyOf(fieldsets);
    this.additionalFields = copyOf(additionalFields);
    this.includes = Collections.unmodifiableSet(new LinkedHashSet<>(includes));
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

  /**
   * {@return the spec's tags, in order, such as {@code [Profiles]}; the first names the resource group the
   * operation belongs to} Empty if the operation has none.
   */
  public List<String> tags() {
    return tags;
  }

  /** {@return the spec's one-line summary, such as {@code Get Profiles}; empty if it has none} */
  public String summary() {
    return summary;
  }

  /** {@return the spec's description, as written (Markdown); empty if it has none} */
  public String description() {
    return description;
  }

  /** {@return true if the spec marks the operation deprecated} */
  public boolean deprecated() {
    return deprecated;
  }

  /**
   * {@return every parameter the operation declares (path, query, header and cookie), in spec order, with
   * {@code $ref}s resolved}
   */
  public List<Parameter> parameters() {
    return parameters;
  }

  /** {@return true if the operation declares a request body and marks it required} */
  public boolean requestBodyRequired() {
    return requestBodyRequired;
  }

  /**
   * {@return the body the operation takes, with its media type and schema} Empty if the operation declares
   * no body or its body lists no media type.
   */
  public Optional<RequestBody> requestBody() {
    return Optional.ofNullable(requestBody);
  }

  /**
   * {@return the status of a successful response, such as {@code 201}: the first 2xx status the spec lists
   * for the operation} Empty if it lists none.
   */
  public OptionalInt successStatus() {
    return successStatus;
  }

  /**
   * {@return the schema of the {@linkplain #successStatus() successful response}'s body, of its first media
   * type, as the spec's own JSON tree, never modified; a {@code $ref} in it is left for {@link
   * Schemas#resolve} to follow} Empty if that response has no body or its body declares no schema.
   */
  public Optional<Map<String, Object>> successSchema() {
    return Optional.ofNullable(successSchema);
  }

  /**
   * {@return false if the operation is called without credentials (its {@code security} is an empty list),
   * as the {@code /client} endpoints are, which name the account by their {@code company_id} query
   * parameter instead} True otherwise.
   */
  public boolean requiresCredentials() {
    return requiresCredentials;
  }

  /** {@return the documented quota, from {@code x-klaviyo-ratelimit}} */
  public RateLimit rateLimit() {
    return rateLimit;
  }

  /**
   * {@return the stricter quotas the description states for requests that ask for an additional field,
   * keyed by the parameter and value that trigger them, such as
   * {@code additional-fields[list]=profile_count}} Empty if the description states none.
   */
  public Map<String, RateLimit> additionalFieldLimits() {
    return additionalFieldLimits;
  }

  /** {@return the OAuth scopes the operation requires, such as {@code profiles:read}} */
  public List<String> scopes() {
    return scopes;
  }

  /** {@return the names of every query parameter the operation declares, known to this library or not} */
  public Set<String> queryParameters() {
    return queryParameters;
  }

  /** {@return true if the operation takes a {@code filter} query parameter} */
  public boolean filterable() {
    return queryParameters.contains("filter");
  }

  /** {@return the filter rules; empty and checked if the operation takes no filter} */
  public FilterRules filterRules() {
    return filterRules;
  }

  /** {@return the accepted {@code sort} values, ascending and descending ({@code -created}); empty if unsorted} */
  public List<String> sortValues() {
    return sortValues;
  }

  /** {@return true if the operation returns pages linked by a cursor} */
  public boolean paginated() {
    return cursorParameter != null;
  }

  /**
   * {@return the query parameter that carries the page cursor: {@code page[cursor]} for list endpoints,
   * {@code page_cursor} for the reporting endpoints} Empty if the operation is not paginated.
   */
  public Optional<String> cursorParameter() {
    return Optional.ofNullable(cursorParameter);
  }

  /** {@return the page size, if the spec states one as a {@code page[size]} parameter or in prose} */
  public Optional<PageSize> pageSize() {
    return Optional.ofNullable(pageSize);
  }

  /** {@return for each resource type with a {@code fields[TYPE]} parameter, the field names it accepts} */
  public Map<String, Set<String>> fieldsets() {
    return fieldsets;
  }

  /** {@return for each resource type with an {@code additional-fields[TYPE]} parameter, the values it accepts} */
  public Map<String, Set<String>> additionalFields() {
    return additionalFields;
  }

  /** {@return the relationship names {@code include} accepts; empty if the operation takes no include} */
  public Set<String> includes() {
    return includes;
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
