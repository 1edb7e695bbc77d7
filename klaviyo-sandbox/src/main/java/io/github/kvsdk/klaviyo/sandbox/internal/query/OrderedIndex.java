package io.github.kvsdk.klaviyo.sandbox.internal.query;

import java.time.Instant;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The items of one table kept in (sort value, id) order, so that a keyset page is found in O(log n + page)
 * instead of by filtering and sorting the whole table on every request.
 *
 * <p>Reads are lock-free. Writers must serialise {@link #add} and {@link #remove} with the changes of the
 * items' values: an item is removed under the key its current value gives.
 */
public final class OrderedIndex<T> {
  private final Function<T, Object> value;
  private final Function<T, String> id;
  private final ConcurrentSkipListMap<SortKey, T> items;
  /** Non-null keys that are not {@link Instant}s; while zero, timestamp filters can bound a range. */
  private final AtomicLong nonInstantKeys = new AtomicLong();

  /**
   * @param value the sort value of an item (the field as the listing reads it)
   * @param id the id of an item, the tie-breaker
   * @param initial the items to start with (ids unique)
   */
  public OrderedIndex(Function<T, Object> value, Function<T, String> id, Collection<T> initial) {
    this.value = value;
    this.id = id;
    // Sorting a list and handing it over as a sorted map builds the skip list in linear time after
    // the sort; at a million objects that halves the build compared with single puts.
    List<Map.Entry<SortKey, T>> entries = new ArrayList<>(initial.size());
    for (T item : initial) {
      SortKey key = keyOf(item);
      entries.add(new AbstractMap.SimpleImmutableEntry<>(key, item));
      if (key.value() != null && !(key.value() instanceof Instant)) {
        nonInstantKeys.incrementAndGet();
      }
    }
    entries.sort(Map.Entry.comparingByKey());
    this.items = new ConcurrentSkipListMap<>(new SortedEntries<>(entries));
  }

  /**
   * {@return the key of {@code item} under its current value}
   *
   * @param item an item of the collection
   */
  public SortKey keyOf(T item) {
    return new SortKey(value.apply(item), id.apply(item));
  }

  /**
   * Adds {@code item} under its current value.
   *
   * @param item an item of the collection, not yet in the index
   */
  public void add(T item) {
    SortKey key = keyOf(item);
    if (items.put(key, item) == null && key.value() != null && !(key.value() instanceof Instant)) {
      nonInstantKeys.incrementAndGet();
    }
  }

  /**
   * Removes the entry at {@code key}, if present.
   *
   * @param key a key {@link #keyOf} returned
   */
  public void remove(SortKey key) {
    if (items.remove(key) != null && key.value() != null && !(key.value() instanceof Instant)) {
      nonInstantKeys.decrementAndGet();
    }
  }

  /** Removes every entry. */
  public void clear() {
    items.clear();
    nonInstantKeys.set(0);
  }

  /** {@return how many entries are held} */
  public int size() {
    return items.size();
  }

  /** A live ascending view. */
  NavigableMap<SortKey, T> ascending() {
    return items;
  }

  /** Whether every non-null key is an {@link Instant}, so timestamp bounds map onto key ranges exactly. */
  boolean instantsOnly() {
    return nonInstantKeys.get() == 0;
  }

  /**
   * Ascending entries presented as a {@link SortedMap}, only as far as
   * {@link ConcurrentSkipListMap#ConcurrentSkipListMap(SortedMap)} reads one (entries and comparator).
   */
  private static final class SortedEntries<T> extends AbstractMap<SortKey, T> implements SortedMap<SortKey, T> {
    private final List<Map.Entry<SortKey, T>> entries;

    SortedEntries(List<Map.Entry<SortKey, T>> entries) {
      this.entries = entries;
    }

    @Override
    public Set<Map.Entry<SortKey, T>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Map.Entry<SortKey, T>> iterator() {
          return entries.iterator();
        }

        @Override
        public int size() {
          return entries.size();
        }
      };
    }

    @Override
    public Comparator<? super SortKey> comparator() {
      return null; // Natural order of SortKey.
    }

    @Override
    public SortedMap<SortKey, T> subMap(SortKey fromKey, SortKey toKey) {
      throw new UnsupportedOperationException();
    }

    @Override
    public SortedMap<SortKey, T> headMap(SortKey toKey) {
      throw new UnsupportedOperationException();
    }

    @Override
    public SortedMap<SortKey, T> tailMap(SortKey fromKey) {
      throw new UnsupportedOperationException();
    }

    @Override
    public SortKey firstKey() {
      return entries.get(0).getKey();
    }

    @Override
    public SortKey lastKey() {
      return entries.get(entries.size() - 1).getKey();
    }
  }
}
