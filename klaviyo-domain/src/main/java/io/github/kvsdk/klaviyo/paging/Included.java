package io.github.kvsdk.klaviyo.paging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code included} resources of a JSON:API response, resolved by their {@code type}.
 *
 * <p>Resources are kept as JSON trees and bound to a model class only when asked for, using the class
 * registered for their type in {@link IncludedTypes}:
 *
 * <pre>{@code
 * List<TagResponseObjectResource> tags = page.included().ofType(TagResponseObjectResource.class);
 * Optional<Map<String, Object>> tag = page.included().find("tag", "abc");
 * }</pre>
 */
public final class Included {
  private static final Included EMPTY = new Included(List.of(), IncludedTypes.none(), null);

  private final List<Map<String, Object>> resources;
  private final IncludedTypes types;
  private final ResourceConverter converter;

  private Included(List<Map<String, Object>> resources, IncludedTypes types, ResourceConverter converter) {
    this.resources = resources;
    this.types = types;
    this.converter = converter;
  }

  /**
   * No included resources.
   *
   * @return the empty set of included resources
   */
  public static Included empty() {
    return EMPTY;
  }

  /**
   * {@return the included resources {@code resources} (JSON objects with {@code type} and {@code id}),
   * bound on demand through {@code converter} to the classes in {@code types}}
   *
   * @param resources the {@code included} array of a response
   * @param types the model class of each resource type
   * @param converter binds JSON trees to model classes
   * @throws IllegalArgumentException if a resource is not a JSON object with a string {@code type}.
   */
  public static Included of(List<?> resources, IncludedTypes types, ResourceConverter converter) {
    if (resources == null || resources.isEmpty()) {
      return new Included(List.of(), types, converter);
    }
    List<Map<String, Object>> trees = new ArrayList<>(resources.size());
    for (Object resource : resources) {
      if (!(resource instanceof Map<?, ?> map) || !(map.get("type") instanceof String)) {
        throw new IllegalArgumentException("included resource has no string 'type': " + resource);
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> tree = (Map<String, Object>) map;
      trees.add(Collections.unmodifiableMap(tree));
    }
    return new Included(Collections.unmodifiableList(trees), types, converter);
  }

  /** {@return every included resource as a JSON tree, in response order} */
  public List<Map<String, Object>> raw() {
    return resources;
  }

  /** {@return the number of included resources} */
  public int size() {
    return resources.size();
  }

  /** {@return true if the page includes no related resource} */
  public boolean isEmpty() {
    return resources.isEmpty();
  }

  /** {@return the distinct {@code type} values present, in order of first appearance} */
  public Set<String> types() {
    Set<String> result = new LinkedHashSet<>();
    for (Map<String, Object> resource : resources) result.add((String) resource.get("type"));
    return result;
  }

  /**
   * The resources whose {@code type} is {@code type}, as JSON trees.
   *
   * @param type the JSON:API type, such as {@code tag}
   * @return the resources of that type, in response order; empty if none
   */
  public List<Map<String, Object>> ofType(String type) {
    List<Map<String, Object>> result = new ArrayList<>();
    for (Map<String, Object> resource : resources) {
      if (type.equals(resource.get("type"))) result.add(resource);
    }
    return result;
  }

  /**
   * The resources of the type registered for {@code modelClass}, bound to it.
   *
   * @param <R> the model class
   * @param modelClass the model class of one resource type
   * @return the resources of that type, bound to the class, in response order
   * @throws IllegalArgumentException if {@code modelClass} is not registered in this page's {@link
   *     IncludedTypes}.
   */
  public <R> List<R> ofType(Class<R> modelClass) {
    String type = typeOf(modelClass);
    List<R> result = new ArrayList<>();
    for (Map<String, Object> resource : ofType(type)) result.add(converter.fromTree(resource, modelClass));
    return result;
  }

  /**
   * The resource with {@code type} and {@code id}, as a JSON tree.
   *
   * @param id the resource's id
   * @param type the JSON:API type, such as {@code tag}
   * @return the resource, or empty if the page does not include it
   */
  public Optional<Map<String, Object>> find(String type, String id) {
    for (Map<String, Object> resource : resources) {
      if (type.equals(resource.get("type")) && id.equals(resource.get("id"))) return Optional.of(resource);
    }
    return Optional.empty();
  }

  /**
   * The resource of {@code modelClass}'s registered type with {@code id}, bound to {@code modelClass}.
   *
   * @param id the resource's id
   * @param <R> the model class
   * @param modelClass the model class of the resource's type
   * @return the resource bound to the class, or empty if the page does not include it
   * @throws IllegalArgumentException if {@code modelClass} is not registered.
   */
  public <R> Optional<R> find(Class<R> modelClass, String id) {
    return find(typeOf(modelClass), id).map(tree -> converter.fromTree(tree, modelClass));
  }

  /**
   * {@return every resource bound to the class registered for its type; resources of unregistered types stay
   * JSON trees}
   */
  public List<Object> resolved() {
    List<Object> result = new ArrayList<>(resources.size());
    for (Map<String, Object> resource : resources) {
      Optional<Class<?>> modelClass = types.classFor((String) resource.get("type"));
      result.add(modelClass.isPresent() ? converter.fromTree(resource, modelClass.get()) : resource);
    }
    return result;
  }

  private String typeOf(Class<?> modelClass) {
    return types
        .typeFor(modelClass)
        .orElseThrow(
            () -> new IllegalArgumentException(
                modelClass.getName() + " is not registered for any included type; registered: "
                    + types.asMap().keySet()));
  }

  @Override
  public String toString() {
    return "Included{size=" + resources.size() + ", types=" + types() + "}";
  }
}
