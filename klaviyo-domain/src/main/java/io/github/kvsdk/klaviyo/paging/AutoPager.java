package io.github.kvsdk.klaviyo.paging;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
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
 * <p>To read a long listing faster, {@link #prefetching()} fetches the next pages while the current one is
 * bound and consumed.
 *
 * <p>Fetch failures surface from {@code hasNext()}/{@code next()} as the loader's unchecked exception.
 */
public final class AutoPager<T> implements Iterable<T> {
  private final Supplier<Page<T>> firstPage;
  private final boolean prefetch;

  private AutoPager(Supplier<Page<T>> firstPage, boolean prefetch) {
    this.firstPage = firstPage;
    this.prefetch = prefetch;
  }

  /**
   * Iterates from {@code first}, which has already been fetched.
   *
   * @param <T> the resource type
   * @param first the first page
   * @return a pager over every item, fetching each further page when the iteration reaches it
   */
  public static <T> AutoPager<T> startingAt(Page<T> first) {
    if (first == null) throw new NullPointerException("first == null");
    return new AutoPager<>(() -> first, false);
  }

  /**
   * Iterates from the page {@code fetchFirst} returns; nothing is fetched until iteration starts.
   *
   * @param <T> the resource type
   * @param fetchFirst fetches the first page
   * @return a pager over every item, fetching each page when the iteration reaches it
   */
  public static <T> AutoPager<T> lazy(Supplier<Page<T>> fetchFirst) {
    if (fetchFirst == null) throw new NullPointerException("fetchFirst == null");
    return new AutoPager<>(fetchFirst, false);
  }

  /**
   * {@return a pager over the same listing that fetches pages ahead of the caller, on the client's dispatcher
   * (no thread of its own): as soon as one response has been read and its {@code links.next} found, the
   * dispatcher thread that read it sends the request for the next page} The caller's thread only binds pages
   * and runs the caller's own code, so on a long listing that work overlaps with the server's instead of
   * taking turns with it.
   *
   * <p>The price: an iteration holds its current page plus up to {@value PagePrefetcher#AHEAD} responses
   * not yet bound (instead of one page), and stopping early leaves up to that many requests sent that the
   * caller never needed. Closing the {@link #stream()} cancels the request in flight; an abandoned iterator
   * lets fetching pause once {@value PagePrefetcher#AHEAD} responses are waiting.
   * Requests go through the same client, so retries and the rate limiter apply as before. A failure still
   * surfaces when the iteration reaches the page that failed. Only pages whose loader is a {@link
   * PageFetcher} (every listing of this SDK) are fetched ahead; others are fetched one after another.
   */
  public AutoPager<T> prefetching() {
    return prefetch ? this : new AutoPager<>(firstPage, true);
  }

  /** {@return true if this pager {@linkplain #prefetching() prefetches} the next page} */
  public boolean isPrefetching() {
    return prefetch;
  }

  /** Iterates every resource of every page. */
  @Override
  public Iterator<T> iterator() {
    return new ItemIterator<>(new PageIterator<>(firstPage, prefetch));
  }

  /**
   * {@return a sequential, ordered stream of every resource; pages are fetched as the stream is consumed} Closing
   * the stream stops a {@linkplain #prefetching() prefetching} pager's fetching.
   */
  public Stream<T> stream() {
    PageIterator<T> pages = new PageIterator<>(firstPage, prefetch);
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new ItemIterator<>(pages),
            Spliterator.ORDERED | Spliterator.NONNULL), false)
        .onClose(pages::cancelPrefetch);
  }

  /** {@return the pages themselves, each fetched when the iteration reaches it} */
  public Iterable<Page<T>> pages() {
    return () -> new PageIterator<>(firstPage, prefetch);
  }

  /** Walks pages; holds the current page and, when prefetching, the prefetcher of the pages after it. */
  private static final class PageIterator<T> implements Iterator<Page<T>> {
    private final boolean prefetch;
    private Supplier<Page<T>> first;
    private Page<T> current;
    /** Fetching the pages after {@code current}; null when not prefetching. */
    private PagePrefetcher<T> prefetcher;

    PageIterator(Supplier<Page<T>> first, boolean prefetch) {
      this.first = first;
      this.prefetch = prefetch;
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
        if (prefetch) startPrefetch();
      } else if (current.hasNextPage()) {
        Cursor cursor = current.nextCursor().orElseThrow();
        Page<T> next = prefetcher != null ? bindPrefetched() : current.nextPage();
        // A server that hands out the same cursor again would make the iteration endless.
        if (next.nextCursor().filter(cursor::equals).isPresent()) {
          cancelPrefetch();
          throw new IllegalStateException("the page at cursor " + cursor + " links to itself as next page");
        }
        current = next;
      } else {
        throw new NoSuchElementException();
      }
      return current;
    }

    /** Starts fetching the pages after {@code current}, if there are any and its loader can fetch ahead. */
    private void startPrefetch() {
      Optional<Cursor> next = current.nextCursor();
      if (next.isPresent() && current.loader() instanceof PageFetcher<T> f) {
        prefetcher = new PagePrefetcher<>(f, next.get());
      }
    }

    /** Binds the next prefetched page. */
    private Page<T> bindPrefetched() {
      FetchedPage fetched;
      Page<T> page;
      try {
        fetched = prefetcher.take();
        page = prefetcher.bind(fetched);
      } catch (RuntimeException | Error e) {
        cancelPrefetch();
        throw e;
      }
      // The prefetcher followed links.next as scanned from the raw body; should the binder read another link,
      // the binder wins and the pages after this one are fetched one by one.
      if (!page.nextCursor().equals(fetched.nextCursor())) cancelPrefetch();
      return page;
    }

    void cancelPrefetch() {
      if (prefetcher != null) prefetcher.cancel();
      prefetcher = null;
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
