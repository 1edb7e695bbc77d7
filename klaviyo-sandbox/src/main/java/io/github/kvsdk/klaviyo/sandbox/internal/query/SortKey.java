package io.github.kvsdk.klaviyo.sandbox.internal.query;

import java.time.Instant;

/**
 * A position in a listing order: the sort field's value, then the id as tie-breaker. Orders exactly like
 * the comparator of {@link ListQuery} ({@link Values#compareSame} with nulls first, then id), so an
 * {@link OrderedIndex} and a sorted copy of the same items agree element for element.
 *
 * <p>The ids {@link #LOWEST_ID} and {@link #HIGHEST_ID} mark the positions just before and just after every
 * object holding one value; they bound ranges such as {@code greater-than(datetime, t)}.
 */
public record SortKey(Object value, String id) implements Comparable<SortKey> {
  /** Orders before every real id (ids are never empty). */
  static final String LOWEST_ID = "";
  /** Orders after every real id (Klaviyo ids are ASCII). */
  static final String HIGHEST_ID = "\uffff";

  static SortKey before(Object value) {
    return new SortKey(value, LOWEST_ID);
  }

  static SortKey after(Object value) {
    return new SortKey(value, HIGHEST_ID);
  }

  @Override
  public int compareTo(SortKey other) {
    int c;
    // Fast paths with the same outcome as Values.compareSame for the common key types.
    if (value instanceof Instant a && other.value instanceof Instant b) {
      c = a.compareTo(b);
    } else if (value instanceof Long a && other.value instanceof Long b) {
      c = Long.compare(a, b);
    } else {
      c = Values.compareSame(value, other.value);
    }
    return c != 0 ? c : id.compareTo(other.id);
  }
}
