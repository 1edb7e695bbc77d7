package io.github.kvsdk.klaviyo.paging;

import java.util.Objects;
import java.util.Optional;

/**
 * A page's JSON:API {@code links}: {@code self} always, {@code next} and {@code prev} when there are such
 * pages, and sometimes {@code first} and {@code last}.
 */
public final class PageLinks {
  private static final PageLinks NONE = new PageLinks(null, null, null, null, null);

  private final String self;
  private final String next;
  private final String prev;
  private final String first;
  private final String last;
  // Parsed once: the auto-pager asks for the next cursor several times per page.
  private final Optional<Cursor> nextCursor;

  private PageLinks(String self, String next, String prev, String first, String last) {
    this.self = emptyToNull(self);
    this.next = emptyToNull(next);
    this.prev = emptyToNull(prev);
    this.first = emptyToNull(first);
    this.last = emptyToNull(last);
    this.nextCursor = Cursor.fromLink(this.next);
  }

  /**
   * {@return links with the given URLs; any may be null}
   *
   * @param self this page's URL
   * @param next the next page's URL
   * @param prev the previous page's URL
   * @param first the first page's URL
   * @param last the last page's URL
   */
  public static PageLinks of(String self, String next, String prev, String first, String last) {
    return new PageLinks(self, next, prev, first, last);
  }

  /** {@return links with none set: a single page} */
  public static PageLinks none() {
    return NONE;
  }

  /** {@return the URL of this page} */
  public Optional<String> self() {
    return Optional.ofNullable(self);
  }

  /** {@return the URL of the next page, absent on the last page} */
  public Optional<String> next() {
    return Optional.ofNullable(next);
  }

  /** {@return the URL of the previous page, absent on the first page} */
  public Optional<String> prev() {
    return Optional.ofNullable(prev);
  }

  /** {@return the URL of the first page, if the server sent one} */
  public Optional<String> first() {
    return Optional.ofNullable(first);
  }

  /** {@return the URL of the last page, if the server sent one} */
  public Optional<String> last() {
    return Optional.ofNullable(last);
  }

  /** {@return the cursor of {@link #next()}, absent on the last page} */
  public Optional<Cursor> nextCursor() {
    return nextCursor;
  }

  /** {@return the cursor of {@link #prev()}, absent on the first page} */
  public Optional<Cursor> prevCursor() {
    return Cursor.fromLink(prev);
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PageLinks that
        && Objects.equals(self, that.self)
        && Objects.equals(next, that.next)
        && Objects.equals(prev, that.prev)
        && Objects.equals(first, that.first)
        && Objects.equals(last, that.last);
  }

  @Override
  public int hashCode() {
    return Objects.hash(self, next, prev, first, last);
  }

  @Override
  public String toString() {
    return "PageLinks{self=" + self + ", next=" + next + ", prev=" + prev + "}";
  }
}
