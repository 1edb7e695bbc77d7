package io.github.kvsdk.klaviyo.paging;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import okhttp3.Call;

/**
 * One page of a list response: its resources ({@code data}), the related resources it {@linkplain
 * Included includes}, and the {@linkplain PageLinks links} to its neighbours.
 *
 * <pre>{@code
 * Page<Profile> page = client.profiles().list(request);
 * while (true) {
 *   for (Profile p : page.data()) { ... }
 *   if (!page.hasNextPage()) break;
 *   page = page.nextPage();
 * }
 * // or simply:
 * for (Profile p : page.autoPager()) { ... }
 * }</pre>
 *
 * <p>Pages are immutable. {@link #nextPage()} performs a request; the page itself holds only its own
 * resources.
 */
public final class Page<T> {
  private final List<T> data;
  private final Included included;
  private final PageLinks links;
  private final PageLoader<T> loader;

  private Page(List<T> data, Included included, PageLinks links, PageLoader<T> loader) {
    this.data = List.copyOf(data);
    this.included = included;
    this.links = links;
    this.loader = loader;
  }

  /**
   * {@return a page}
   *
   * @param loader fetches the page {@code links.next} points to; may be null only if there is none.
   * @param <T> the resource type
   * @param data the page's resources
   * @param included the related resources the page includes
   * @param links the links to the neighbouring pages
   */
  public static <T> Page<T> of(List<T> data, Included included, PageLinks links, PageLoader<T> loader) {
    if (data == null) throw new NullPointerException("data == null");
    if (included == null) throw new NullPointerException("included == null");
    if (links == null) throw new NullPointerException("links == null");
    if (loader == null && links.nextCursor().isPresent()) {
      throw new IllegalArgumentException("a page with a next link needs a loader");
    }
    return new Page<>(data, included, links, loader);
  }

  /** {@return the resources on this page, in response order} */
  public List<T> data() {
    return data;
  }

  /** {@return the related resources the request asked for with {@code include}} */
  public Included included() {
    return included;
  }

  /** {@return the links to this page and its neighbours} */
  public PageLinks links() {
    return links;
  }

  /** {@return the cursor of the next page, absent on the last page} */
  public Optional<Cursor> nextCursor() {
    return links.nextCursor();
  }

  /** {@return true unless this is the last page} */
  public boolean hasNextPage() {
    return links.nextCursor().isPresent();
  }

  /**
   * Fetches the next page.
   *
   * @return the first page; {@link io.github.kvsdk.klaviyo.paging.Page#nextPage()} fetches the next
   * @throws NoSuchElementException if this is the last page.
   */
  public Page<T> nextPage() {
    Cursor cursor = links.nextCursor().orElseThrow(() -> new NoSuchElementException("this is the last page"));
    Page<T> next = loader.load(cursor);
    if (next == null) throw new IllegalStateException("the page loader returned null for cursor " + cursor);
    return next;
  }

  /**
   * Fetches the next page without blocking the calling thread. Pages of this SDK's listings (whose loader is
   * a {@link PageFetcher}) are fetched as an asynchronous call on the client's dispatcher; a page built with
   * another {@link PageLoader} is loaded on {@link java.util.concurrent.ForkJoinPool#commonPool()}. Cancelling
   * the future cancels the request.
   *
   * @return a future that fails with {@link NoSuchElementException} if this is the last page, or with the
   *     loader's exception.
   */
  public CompletableFuture<Page<T>> nextPageAsync() {
    Optional<Cursor> cursor = links.nextCursor();
    if (cursor.isEmpty()) return CompletableFuture.failedFuture(new NoSuchElementException("this is the last page"));
    if (loader instanceof PageFetcher<T> fetcher) return fetcher.loadAsync(cursor.get());
    return CompletableFuture.supplyAsync(() -> loader.load(cursor.get()));
  }

  /** {@return the resources of this page and every page after it, delivered without blocking; see {@link AsyncPager}} */
  public AsyncPager<T> asyncPager() {
    return AsyncPager.startingAt(this);
  }

  /**
   * Iterates the resources of this page and every page after it, fetching each page when reached.
   *
   * @return a pager over every item, fetching each page when the iteration reaches it
   */
  public AutoPager<T> autoPager() {
    return AutoPager.startingAt(this);
  }

  /**
   * {@return a page with {@code mapper} applied to every resource, here and on the pages after it}
   *
   * @param <R> the mapped type
   * @param mapper applied to every resource
   */
  public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
    List<R> mapped = data.stream().<R>map(mapper).toList();
    return new Page<>(mapped, included, links, mappedLoader(loader, mapper));
  }

  /** {@code loader} with {@code mapper} applied to its pages; still a fetcher if it was one. */
  private static <T, R> PageLoader<R> mappedLoader(PageLoader<T> loader, Function<? super T, ? extends R> mapper) {
    if (loader instanceof PageFetcher<T> fetcher) {
      return new PageFetcher<R>() {
        @Override
        public Call newCall(Cursor cursor) {
          return fetcher.newCall(cursor);
        }

        @Override
        public Page<R> bind(FetchedPage fetched) {
          return fetcher.bind(fetched).map(mapper);
        }
      };
    }
    return loader == null ? null : cursor -> loader.load(cursor).map(mapper);
  }

  /** What fetches the next page; null on a last page built without one. */
  PageLoader<T> loader() {
    return loader;
  }

  @Override
  public String toString() {
    return "Page{size=" + data.size() + ", included=" + included.size() + ", hasNextPage=" + hasNextPage() + "}";
  }
}
