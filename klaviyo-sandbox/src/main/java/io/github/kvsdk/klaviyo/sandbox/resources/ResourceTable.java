package io.github.kvsdk.klaviyo.sandbox.resources;

import io.github.kvsdk.klaviyo.sandbox.internal.query.IndexedItems;
import io.github.kvsdk.klaviyo.sandbox.internal.query.OrderedIndex;
import io.github.kvsdk.klaviyo.sandbox.internal.query.SortKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * All stored objects of one type. Thread-safe; reads never block.
 *
 * <p>Listings read the table through {@link OrderedIndex}es, one per sort field (plus insertion order),
 * built on first use and then kept current by every write, so a page costs O(log n + page) however large
 * the table. Writes are serialised on the table so an index always holds each object under its current
 * value.
 */
public final class ResourceTable {
  /** The index key of insertion order. */
  private static final String INSERTION_ORDER = "\u0000sequence";

  private final String type;
  private final Map<String, Resource> byId = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  private final Map<String, OrderedIndex<Resource>> indexes = new ConcurrentHashMap<>();

  ResourceTable(String type) {
    this.type = type;
  }

  /** {@return the JSON:API type stored here} */
  public String type() {
    return type;
  }

  /** {@return how many objects are stored} */
  public int count() {
    return byId.size();
  }

  /**
   * {@return the object with {@code id}, if stored}
   *
   * @param id the object's id
   */
  public Optional<Resource> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /**
   * {@return whether an object with {@code id} is stored}
   *
   * @param id the object's id
   */
  public boolean contains(String id) {
    return byId.containsKey(id);
  }

  /** {@return a snapshot of all objects in insertion order} */
  public List<Resource> all() {
    List<Resource> list = new ArrayList<>(byId.values());
    list.sort(Comparator.comparingLong(Resource::sequence));
    return list;
  }

  /** {@return a snapshot of all objects in no particular order (cheaper than {@link #all()})} */
  public List<Resource> unordered() {
    return new ArrayList<>(byId.values());
  }

  /** {@return the table as listing queries read it: ordered by a field, through {@link #orderedBy}} */
  IndexedItems<Resource> indexed() {
    return this::orderedBy;
  }

  /**
   * The objects ordered by attribute {@code field} ({@code id} for the id) then id, or by insertion order
   * when {@code field} is null. The index is built on the first call and maintained from then on.
   */
  OrderedIndex<Resource> orderedBy(String field) {
    String name = field == null ? INSERTION_ORDER : field;
    OrderedIndex<Resource> index = indexes.get(name);
    if (index != null) {
      return index;
    }
    synchronized (this) {
      return indexes.computeIfAbsent(name, n -> {
        return new OrderedIndex<>(valueOf(field), Resource::id, byId.values());
      });
    }
  }

  private static Function<Resource, Object> valueOf(String field) {
    if (field == null) {
      return Resource::sequence;
    }
    if (field.equals("id")) {
      return Resource::id;
    }
    return r -> r.attribute(field);
  }

  Resource find(String id) {
    return byId.get(id);
  }

  Resource insert(String id, Map<String, Object> attributes, Map<String, List<String>> relationships) {
    synchronized (this) {
      Resource r = new Resource(type, id, sequence.incrementAndGet(), attributes, relationships);
      if (byId.putIfAbsent(id, r) != null) {
        throw new IllegalStateException("Duplicate " + type + " id " + id);
      }
      for (OrderedIndex<Resource> index : indexes.values()) {
        index.add(r);
      }
      return r;
    }
  }

  /** Replaces the attributes of stored object {@code r}, moving it within every index. */
  void replaceAttributes(Resource r, Map<String, Object> next) {
    synchronized (this) {
      List<SortKey> before = new ArrayList<>(indexes.size());
      List<OrderedIndex<Resource>> current = List.copyOf(indexes.values());
      for (OrderedIndex<Resource> index : current) {
        before.add(index.keyOf(r));
      }
      r.replaceAttributes(next);
      if (byId.get(r.id()) != r) {
        return; // Not (or no longer) stored: nothing to index.
      }
      for (int i = 0; i < current.size(); i++) {
        OrderedIndex<Resource> index = current.get(i);
        SortKey after = index.keyOf(r);
        if (!after.equals(before.get(i))) {
          // Add before removing so a concurrent reader never misses the object.
          index.add(r);
          index.remove(before.get(i));
        }
      }
    }
  }

  Resource remove(String id) {
    synchronized (this) {
      Resource r = byId.remove(id);
      if (r != null) {
        for (OrderedIndex<Resource> index : indexes.values()) {
          index.remove(index.keyOf(r));
        }
      }
      return r;
    }
  }

  /** Removes every object. */
  void clear() {
    synchronized (this) {
      byId.clear();
      indexes.values().forEach(OrderedIndex::clear);
    }
  }
}
