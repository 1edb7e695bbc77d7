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
  public PageRequest {
    Objects.requireNonNull(timestampField, "timestampField");
    if ((path == null) == (nextUrl == null)) {
      throw new IllegalArgumentException("exactly one of path and nextUrl must be set");
    }
    query = query == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(query));
  }

  public static PageRequest first(String path, Map<String, String> query, String timestampField) {
    return new PageRequest(path, query, null, timestampField);
  }

  public static PageRequest next(String nextUrl, String timestampField) {
    return new PageRequest(null, Map.of(), nextUrl, timestampField);
  }

  public boolean isFirstPage() {
    return nextUrl == null;
  }
}
