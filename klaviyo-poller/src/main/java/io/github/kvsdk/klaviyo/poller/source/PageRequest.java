package io.github.kvsdk.klaviyo.poller.source;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A request for one page: either the first page of a query ({@link #path()} plus {@link
 * #query()}), or a following page named by the previous page's {@code links.next}.
 *
 * @param path the list endpoint, e.g. {@code /api/profiles}; set for first pages
 * @param query the query parameters of a first page, e.g. {@code filter}, {@code sort}
 * @param nextUrl the full {@code links.next} URL of a following page, or null
 * @param timestampField the attribute each object's timestamp is read from
 */
public record PageRequest(String path, Map<String, String> query, String nextUrl,
    String timestampField) {
  /**
   * Creates a request; use {@link #first} or {@link #next}.
   *
   * @param path the list endpoint of a first page, or null
   * @param query the query parameters of a first page; null for none
   * @param nextUrl the full {@code links.next} URL of a following page, or null
   * @param timestampField the attribute each object's timestamp is read from
   * @throws IllegalArgumentException unless exactly one of {@code path} and {@code nextUrl} is set
   */
  public PageRequest {
    Objects.requireNonNull(timestampField, "timestampField");
    if ((path == null) == (nextUrl == null)) {
      throw new IllegalArgumentException("exactly one of path and nextUrl must be set");
    }
    query = query == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(query));
  }

  /**
   * The first page of a query.
   *
   * @param path the list endpoint, e.g. {@code /api/profiles}
   * @param query the query parameters, e.g. {@code filter}, {@code sort}
   * @param timestampField the attribute each object's timestamp is read from
   * @return the request
   */
  public static PageRequest first(String path, Map<String, String> query, String timestampField) {
    return new PageRequest(path, query, null, timestampField);
  }

  /**
   * A following page.
   *
   * @param nextUrl the previous page's {@code links.next}, a full URL
   * @param timestampField the attribute each object's timestamp is read from
   * @return the request
   */
  public static PageRequest next(String nextUrl, String timestampField) {
    return new PageRequest(null, Map.of(), nextUrl, timestampField);
  }

  /** {@return true for the first page of a query, false for a page named by {@code links.next}} */
  public boolean isFirstPage() {
    return nextUrl == null;
  }
}
