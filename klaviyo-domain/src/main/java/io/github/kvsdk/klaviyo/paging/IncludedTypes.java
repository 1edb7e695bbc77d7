package io.github.kvsdk.klaviyo.paging;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which model class each JSON:API resource {@code type} binds to, such as {@code "tag"} to a tag model.
 *
 * <p>Included resources are resolved by this discriminator, never by guessing from their shape, so a
 * {@code list} resource is never mistaken for a {@code segment} with the same attributes.
 */
public final class IncludedTypes {
  private static final IncludedTypes NONE = new IncludedTypes(Map.of());

  private final Map<String, Class<?>> classByType;

  private IncludedTypes(Map<String, Class<?>> classByType) {
    this.classByType = Collections.unmodifiableMap(new LinkedHashMap<>(classByType));
  }

  /** {@return no registrations: included resources stay JSON trees} */
  public static IncludedTypes none() {
    return NONE;
  }

  /**
   * Returns a new builder.
   *
   * @return this builder
   */
  public static Builder builder() {
    return new Builder(Map.of());
  }

  /**
   * Returns a builder holding this registry's registrations.
   *
   * @return this builder
   */
  public Builder toBuilder() {
    return new Builder(classByType);
  }

  /**
   * {@return the class registered for {@code type}, or empty if none is}
   *
   * @param type a JSON:API resource type, such as {@code list}
   */
  public Optional<Class<?>> classFor(String type) {
    return Optional.ofNullable(classByType.get(type));
  }

  /**
   * {@return the type registered for {@code modelClass}, or empty if none is}
   *
   * @param modelClass a model class of the generated client
   */
  public Optional<String> typeFor(Class<?> modelClass) {
    for (Map.Entry<String, Class<?>> entry : classByType.entrySet()) {
      if (entry.getValue().equals(modelClass)) return Optional.of(entry.getKey());
    }
    return Optional.empty();
  }

  /** {@return all registrations, from type to class} */
  public Map<String, Class<?>> asMap() {
    return classByType;
  }

  @Override
  public String toString() {
    return "IncludedTypes" + classByType;
  }

  /** Collects registrations. One class per type and one type per class. */
  public static final class Builder {
    private final Map<String, Class<?>> classByType;

    private Builder(Map<String, Class<?>> initial) {
      classByType = new LinkedHashMap<>(initial);
    }

    /**
     * Binds resources whose {@code type} is {@code type} to {@code modelClass}.
     *
     * @param type the JSON:API resource type, such as {@code list}
     * @param modelClass the model class that included resources of that type are bound to
     * @return this builder
     * @throws IllegalArgumentException if either is already registered to something else.
     */
    public Builder add(String type, Class<?> modelClass) {
      if (type == null || type.isEmpty()) throw new IllegalArgumentException("type is empty");
      if (modelClass == null) throw new NullPointerException("modelClass == null");
      Class<?> existing = classByType.get(type);
      if (existing != null && !existing.equals(modelClass)) {
        throw new IllegalArgumentException("type '" + type + "' is already bound to " + existing.getName());
      }
      for (Map.Entry<String, Class<?>> entry : classByType.entrySet()) {
        if (entry.getValue().equals(modelClass) && !entry.getKey().equals(type)) {
          throw new IllegalArgumentException(
              modelClass.getName() + " is already bound to type '" + entry.getKey() + "'");
        }
      }
      classByType.put(type, modelClass);
      return this;
    }

    /** {@return the registrations} */
    public IncludedTypes build() {
      return new IncludedTypes(classByType);
    }
  }
}
