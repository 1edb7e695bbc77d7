package io.github.kvsdk.klaviyo.sandbox.internal.query;

/** Reads a filterable or sortable field (such as {@code email}, {@code id}, {@code metric_id}) of an object. */
@FunctionalInterface
public interface FieldAccess<T> {
  /**
   * {@return the value of {@code field} on {@code item}, or null}
   *
   * @param item the stored object
   * @param field the field as a filter or sort names it, such as {@code email} or {@code id}
   */
  Object get(T item, String field);
}
