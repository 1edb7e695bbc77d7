package io.github.kvsdk.klaviyo.generated.json;

import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A property value with three states: absent, explicitly {@code null}, or present with a value.
 *
 * <p>Klaviyo's PATCH endpoints leave an absent attribute unchanged and clear an attribute sent as JSON
 * {@code null}. A plain Java {@code null} cannot tell those apart, so every property the spec marks
 * {@code nullable} is held in one of these. Generated models store a Java {@code null} field for
 * "absent"; {@link #absent()} is what their accessors return in that case.
 */
public final class JsonNullable<T> {
  private static final JsonNullable<?> ABSENT = new JsonNullable<>(false, null);
  private static final JsonNullable<?> NULL = new JsonNullable<>(true, null);

  private final boolean present;
  private final T value;

  private JsonNullable(boolean present, T value) {
    this.present = present;
    this.value = value;
  }

  /**
   * {@return the state of a property that is not in the JSON at all}
   *
   * @param <T> the property's type
   */
  @SuppressWarnings("unchecked")
  public static <T> JsonNullable<T> absent() {
    return (JsonNullable<T>) ABSENT;
  }

  /**
   * {@return the state of a property that is in the JSON with the value {@code null}}
   *
   * @param <T> the property's type
   */
  @SuppressWarnings("unchecked")
  public static <T> JsonNullable<T> ofNull() {
    return (JsonNullable<T>) NULL;
  }

  /**
   * The state of a property that is in the JSON with {@code value}; a Java {@code null} means an explicit JSON
   * null.
   *
   * @param <T> the property's type
   * @param value the value, or null
   * @return the state
   */
  public static <T> JsonNullable<T> of(T value) {
    return value == null ? ofNull() : new JsonNullable<>(true, value);
  }

  /** {@return true if the property is in the JSON, whether null or not} */
  public boolean isPresent() {
    return present;
  }

  /** {@return true if the property is in the JSON as an explicit {@code null}} */
  public boolean isNull() {
    return present && value == null;
  }

  /**
   * {@return the non-null value}
   *
   * @throws NoSuchElementException if absent or null
   */
  public T get() {
    if (value == null) {
      throw new NoSuchElementException(present ? "value is null" : "value is absent");
    }
    return value;
  }

  /**
   * The value, or {@code other} if absent or null.
   *
   * @param other the fallback
   * @return the value or the fallback
   */
  public T orElse(T other) {
    return value != null ? value : other;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonNullable<?> that && present == that.present && Objects.equals(value, that.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(present, value);
  }

  @Override
  public String toString() {
    return !present ? "absent" : String.valueOf(value);
  }
}
