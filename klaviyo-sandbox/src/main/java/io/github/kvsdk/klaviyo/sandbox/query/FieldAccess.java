package io.github.kvsdk.klaviyo.sandbox.query;

/** Reads a filterable or sortable field (such as {@code email}, {@code id}, {@code metric_id}) of an object. */
@FunctionalInterface
public interface FieldAccess<T> {
  /** {@return the value of {@code field} on {@code item}, or null} */
  Object get(T item, String field);
}
