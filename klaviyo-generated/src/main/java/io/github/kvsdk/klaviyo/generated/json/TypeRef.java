package io.github.kvsdk.klaviyo.generated.json;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Captures a full generic type such as {@code List<String>}: create it as an anonymous subclass,
 * {@code new TypeRef<List<String>>() {}}.
 */
public abstract class TypeRef<T> {
  private final Type type;

  /**
   * Captures the type argument of the anonymous subclass being created.
   *
   * @throws IllegalStateException if created without a type argument
   */
  protected TypeRef() {
    Type superclass = getClass().getGenericSuperclass();
    if (!(superclass instanceof ParameterizedType parameterized)) {
      throw new IllegalStateException("TypeRef must be created with a type argument");
    }
    this.type = parameterized.getActualTypeArguments()[0];
  }

  /** {@return the captured type} */
  public final Type type() {
    return type;
  }
}
