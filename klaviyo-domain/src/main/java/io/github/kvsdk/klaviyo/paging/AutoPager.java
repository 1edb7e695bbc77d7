package io.github.kvsdk.klaviyo.paging;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Every resource of a paginated listing, fetched lazily one page at a time.
 *
 * <pre>{@code
 * for (Profile profile : client.profiles().listAll(request)) { ... }
 * long vips = client.profiles().listAll(request).stream().filter(Profile::isVip).count();
 * }</pre>
 *
 * <p>An iteration holds only the page it is on, so memory stays bounded by one page however long the
 * listing. The next page is requested when the iteration moves past the last resource of the current
 * one; stopping early (or closing the stream) requests no further pages. Each call to {@link
 * #iterator()}, {@link #stream()} or {@link #pages()} starts a new iteration from the first page; a
 * pager built from a fetched page re-uses that page, one built {@linkplain #lazy lazily} fetches it again.
 *
 * <p>Fetch failures surface from {@code hasNext()}/{@code next()} as the loader's unchecked exception.
 */
public final class AutoPager<T> implements Iterable<T> {
  private final Supplier<Page<T>> firstPage;

  private AutoPager(Supplier<Page<T>> firstPage) {
    this.firstPage = firstPage;
  }

  /** Iterates from {@code first}, which has already been fetched. */
  public static <T> AutoPager<T> startingAt(Page<T> first) {
    if (first == null) throw new NullPointerException("first == null");
    return new AutoPager<>(() -> first);
  }

  /** Iterates from the page {@code fetchFirst} returns; nothing is fetched until iteration starts. */
  public static <T> AutoPager<T> lazy(Supplier<Page<T>> fetchFirst) {
    if (fetchFirst == null) throw new NullPointerException("fetchFirst == null");
    return new AutoPager<>(fetchFirst);
  }

  /** Iterates every resource of every page. */
  @Override
  public Iterator<T> iterator() {
    return new ItemIterator<>(new PageIterator<>(firstPage));
  }

  /** A sequential, ordered stream of every resource; pages are fetched as the stream is consumed. */
  public Stream<T> stream() {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  /** The pages themselves, each fetched when the iteration reaches it. */
  public Iterable<Page<T>> pages() {
    return () -> new PageIterator<>(firstPage);
  }

  /** Walks pages; holds at most the current page. */
  private static final class PageIterator<T> implements Iterator<Page<T>> {
    private Supplier<Page<T>> first;
    private Page<T> current;

    PageIterator(Supplier<Page<T>> first) {
      this.first = first;
    }

    @Override
    public boolean hasNext() {
      return first != null || current.hasNextPage();
    }

    @Override
    public Page<T> next() {
      if (first != null) {
        current = first.get();
        if (current == null) throw new IllegalStateException("the first-page supplier returned null");
        first = null;
      } else if (current.hasNextPage()) {
        Cursor cursor = current.nextCursor().orElseThrow();
        Page<T> next = current.nextPage();
        // A server that hands out the same cursor again would make the iteration endless.
        if (next.nextCursor().filter(cursor::equals).isPresent()) {
          throw new IllegalStateException("the page at cursor " + cursor + " links to itself as next page");
        }
        current = next;
      } else {
        throw new NoSuchElementException();
      }
      return current;
    }
  }

  /** Walks resources across pages, skipping empty pages. */
  private static final class ItemIterator<T> implements Iterator<T> {
    private final PageIterator<T> pages;
    private Iterator<T> items = java.util.Collections.emptyIterator();

    ItemIterator(PageIterator<T> pages) {
      this.pages = pages;
    }

    @Override
    public boolean hasNext() {
      while (!items.hasNext()) {
        if (!pages.hasNext()) return false;
        items = pages.next().data().iterator();
      }
      return true;
    }

    @Override
    public T next() {
      if (!hasNext()) throw new NoSuchElementException();
      return items.next();
    }
  }
}
