package io.github.kvsdk.klaviyo.sandbox.resources;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * How one resource type is rendered: its collection path, its relationships, and the attributes that are
 * only returned on request ({@code additional-fields}).
 */
record Kind(String type, String path, List<Relationship> relationships, Set<String> additionalOnly) {
  /**
   * One relationship. {@code ids} resolves the related ids (null when the sandbox renders only links);
   * {@code alwaysData} says whether {@code data} is rendered even when the relationship is not included.
   */
  record Relationship(String name, String targetType, boolean toMany, boolean alwaysData,
      Function<Resource, List<String>> ids) {}

  Relationship relationship(String name) {
    for (Relationship r : relationships) {
      if (r.name().equals(name)) {
        return r;
      }
    }
    return null;
  }
}
