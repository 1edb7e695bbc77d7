package io.github.kvsdk.klaviyo.paging;

/**
 * Fetches the page a {@link Cursor} points to. Implementations call a typed service with {@link
 * Cursor#value()} as {@code page[cursor]}, or GET {@link Cursor#link()}; either way they must return a
 * page whose own loader can fetch the page after it.
 *
 * <p>Failures are reported as unchecked exceptions (the SDK's {@code KlaviyoException} family).
 */
@FunctionalInterface
public interface PageLoader<T> {
  /**
   * {@return the page at {@code cursor}}
   *
   * @param cursor the cursor of the page to load, or null for the first page
   */
  Page<T> load(Cursor cursor);
}
