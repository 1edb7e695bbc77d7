package io.github.kvsdk.klaviyo.poller.config;

import io.github.kvsdk.klaviyo.catalog.Operation;
import io.github.kvsdk.klaviyo.catalog.OperationCatalog;
import io.github.kvsdk.klaviyo.catalog.PageSize;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Klaviyo list endpoints that can be polled for new and updated objects: those whose listing
 * can be both filtered and sorted on a creation or update timestamp.
 *
 * <p>The table names each endpoint's operation and the timestamp fields the poller offers; what the
 * endpoint accepts (the filter operators on each field, its page size) is read from the SDK's operation
 * catalogue, which is derived from the spec the SDK was built for. A field a revision no longer lets the
 * listing filter on is then not offered. Endpoints whose timestamps cannot be filtered (metrics, catalog
 * items, coupons, tags, webhooks) are not pollable.
 */
public enum ObjectType {
  PROFILES("profiles", "/api/profiles", "get_profiles", "created", "updated"),
  EVENTS("events", "/api/events", "get_events", "datetime"),
  CAMPAIGNS("campaigns", "/api/campaigns", "get_campaigns", "created_at", "updated_at"),
  LISTS("lists", "/api/lists", "get_lists", "created", "updated"),
  SEGMENTS("segments", "/api/segments", "get_segments", "created", "updated"),
  TEMPLATES("templates", "/api/templates", "get_templates", "created", "updated"),
  UNIVERSAL_CONTENT("universal-content", "/api/template-universal-content", "get_all_universal_content",
      "created", "updated"),
  IMAGES("images", "/api/images", "get_images", "updated_at"),
  FLOWS("flows", "/api/flows", "get_flows", "created", "updated"),
  FORMS("forms", "/api/forms", "get_forms", "created_at", "updated_at"),
  REVIEWS("reviews", "/api/reviews", "get_reviews", "created");

  private final String configName;
  private final String path;
  private final String operationId;
  private final List<String> candidateFields;
  private volatile Facts facts;

  ObjectType(String configName, String path, String operationId, String... candidateFields) {
    this.configName = configName;
    this.path = path;
    this.operationId = operationId;
    this.candidateFields = List.of(candidateFields);
  }

  /** What the catalogue says of this listing, read once. */
  private record Facts(int maxPageSize, int fixedPageSize, Map<String, Set<FilterOperator>> timestampFields) {}

  private Facts facts() {
    Facts f = facts;
    if (f == null) facts = f = readFacts();
    return f;
  }

  private Facts readFacts() {
    Operation operation = OperationCatalog.packaged().find(operationId).orElse(null);
    if (operation == null) return new Facts(0, 0, Map.of()); // not in this revision: nothing to poll on
    PageSize size = operation.pageSize().orElse(null);
    int max = size != null && size.adjustable() ? size.maxSize() : 0;
    int fixed = size != null && !size.adjustable() ? size.maxSize() : 0;
    Map<String, Set<FilterOperator>> fields = new LinkedHashMap<>();
    for (String field : candidateFields) {
      Set<FilterOperator> operators = EnumSet.noneOf(FilterOperator.class);
      for (var allowed : operation.filterRules().operators(field)) {
        for (FilterOperator ours : FilterOperator.values()) {
          if (ours.wireName().equals(allowed.wireName())) operators.add(ours);
        }
      }
      if (!operators.isEmpty()) fields.put(field, Collections.unmodifiableSet(operators));
    }
    return new Facts(max, fixed, Collections.unmodifiableMap(fields));
  }

  /** The spec's operation id of the listing, e.g. {@code get_profiles}. */
  public String operationId() {
    return operationId;
  }

  /** The name used in configuration and on the command line, e.g. {@code profiles}. */
  public String configName() {
    return configName;
  }

  /** The list endpoint's path, e.g. {@code /api/profiles}. */
  public String path() {
    return path;
  }

  /** True if the endpoint takes {@code page[size]}; otherwise its page size is fixed by Klaviyo. */
  public boolean supportsPageSize() {
    return facts().maxPageSize() > 0;
  }

  /** The largest {@code page[size]} the endpoint accepts, or 0 if it has no such parameter. */
  public int maxPageSize() {
    return facts().maxPageSize();
  }

  /**
   * The page size the endpoint always uses, as its description documents it; 0 if it takes {@code
   * page[size]} or Klaviyo does not document it (campaigns).
   */
  public int fixedPageSize() {
    return facts().fixedPageSize();
  }

  /**
   * False for campaigns, whose listings Klaviyo has been seen to return slightly out of order: the
   * poller then reads each window whole instead of trusting that a page completes the seconds before
   * its newest row.
   */
  public boolean listsInOrder() {
    return this != CAMPAIGNS;
  }

  /** True if Klaviyo requires a {@code messages.channel} filter on this listing (campaigns). */
  public boolean requiresChannel() {
    return this == CAMPAIGNS;
  }

  /** The timestamp fields that can be polled on, in spec order. */
  public Set<String> timestampFields() {
    return facts().timestampFields().keySet();
  }

  /** The filter operators the spec allows on {@code field}; empty if it is not a timestamp field. */
  public Set<FilterOperator> operators(String field) {
    return facts().timestampFields().getOrDefault(field, Set.of());
  }

  /** Parses a configured object type name such as {@code profiles} (case-insensitive). */
  public static ObjectType parse(String value) {
    if (value != null) {
      String normalized = value.trim().toLowerCase(Locale.ROOT);
      for (ObjectType type : values()) {
        if (type.configName.equals(normalized)) return type;
      }
    }
    throw new InvalidConfigurationException("object-type",
        "must be one of " + names() + ", was " + EmitMode.quote(value));
  }

  static String names() {
    return Arrays.stream(values()).map(ObjectType::configName).collect(Collectors.joining(", "));
  }
}
