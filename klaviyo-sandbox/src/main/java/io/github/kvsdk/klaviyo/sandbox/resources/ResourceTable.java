package io.github.kvsdk.klaviyo.sandbox.resources;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** All stored objects of one type. Thread-safe; reads never block. */
public final class ResourceTable {
  private final String type;
  private final Map<String, Resource> byId = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();

  ResourceTable(String type) {
    this.type = type;
  }

  /** The JSON:API type stored here. */
  public String type() {
    return type;
  }

  /** How many objects are stored. */
  public int count() {
    return byId.size();
  }

  /** The object with {@code id}, if stored. */
  public Optional<Resource> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Whether an object with {@code id} is stored. */
  public boolean contains(String id) {
    return byId.containsKey(id);
  }

  /** A snapshot of all objects in insertion order. */
  public List<Resource> all() {
    List<Resource> list = new ArrayList<>(byId.values());
    list.sort(Comparator.comparingLong(Resource::sequence));
    return list;
  }

  /** A snapshot of all objects in no particular order (cheaper than {@link #all()}). */
  public List<Resource> unordered() {
    return new ArrayList<>(byId.values());
  }

  Resource find(String id) {
    return byId.get(id);
  }

  Resource insert(String id, Map<String, Object> attributes, Map<String, List<String>> relationships) {
    Resource r = new Resource(type, id, sequence.incrementAndGet(), attributes, relationships);
    if (byId.putIfAbsent(id, r) != null) {
      throw new IllegalStateException("Duplicate " + type + " id " + id);
    }
    return r;
  }

  Resource remove(String id) {
    return byId.remove(id);
  }

  /** Removes every object. */
  void clear() {
    byId.clear();
  }
}
