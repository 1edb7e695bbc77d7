package io.github.kvsdk.klaviyo.generated.json;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import java.lang.reflect.Type;
import java.util.Map;

/**
 * Base of every generated {@code oneOf} union.
 *
 * <p>Klaviyo's unions carry no discriminator, so a value read from JSON is kept as its lossless JSON tree
 * and converted to a branch type only when asked. A value built from a typed branch keeps that object and
 * its type, and is written with the branch's adapter. Either way every byte of data survives a
 * read-write round trip.
 */
public abstract class JsonUnion {
  private final Object value;
  private final Type type;

  /**
   * @param value the branch object, or a JSON tree when {@code type} is null
   * @param type the branch type of {@code value}, or null for a JSON tree
   */
  protected JsonUnion(Object value, Type type) {
    this.value = value;
    this.type = type;
  }

  /** {@return this value as a JSON tree: maps, lists, strings, numbers, booleans and nulls} */
  public final Object json() {
    if (type == null) {
      return value;
    }
    return adapter(type).toJsonValue(value);
  }

  /**
   * {@return the JSON:API {@code type} member when this value is a resource object, such as {@code "profile"} for a
   * profile in an {@code included} array; null otherwise} Lets callers pick the branch without trying each.
   */
  public final String typeTag() {
    return json() instanceof Map<?, ?> map && map.get("type") instanceof String tag ? tag : null;
  }

  /**
   * Reads this value as {@code ref}'s type.
   *
   * @param <T> the type to read as
   * @param ref the type, captured as {@code new TypeRef<List<String>>() {}}
   * @return the value converted to that type
   * @throws IllegalStateException if it does not have that shape
   */
  public final <T> T as(TypeRef<T> ref) {
    return as(ref.type());
  }

  /**
   * Reads this value as {@code type}.
   *
   * @param <T> the type to read as
   * @param type the class to read as
   * @return the value converted to that type
   * @throws IllegalStateException if it does not have that shape
   */
  public final <T> T as(Class<T> type) {
    return as((Type) type);
  }

  @SuppressWarnings("unchecked")
  private <T> T as(Type target) {
    if (target.equals(type)) {
      return (T) value;
    }
    Object tree = json();
    if (!scalarShapeFits(target, tree)) {
      throw new IllegalStateException(
          getClass().getSimpleName() + " does not hold a " + target.getTypeName() + ": it holds " + tree);
    }
    try {
      T converted = (T) adapter(target).fromJsonValue(tree);
      if (converted == null) {
        throw new IllegalStateException(getClass().getSimpleName() + " is null, not a " + target.getTypeName());
      }
      return converted;
    } catch (JsonDataException | IllegalArgumentException | ClassCastException e) {
      throw new IllegalStateException(
          getClass().getSimpleName() + " does not hold a " + target.getTypeName() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Moshi's scalar adapters coerce (a number reads as a string and back), which would make every scalar
   * branch match; a branch of a scalar type only matches a JSON value of that kind.
   */
  private static boolean scalarShapeFits(Type target, Object tree) {
    if (target == String.class) {
      return tree instanceof String;
    }
    if (target instanceof Class<?> c && Number.class.isAssignableFrom(c)) {
      return tree instanceof Number;
    }
    if (target == Boolean.class) {
      return tree instanceof Boolean;
    }
    return true;
  }

  /**
   * {@return true if this value reads as {@code ref}'s type}
   *
   * @param ref the type
   */
  protected final boolean matches(TypeRef<?> ref) {
    try {
      as(ref.type());
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  final Object rawValue() {
    return value;
  }

  final Type rawType() {
    return type;
  }

  @SuppressWarnings("unchecked")
  private static JsonAdapter<Object> adapter(Type type) {
    return (JsonAdapter<Object>) KlaviyoMoshi.shared().adapter(type);
  }

  @Override
  public final boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && JsonTrees.equal(json(), ((JsonUnion) o).json());
  }

  @Override
  public final int hashCode() {
    return JsonTrees.hash(json());
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "{" + json() + "}";
  }
}
