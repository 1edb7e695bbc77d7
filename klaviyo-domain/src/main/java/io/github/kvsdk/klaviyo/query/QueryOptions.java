package io.github.kvsdk.klaviyo.query;

import io.github.kvsdk.klaviyo.catalog.Operation;
import io.github.kvsdk.klaviyo.catalog.PageSize;
import io.github.kvsdk.klaviyo.filter.Filter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The optional query parameters of a Klaviyo read: {@code filter}, {@code sort}, {@code page[size]},
 * sparse fieldsets {@code fields[TYPE]}, {@code additional-fields[TYPE]} and {@code include}.
 *
 * <pre>{@code
 * QueryOptions options = QueryOptions.builder()
 *     .filter(Filter.greaterThan("updated", since))
 *     .sort("updated")
 *     .pageSize(100)
 *     .fields("profile", "email", "updated")
 *     .additionalFields("profile", "subscriptions")
 *     .build()
 *     .validateFor(OperationCatalog.packaged().operation("get_profiles"));
 * }</pre>
 *
 * <p>Instances are immutable. {@link #validateFor(Operation)} checks every value against what the pinned
 * spec allows for the operation, so a typo fails before any request with a {@link
 * QueryValidationException} (or a {@link io.github.kvsdk.klaviyo.filter.FilterValidationException} for
 * the filter) naming the parameter and the allowed values.
 */
public final class QueryOptions {
  private static final QueryOptions NONE = new Builder().build();

  private final Filter filter;
  private final String sort;
  private final Integer pageSize;
  private final Map<String, List<String>> fields;
  private final Map<String, List<String>> additionalFields;
  private final List<String> include;

  private QueryOptions(Builder builder) {
    this.filter = builder.filter;
    this.sort = builder.sort;
    this.pageSize = builder.pageSize;
    this.fields = freeze(builder.fields);
    this.additionalFields = freeze(builder.additionalFields);
    this.include = List.copyOf(builder.include);
  }

  /** {@return no options: the endpoint's defaults} */
  public static QueryOptions none() {
    return NONE;
  }

  /** {@return a builder with nothing set} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder holding these options, to derive changed ones} */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** {@return the {@code filter}, if set} */
  public Optional<Filter> filter() {
    return Optional.ofNullable(filter);
  }

  /** {@return the sort value: a field, or a field with a leading {@code -} for descending order} */
  public Optional<String> sort() {
    return Optional.ofNullable(sort);
  }

  /** {@return the {@code page[size]}, if set} */
  public OptionalInt pageSize() {
    return pageSize == null ? OptionalInt.empty() : OptionalInt.of(pageSize);
  }

  /** {@return the sparse fieldsets: resource type to the fields requested for it} */
  public Map<String, List<String>> fields() {
    return fields;
  }

  /**
   * {@return the fields requested for {@code type}, or an empty list if no fieldset was set for it}
   *
   * @param type the resource type, such as {@code profile}
   */
  public List<String> fields(String type) {
    return fields.getOrDefault(type, List.of());
  }

  /** {@return the additional fields: resource type to the extra fields requested for it} */
  public Map<String, List<String>> additionalFields() {
    return additionalFields;
  }

  /**
   * {@return the additional fields requested for {@code type}, or an empty list if none were}
   *
   * @param type the resource type, such as {@code profile}
   */
  public List<String> additionalFields(String type) {
    return additionalFields.getOrDefault(type, List.of());
  }

  /** {@return the relationships to include} */
  public List<String> include() {
    return include;
  }

  /**
   * Checks every option against what {@code operation} accepts, including that a filter the operation
   * requires is present.
   *
   * @param operation the operation the options are for, from {@link io.github.kvsdk.klaviyo.catalog.OperationCatalog}
   * @return this, for chaining.
   * @throws QueryValidationException if a sort, page size, fieldset or include value is not accepted.
   * @throws io.github.kvsdk.klaviyo.filter.FilterValidationException if the filter is not accepted.
   */
  public QueryOptions validateFor(Operation operation) {
    String id = operation.operationId();
    Filter.validate(operation, filter);
    if (sort != null && !operation.sortValues().contains(sort)) {
      Set<String> allowed = new LinkedHashSet<>(operation.sortValues());
      throw new QueryValidationException(id, "sort", sort, allowed,
          allowed.isEmpty()
              ? id + " cannot be sorted"
              : "'" + sort + "' is not a sort value of " + id + "; allowed: " + allowed);
    }
    if (pageSize != null) {
      PageSize size = operation.pageSize().orElse(null);
      if (size == null || !size.adjustable()) {
        throw new QueryValidationException(id, "page[size]", pageSize.toString(), Set.of(),
            id + " does not take page[size]" + (size == null ? "" : "; it returns a fixed " + size.maxSize()
                + " per page"));
      }
      if (!size.accepts(pageSize)) {
        throw new QueryValidationException(id, "page[size]", pageSize.toString(), Set.of(),
            "page[size] of " + id + " must be between " + size.minSize() + " and " + size.maxSize()
                + ", not " + pageSize);
      }
    }
    checkSets(id, "fields", fields, operation.fieldsets());
    checkSets(id, "additional-fields", additionalFields, operation.additionalFields());
    for (String relationship : include) {
      if (!operation.includes().contains(relationship)) {
        throw new QueryValidationException(id, "include", relationship, operation.includes(),
            operation.includes().isEmpty()
                ? id + " does not take include"
                : "'" + relationship + "' cannot be included by " + id + "; allowed: " + operation.includes());
      }
    }
    return this;
  }

  private static void checkSets(
      String id, String parameter, Map<String, List<String>> requested, Map<String, Set<String>> accepted) {
    for (Map.Entry<String, List<String>> entry : requested.entrySet()) {
      String name = parameter + "[" + entry.getKey() + "]";
      Set<String> allowed = accepted.get(entry.getKey());
      if (allowed == null) {
        Set<String> parameters = new LinkedHashSet<>();
        for (String type : accepted.keySet()) parameters.add(parameter + "[" + type + "]");
        throw new QueryValidationException(id, name, String.join(",", entry.getValue()), parameters,
            id + " does not take " + name + "; it takes " + (parameters.isEmpty() ? "none" : parameters));
      }
      for (String value : entry.getValue()) {
        if (!allowed.contains(value)) {
          throw new QueryValidationException(id, name, value, allowed,
              "'" + value + "' is not a value of " + name + " for " + id + "; allowed: " + allowed);
        }
      }
    }
  }

  /**
   * {@return the options as query parameters in Klaviyo's syntax, not URL-encoded: {@code filter}, {@code
   * sort}, {@code page[size]}, {@code fields[TYPE]=a,b}, {@code additional-fields[TYPE]=a,b}, {@code
   * include=a,b}}
   */
  public Map<String, String> toQueryParameters() {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (filter != null) parameters.put("filter", filter.expression());
    if (sort != null) parameters.put("sort", sort);
    if (pageSize != null) parameters.put("page[size]", pageSize.toString());
    fields.forEach((type, names) -> parameters.put("fields[" + type + "]", String.join(",", names)));
    additionalFields.forEach(
        (type, names) -> parameters.put("additional-fields[" + type + "]", String.join(",", names)));
    if (!include.isEmpty()) parameters.put("include", String.join(",", include));
    return parameters;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof QueryOptions that && toQueryParameters().equals(that.toQueryParameters());
  }

  @Override
  public int hashCode() {
    return toQueryParameters().hashCode();
  }

  @Override
  public String toString() {
    return "QueryOptions" + toQueryParameters();
  }

  private static Map<String, List<String>> freeze(Map<String, List<String>> map) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return Collections.unmodifiableMap(copy);
  }

  /** Builds {@link QueryOptions}. Setting a value twice replaces it. */
  public static final class Builder {
    private Filter filter;
    private String sort;
    private Integer pageSize;
    private final Map<String, List<String>> fields = new LinkedHashMap<>();
    private final Map<String, List<String>> additionalFields = new LinkedHashMap<>();
    private final List<String> include = new ArrayList<>();

    private Builder() {}

    private Builder(QueryOptions options) {
      filter = options.filter;
      sort = options.sort;
      pageSize = options.pageSize;
      fields.putAll(options.fields);
      additionalFields.putAll(options.additionalFields);
      include.addAll(options.include);
    }

    /**
     * Sets the filter; null removes it.
     *
     * @param filter the filter, or null for none
     * @return this builder
     */
    public Builder filter(Filter filter) {
      this.filter = filter;
      return this;
    }

    /**
     * Sets the sort value, such as {@code updated} or {@code -updated}; null removes it.
     *
     * @param sort the sort field, {@code -} first for descending, or null for none
     * @return this builder
     */
    public Builder sort(String sort) {
      this.sort = sort;
      return this;
    }

    /**
     * Sorts ascending by {@code field}.
     *
     * @param field the field to sort by
     * @return this builder
     */
    public Builder sortAscending(String field) {
      return sort(field);
    }

    /**
     * Sorts descending by {@code field}.
     *
     * @param field the field to sort by
     * @return this builder
     */
    public Builder sortDescending(String field) {
      return sort("-" + field);
    }

    /**
     * Sets {@code page[size]}; null removes it.
     *
     * @param pageSize the page size, or null for the endpoint's default
     * @return this builder
     */
    public Builder pageSize(Integer pageSize) {
      this.pageSize = pageSize;
      return this;
    }

    /**
     * Requests only {@code names} of resources of {@code type}: {@code fields[type]=a,b}.
     *
     * @param type the resource type, such as {@code profile}
     * @param names the field names
     * @return this builder
     */
    public Builder fields(String type, String... names) {
      return fields(type, List.of(names));
    }

    /**
     * Requests only {@code names} of resources of {@code type}; an empty collection removes the fieldset.
     *
     * @param type the resource type, such as {@code profile}
     * @param names the field names
     * @return this builder
     */
    public Builder fields(String type, Collection<String> names) {
      put(fields, type, names);
      return this;
    }

    /**
     * Requests {@code names} in addition to the default fields: {@code additional-fields[type]=a,b}.
     *
     * @param type the resource type, such as {@code profile}
     * @param names the field names
     * @return this builder
     */
    public Builder additionalFields(String type, String... names) {
      return additionalFields(type, List.of(names));
    }

    /**
     * Requests {@code names} in addition to the default fields; an empty collection removes them.
     *
     * @param type the resource type, such as {@code profile}
     * @param names the field names
     * @return this builder
     */
    public Builder additionalFields(String type, Collection<String> names) {
      put(additionalFields, type, names);
      return this;
    }

    /**
     * Includes the related resources {@code relationships}, replacing earlier ones.
     *
     * @param relationships the relationship names, such as {@code lists}
     * @return this builder
     */
    public Builder include(String... relationships) {
      return include(List.of(relationships));
    }

    /**
     * Includes the related resources {@code relationships}, replacing earlier ones.
     *
     * @param relationships the relationship names, such as {@code lists}
     * @return this builder
     */
    public Builder include(Collection<String> relationships) {
      include.clear();
      for (String relationship : relationships) {
        if (relationship == null || relationship.isEmpty()) throw new IllegalArgumentException("empty include");
        if (!include.contains(relationship)) include.add(relationship);
      }
      return this;
    }

    /** {@return the options} */
    public QueryOptions build() {
      return new QueryOptions(this);
    }

    private static void put(Map<String, List<String>> map, String type, Collection<String> names) {
      if (type == null || type.isEmpty()) throw new IllegalArgumentException("resource type is empty");
      if (names.isEmpty()) {
        map.remove(type);
        return;
      }
      Set<String> distinct = new LinkedHashSet<>();
      for (String name : names) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("empty field name for " + type);
        distinct.add(name);
      }
      map.put(type, new ArrayList<>(distinct));
    }
  }
}
