package io.github.kvsdk.klaviyo.sandbox.resources;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One stored object: its JSON:API type and id plus a snapshot of its attributes and to-one/to-many
 * relationship ids.
 *
 * <p>Snapshots are immutable and replaced as a whole on update, so readers never see a half-applied
 * change and need no lock. Timestamps are held as {@link java.time.Instant} and rendered in Klaviyo's
 * format.
 */
public final class Resource {
  private final String type;
  private final String id;
  private final long sequence;
  private volatile Map<String, Object> attributes;
  private volatile Map<String, List<String>> relationships;
  /** The last encoded single-resource document, valid while both snapshots and the base URL are unchanged. */
  private volatile Encoded encoded;

  /** An encoded document and the snapshots and base URL it was made from. */
  private record Encoded(Map<String, Object> attributes, Map<String, List<String>> relationships, String baseUrl,
      byte[] bytes) {}

  Resource(String type, String id, long sequence, Map<String, Object> attributes,
      Map<String, List<String>> relationships) {
    this.type = type;
    this.id = id;
    this.sequence = sequence;
    this.attributes = freeze(attributes);
    this.relationships = Collections.unmodifiableMap(new LinkedHashMap<>(relationships));
  }

  /**
   * {@return the JSON:API type, such as {@code profile}}
   */
  public String type() {
    return type;
  }

  /**
   * {@return the Klaviyo-format id}
   */
  public String id() {
    return id;
  }

  /**
   * Insertion order, unique per table; the default listing order.
   *
   * @return the order in which the object was stored
   */
  public long sequence() {
    return sequence;
  }

  /** {@return the current attributes (read-only snapshot)} */
  public Map<String, Object> attributes() {
    return attributes;
  }

  /**
   * One attribute, or null. Dotted names ({@code location.city}) walk nested objects.
   *
   * @param name the attribute or relationship name
   * @return the attribute's value, or null if absent
   */
  public Object attribute(String name) {
    Object value = attributes.get(name);
    if (value != null || name.indexOf('.') < 0) {
      return value;
    }
    Object current = attributes;
    for (String part : name.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(part);
    }
    return current;
  }

  /**
   * The related ids of relationship {@code name} (one element for to-one), never null.
   *
   * @param name the attribute or relationship name
   * @return the related ids, empty if none
   */
  public List<String> related(String name) {
    List<String> ids = relationships.get(name);
    return ids == null ? List.of() : ids;
  }

  /** {@return all stored relationships} */
  public Map<String, List<String>> relationships() {
    return relationships;
  }

  /**
   * The single-resource document last encoded for {@code baseUrl} by {@link #encoded(String, Map, Map, byte[])},
   * or null when the object changed since (snapshots are replaced on every change, so identity tells).
   */
  byte[] encoded(String baseUrl) {
    Encoded e = encoded;
    return e != null && e.attributes == attributes && e.relationships == relationships && e.baseUrl.equals(baseUrl)
        ? e.bytes : null;
  }

  /**
   * Keeps {@code bytes}, the document rendered from the snapshots {@code attributes} and
   * {@code relationships} (read before rendering, so a concurrent change only causes a miss).
   */
  void encoded(String baseUrl, Map<String, Object> attributes, Map<String, List<String>> relationships,
      byte[] bytes) {
    this.encoded = new Encoded(attributes, relationships, baseUrl, bytes);
  }

  void replaceAttributes(Map<String, Object> next) {
    this.attributes = freeze(next);
  }

  void replaceRelationships(Map<String, List<String>> next) {
    this.relationships = Collections.unmodifiableMap(new LinkedHashMap<>(next));
  }

  private static Map<String, Object> freeze(Map<String, Object> attributes) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  @Override
  public String toString() {
    return type + ":" + id;
  }
}
