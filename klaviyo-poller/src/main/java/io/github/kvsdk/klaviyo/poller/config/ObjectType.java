package io.github.kvsdk.klaviyo.poller.config;

import static io.github.kvsdk.klaviyo.poller.config.FilterOperator.EQUALS;
import static io.github.kvsdk.klaviyo.poller.config.FilterOperator.GREATER_OR_EQUAL;
import static io.github.kvsdk.klaviyo.poller.config.FilterOperator.GREATER_THAN;
import static io.github.kvsdk.klaviyo.poller.config.FilterOperator.LESS_OR_EQUAL;
import static io.github.kvsdk.klaviyo.poller.config.FilterOperator.LESS_THAN;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Klaviyo list endpoints that can be polled for new and updated objects: those whose listing
 * can be both filtered and sorted on a creation or update timestamp.
 *
 * <p>The fields and operators are the ones the {@code filter} parameter description of revision
 * 2024-10-15 allows (a test checks this table against the packaged spec). Endpoints whose
 * timestamps cannot be filtered (metrics, catalog items, coupons, tags, webhooks) are not pollable.
 */
public enum ObjectType {
  PROFILES("profiles", "/api/profiles", 100, 0,
      field("created", GREATER_THAN, LESS_THAN),
      field("updated", GREATER_THAN, LESS_THAN)),
  EVENTS("events", "/api/events", 0, 200,
      field("datetime", GREATER_OR_EQUAL, GREATER_THAN, LESS_OR_EQUAL, LESS_THAN)),
  CAMPAIGNS("campaigns", "/api/campaigns", 0, 0,
      field("created_at", GREATER_OR_EQUAL, GREATER_THAN, LESS_OR_EQUAL, LESS_THAN),
      field("updated_at", GREATER_OR_EQUAL, GREATER_THAN, LESS_OR_EQUAL, LESS_THAN)),
  LISTS("lists", "/api/lists", 0, 10,
      field("created", GREATER_THAN),
      field("updated", GREATER_THAN)),
  SEGMENTS("segments", "/api/segments", 0, 10,
      field("created", GREATER_THAN),
      field("updated", GREATER_THAN)),
  TEMPLATES("templates", "/api/templates", 0, 10,
      field("created", EQUALS, GREATER_OR_EQUAL, GREATER_THAN, LESS_OR_EQUAL, LESS_THAN),
      field("updated", EQUALS, GREATER_OR_EQUAL, GREATER_THAN, LESS_OR_EQUAL, LESS_THAN)),
  UNIVERSAL_CONTENT("universal-content", "/api/template-universal-content", 100, 0,
      field("created", GREATER_OR_EQUAL, GREATER_THAN, LESS_OR_EQUAL, LESS_THAN),
      field("updated", GREATER_OR_EQUAL, GREATER_THAN, LESS_OR_EQUAL, LESS_THAN)),
  IMAGES("images", "/api/images", 100, 0,
      field("updated_at", GREATER_OR_EQUAL, GREATER_THAN, LESS_OR_EQUAL, LESS_THAN)),
  FLOWS("flows", "/api/flows", 50, 0,
      field("created", EQUALS, GREATER_OR_EQUAL, GREATER_THAN, LESS_OR_EQUAL, LESS_THAN),
      field("updated", EQUALS, GREATER_OR_EQUAL, GREATER_THAN, LESS_OR_EQUAL, LESS_THAN)),
  FORMS("forms", "/api/forms", 100, 0,
      field("created_at", GREATER_OR_EQUAL, GREATER_THAN, LESS_OR_EQUAL, LESS_THAN),
      field("updated_at", GREATER_OR_EQUAL, GREATER_THAN, LESS_OR_EQUAL, LESS_THAN)),
  REVIEWS("reviews", "/api/reviews", 100, 0,
      field("created", GREATER_OR_EQUAL, LESS_OR_EQUAL));

  private final String configName;
  private final String path;
  private final int maxPageSize;
  private final int fixedPageSize;
  private final Map<String, Set<FilterOperator>> timestampFields;

  @SafeVarargs
  ObjectType(String configName, String path, int maxPageSize, int fixedPageSize,
      Map.Entry<String, Set<FilterOperator>>... fields) {
    this.configName = configName;
    this.path = path;
    this.maxPageSize = maxPageSize;
    this.fixedPageSize = fixedPageSize;
    Map<String, Set<FilterOperator>> map = new LinkedHashMap<>();
    for (Map.Entry<String, Set<FilterOperator>> entry : fields) {
      map.put(entry.getKey(), entry.getValue());
    }
    this.timestampFields = Collections.unmodifiableMap(map);
  }

  private static Map.Entry<String, Set<FilterOperator>> field(String name, FilterOperator... ops) {
    return Map.entry(name, Collections.unmodifiableSet(EnumSet.copyOf(Arrays.asList(ops))));
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
    return maxPageSize > 0;
  }

  /** The largest {@code page[size]} the endpoint accepts, or 0 if it has no such parameter. */
  public int maxPageSize() {
    return maxPageSize;
  }

  /**
   * The page size the endpoint always uses, as its description documents it; 0 if it takes {@code
   * page[size]} or Klaviyo does not document it (campaigns).
   */
  public int fixedPageSize() {
    return fixedPageSize;
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
    return timestampFields.keySet();
  }

  /** The filter operators the spec allows on {@code field}; empty if it is not a timestamp field. */
  public Set<FilterOperator> operators(String field) {
    return timestampFields.getOrDefault(field, Set.of());
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
