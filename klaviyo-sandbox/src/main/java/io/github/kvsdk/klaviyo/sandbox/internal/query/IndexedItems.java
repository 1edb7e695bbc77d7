package io.github.kvsdk.klaviyo.sandbox.internal.query;

/** A collection that can hand {@link ListQuery} its items already ordered by a sort field. */
public interface IndexedItems<T> {
  /**
   * The items ordered by {@code field} (read as {@link FieldAccess} would read it for sorting) then id,
   * or by insertion order when {@code field} is null. Every item of the collection is in the index.
   *
   * @param field the sort field, or null for insertion order
   * @return the index of every item in that order
   */
  OrderedIndex<T> orderedBy(String field);
}
