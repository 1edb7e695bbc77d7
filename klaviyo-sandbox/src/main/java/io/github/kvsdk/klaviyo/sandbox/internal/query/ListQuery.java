package io.github.kvsdk.klaviyo.sandbox.internal.query;

import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiException;
import io.github.kvsdk.klaviyo.sandbox.internal.spec.Operation;
import io.github.kvsdk.klaviyo.sandbox.internal.spec.PageSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Runs a collection request the way Klaviyo does: validates and applies {@code filter}, orders by
 * {@code sort} (or insertion order), and cuts one page by keyset cursor.
 */
public final class ListQuery {
  private ListQuery() {}

  /** One page of results with the cursors for the neighbouring pages (null when there is none). */
  public record Page<T>(List<T> items, String nextCursor, String previousCursor) {}

  /**
   * {@return the filter of a request, validated against {@code operation}; null when the request has none}
   *
   * @param operation the spec operation of the request, whose filter rules apply
   * @param query the decoded query parameters
   */
  public static FilterExpression filter(Operation operation, Map<String, String> query) {
    String text = query.get("filter");
    if (text == null) {
      if (operation.filterRequired()) {
        throw ApiException.invalidParameter("filter", "A filter is required for this endpoint.");
      }
      return null;
    }
    if (!operation.queryParameters().contains("filter")) {
      throw ApiException.invalidParameter("filter", "This endpoint does not support filtering.");
    }
    FilterExpression expression = FilterParser.parse(text);
    // No rules for a filter the endpoint takes: the spec words them in a way the catalogue cannot read.
    if (!operation.filterRules().isEmpty()) {
      Filters.validate(expression, operation.filterRules());
    }
    Filters.checkValueTypes(expression, operation.filterValueTypes());
    return expression;
  }

  /**
   * Filters, sorts and pages {@code items}.
   *
   * @param <T> the type of the listed items
   * @param items every item of the collection, in insertion order
   * @param operation the spec operation of the request, whose filter, sort and page rules apply
   * @param query the decoded query parameters
   * @param access reads filter and sort fields
   * @param id the tie-breaking id of an item
   * @param sequence the default order of an item (insertion order)
   * @return the requested page and the cursors of the pages around it
   */
  public static <T> Page<T> run(List<T> items, Operation operation, Map<String, String> query,
      FieldAccess<T> access, Function<T, String> id, ToLongFunction<T> sequence) {
    FilterExpression filter = filter(operation, query);
    return run(items, operation, query, filter == null ? t -> true : Filters.predicate(filter, access), access, id,
        sequence);
  }

  /**
   * {@return as {@link #run(List, Operation, Map, FieldAccess, Function, ToLongFunction)}, with a ready predicate}
   *
   * @param <T> the type of the listed items
   * @param items every item of the collection, in insertion order
   * @param operation the spec operation of the request, whose sort and page rules apply
   * @param query the decoded query parameters
   * @param predicate the filter, already parsed and validated
   * @param access reads sort fields
   * @param id the tie-breaking id of an item
   * @param sequence the default order of an item (insertion order)
   */
  public static <T> Page<T> run(List<T> items, Operation operation, Map<String, String> query,
      Predicate<T> predicate, FieldAccess<T> access, Function<T, String> id, ToLongFunction<T> sequence) {
    int size = pageSize(operation, query);
    Function<T, Object> key;
    boolean descending = false;
    String sort = query.get("sort");
    if (sort != null) {
      if (!operation.sortValues().contains(sort)) {
        throw ApiException.invalidParameter("sort", "'" + sort + "' is not a valid sort value; allowed values: "
            + operation.sortValues() + ".");
      }
      descending = sort.startsWith("-");
      String field = descending ? sort.substring(1) : sort;
      key = t -> access.get(t, field);
    } else {
      key = t -> sequence.applyAsLong(t);
    }
    Comparator<T> order = (a, b) -> {
      int c = Values.compareSame(key.apply(a), key.apply(b));
      return c != 0 ? c : id.apply(a).compareTo(id.apply(b));
    };
    if (descending) {
      order = order.reversed();
    }
    List<T> matching = new ArrayList<>();
    for (T t : items) {
      if (predicate.test(t)) {
        matching.add(t);
      }
    }
    matching.sort(order);

    String cursorText = query.get("page[cursor]");
    int from = 0;
    int to = Math.min(size, matching.size());
    if (cursorText != null) {
      Cursor cursor = Cursor.decode(cursorText);
      boolean desc = descending;
      // Position of the first item ordered after the cursor's boundary.
      int boundary = firstAfter(matching, t -> {
        int c = Values.compareSame(key.apply(t), cursor.key());
        c = c != 0 ? c : id.apply(t).compareTo(cursor.id());
        return desc ? -c : c;
      });
      if (cursor.forward()) {
        from = boundary;
        to = Math.min(from + size, matching.size());
      } else {
        // Items strictly before the boundary item.
        int end = firstAtOrAfter(matching, t -> {
          int c = Values.compareSame(key.apply(t), cursor.key());
          c = c != 0 ? c : id.apply(t).compareTo(cursor.id());
          return desc ? -c : c;
        });
        to = end;
        from = Math.max(0, end - size);
      }
    }
    List<T> page = List.copyOf(matching.subList(from, to));
    String next = null;
    String prev = null;
    if (to < matching.size() && !page.isEmpty()) {
      T last = page.get(page.size() - 1);
      next = new Cursor(true, key.apply(last), id.apply(last)).encode();
    }
    if (from > 0 && !page.isEmpty()) {
      T first = page.get(0);
      prev = new Cursor(false, key.apply(first), id.apply(first)).encode();
    }
    return new Page<>(page, next, prev);
  }

  /**
   * As {@link #run(List, Operation, Map, FieldAccess, Function, ToLongFunction)}, reading the items from an
   * index ordered by the requested sort field instead of sorting a copy: the page is cut by walking the index
   * from the cursor (narrowed by the filter's bounds on the sort field), so a request costs O(log n + page)
   * when the filter matches most items in that range. Results are identical to the list form.
   *
   * @param <T> the type of the listed items
   * @param items the collection, with its indexes by sort field
   * @param operation the spec operation of the request, whose filter, sort and page rules apply
   * @param query the decoded query parameters
   * @param access reads filter fields; for the sort fields it must read what {@code items} indexes
   * @return the requested page and the cursors of the pages around it
   */
  public static <T> Page<T> run(IndexedItems<T> items, Operation operation, Map<String, String> query,
      FieldAccess<T> access) {
    FilterExpression filter = filter(operation, query);
    Predicate<T> predicate = filter == null ? t -> true : Filters.predicate(filter, access);
    int size = pageSize(operation, query);
    String field = sortField(operation, query);
    boolean descending = field != null && query.get("sort").startsWith("-");
    OrderedIndex<T> index = items.orderedBy(field);
    NavigableMap<SortKey, T> view = narrow(index, field, filter);
    if (descending) {
      view = view.descendingMap();
    }
    String cursorText = query.get("page[cursor]");
    Cursor cursor = cursorText == null ? null : Cursor.decode(cursorText);
    long limit = size == Integer.MAX_VALUE ? Long.MAX_VALUE : size + 1L;
    List<Map.Entry<SortKey, T>> page;
    boolean hasNext;
    boolean hasPrevious;
    if (cursor == null) {
      page = matching(view, predicate, limit);
      hasNext = page.size() > size;
      hasPrevious = false;
    } else {
      SortKey boundary = new SortKey(cursor.key(), cursor.id());
      if (cursor.forward()) {
        page = matching(view.tailMap(boundary, false), predicate, limit);
        hasNext = page.size() > size;
        hasPrevious = !matching(view.headMap(boundary, true).descendingMap(), predicate, 1).isEmpty();
      } else {
        page = matching(view.headMap(boundary, false).descendingMap(), predicate, limit);
        hasPrevious = page.size() > size;
        hasNext = !matching(view.tailMap(boundary, true), predicate, 1).isEmpty();
        if (hasPrevious) {
          page = page.subList(0, size);
        }
        Collections.reverse(page);
      }
    }
    if (page.size() > size) {
      page = page.subList(0, size);
    }
    List<T> result = new ArrayList<>(page.size());
    for (Map.Entry<SortKey, T> e : page) {
      result.add(e.getValue());
    }
    String next = null;
    String prev = null;
    if (hasNext && !page.isEmpty()) {
      SortKey last = page.get(page.size() - 1).getKey();
      next = new Cursor(true, last.value(), last.id()).encode();
    }
    if (hasPrevious && !page.isEmpty()) {
      SortKey first = page.get(0).getKey();
      prev = new Cursor(false, first.value(), first.id()).encode();
    }
    return new Page<>(List.copyOf(result), next, prev);
  }

  /** The validated sort field of a request without its direction sign; null for insertion order. */
  private static String sortField(Operation operation, Map<String, String> query) {
    String sort = query.get("sort");
    if (sort == null) {
      return null;
    }
    if (!operation.sortValues().contains(sort)) {
      throw ApiException.invalidParameter("sort", "'" + sort + "' is not a valid sort value; allowed values: "
          + operation.sortValues() + ".");
    }
    return sort.startsWith("-") ? sort.substring(1) : sort;
  }

  /**
   * The ascending range of {@code index} that can hold matches of {@code filter}: AND-ed timestamp bounds on
   * the sort field cut the range. Only exact when every indexed value is an instant (then stored and filter
   * values compare as instants in both the filter and the index); otherwise the whole index.
   */
  private static <T> NavigableMap<SortKey, T> narrow(OrderedIndex<T> index, String field,
      FilterExpression filter) {
    NavigableMap<SortKey, T> all = index.ascending();
    if (field == null || filter == null || !index.instantsOnly()) {
      return all;
    }
    SortKey low = null;
    SortKey high = null;
    for (FilterExpression.Condition c : Filters.topLevelConditions(filter)) {
      if (!c.field().equals(field) || !(c.value() instanceof Instant v)) {
        continue;
      }
      SortKey from = null;
      SortKey to = null;
      switch (c.operator()) {
        case "greater-than" -> from = SortKey.after(v);
        case "greater-or-equal" -> from = SortKey.before(v);
        case "less-than" -> to = SortKey.before(v);
        case "less-or-equal" -> to = SortKey.after(v);
        case "equals" -> {
          from = SortKey.before(v);
          to = SortKey.after(v);
        }
        default -> { }
      }
      if (from != null && (low == null || from.compareTo(low) > 0)) {
        low = from;
      }
      if (to != null && (high == null || to.compareTo(high) < 0)) {
        high = to;
      }
    }
    if (low != null && high != null) {
      return low.compareTo(high) >= 0 ? Collections.emptyNavigableMap() : all.subMap(low, true, high, false);
    }
    if (low != null) {
      return all.tailMap(low, true);
    }
    if (high != null) {
      return all.headMap(high, false);
    }
    return all;
  }

  /** Up to {@code limit} entries of {@code view} that satisfy {@code predicate}, in view order. */
  private static <T> List<Map.Entry<SortKey, T>> matching(NavigableMap<SortKey, T> view, Predicate<T> predicate,
      long limit) {
    List<Map.Entry<SortKey, T>> found = new ArrayList<>();
    for (Map.Entry<SortKey, T> e : view.entrySet()) {
      if (found.size() >= limit) {
        break;
      }
      if (predicate.test(e.getValue())) {
        found.add(e);
      }
    }
    return found;
  }

  /**
   * {@return the page size of a request: {@code page[size]} within the operation's bounds, or its fixed size}
   *
   * @param operation the spec operation of the request
   * @param query the decoded query parameters
   */
  public static int pageSize(Operation operation, Map<String, String> query) {
    PageSpec page = operation.page();
    String requested = query.get("page[size]");
    if (page == null) {
      return Integer.MAX_VALUE;
    }
    if (requested == null) {
      return page.defaultSize();
    }
    if (!page.sizeParameter()) {
      throw ApiException.invalidParameter("page[size]", "'page[size]' is not a valid parameter for this endpoint.");
    }
    int n;
    try {
      n = Integer.parseInt(requested.trim());
    } catch (NumberFormatException e) {
      throw ApiException.invalidParameter("page[size]", "page[size] must be an integer, not '" + requested + "'.");
    }
    if (n < 1 || n > page.maxSize()) {
      throw ApiException.invalidParameter("page[size]",
          "page[size] must be between 1 and " + page.maxSize() + ", not " + n + ".");
    }
    return n;
  }

  /** Index of the first item whose comparison with the boundary is positive (binary search). */
  private static <T> int firstAfter(List<T> sorted, java.util.function.ToIntFunction<T> vsBoundary) {
    int lo = 0;
    int hi = sorted.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (vsBoundary.applyAsInt(sorted.get(mid)) > 0) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** Index of the first item whose comparison with the boundary is zero or positive. */
  private static <T> int firstAtOrAfter(List<T> sorted, java.util.function.ToIntFunction<T> vsBoundary) {
    int lo = 0;
    int hi = sorted.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (vsBoundary.applyAsInt(sorted.get(mid)) >= 0) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
