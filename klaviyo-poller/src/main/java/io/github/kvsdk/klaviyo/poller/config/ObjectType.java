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
  /** Profiles ({@code /api/profiles}), on {@code created} or {@code updated}. */
  PROFILES("profiles", "/api/profiles", "get_profiles", "created", "updated"),
  /** Events ({@code /api/events}), on {@code datetime}. */
  EVENTS("events", "/api/events", "get_events", "datetime"),
  /** Campaigns of one channel ({@code /api/campaigns}), on {@code created_at} or {@code updated_at}. */
  CAMPAIGNS("campaigns", "/api/campaigns", "get_campaigns", "created_at", "updated_at"),
  /** Lists ({@code /api/lists}), on {@code created} or {@code updated}. */
  LISTS("lists", "/api/lists", "get_lists", "created", "updated"),
  /** Segments ({@code /api/segments}), on {@code created} or {@code updated}. */
  SEGMENTS("segments", "/api/segments", "get_segments", "created", "updated"),
  /** Templates ({@code /api/templates}), on {@code created} or {@code updated}. */
  TEMPLATES("templates", "/api/templates", "get_templates", "created", "updated"),
  /** Universal content blocks ({@code /api/template-universal-content}), on {@code created} or {@code updated}. */
  UNIVERSAL_CONTENT("universal-content", "/api/template-universal-content", "get_all_universal_content",
      "created", "updated"),
  /** Images ({@code /api/images}), on {@code updated_at}. */
  IMAGES("images", "/api/images", "get_images", "updated_at"),
  /** Flows ({@code /api/flows}), on {@code created} or {@code updated}. */
  FLOWS("flows", "/api/flows", "get_flows", "created", "updated"),
  /** Sign-up forms ({@code /api/forms}), on {@code created_at} or {@code updated_at}. */
  FORMS("forms", "/api/forms", "get_forms", "created_at", "updated_at"),
  /** Reviews ({@code /api/reviews}), on {@code created}. */
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

  /** {@return the spec's operation id of the listing, e.g. {@code get_profiles}} */
  public String operationId() {
    return operationId;
  }

  /** {@return the name used in configuration and on the command line, e.g. {@code profiles}} */
  public String configName() {
    return configName;
  }

  /** {@return the list endpoint's path, e.g. {@code /api/profiles}} */
  public String path() {
    return path;
  }

  /** {@return true if the endpoint takes {@code page[size]}; otherwise its page size is fixed by Klaviyo} */
  public boolean supportsPageSize() {
    return facts().maxPageSize() > 0;
  }

  /** {@return the largest {@code page[size]} the endpoint accepts, or 0 if it has no such parameter} */
  public int maxPageSize() {
    return facts().maxPageSize();
  }

  /**
   * {@return the page size the endpoint always uses, as its description documents it; 0 if it takes {@code
   * page[size]} or Klaviyo does not document it (campaigns)}
   */
  public int fixedPageSize() {
    return facts().fixedPageSize();
  }

  /**
   * {@return false for campaigns, whose listings Klaviyo has been seen to return slightly out of order: the
   * poller then reads each window whole instead of trusting that a page completes the seconds before
   * its newest row}
   */
  public boolean listsInOrder() {
    return this != CAMPAIGNS;
  }

  /** {@return true if Klaviyo requires a {@code messages.channel} filter on this listing (campaigns)} */
  public boolean requiresChannel() {
    return this == CAMPAIGNS;
  }

  /** {@return the timestamp fields that can be polled on, in spec order} */
  public Set<String> timestampFields() {
    return facts().timestampFields().keySet();
  }

  /**
   * The filter operators the spec allows on {@code field}.
   *
   * @param field an attribute name, such as {@code updated}
   * @return the operators; empty if {@code field} is not a timestamp field of this type
   */
  public Set<FilterOperator> operators(String field) {
    return facts().timestampFields().getOrDefault(field, Set.of());
  }

  /**
   * Parses a configured object type name such as {@code profiles} (case-insensitive, surrounding blanks
   * ignored).
   *
   * @param value the configured name
   * @return the object type
   * @throws InvalidConfigurationException naming {@code object-type} if no type has that name
   */
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
