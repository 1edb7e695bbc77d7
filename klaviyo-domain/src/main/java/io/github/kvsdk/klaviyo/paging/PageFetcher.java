package io.github.kvsdk.klaviyo.paging;

import java.util.concurrent.CompletableFuture;
import okhttp3.Call;

/**
 * A {@link PageLoader} that loads in two steps: a {@linkplain #newCall call} that fetches the response, then
 * {@linkplain #bind binding} it into a page. Splitting them lets a {@linkplain AutoPager#prefetching()
 * prefetching} auto-pager send the request for the next page as soon as a page's body has arrived, and bind
 * that page while the next request is in flight.
 *
 * <p>Pages returned by {@link #bind} must carry this fetcher (or an equivalent one) as their loader, so the
 * pages after them can be prefetched too.
 */
public interface PageFetcher<T> extends PageLoader<T> {
  /**
   * {@return a call, not yet executed, for the page at {@code cursor}; the first page if {@code cursor} is
   * null} The call's client is expected to carry the SDK's interceptors.
   *
   * @param cursor the page's cursor, or null for the first page
   */
  Call newCall(Cursor cursor);

  /**
   * Binds a fetched body into a page.
   *
   * @param fetched the successful response: request URL and body
   * @return the page with its items and the cursor of the next page, if any
   * @throws io.github.kvsdk.klaviyo.errors.KlaviyoException if the body is not the expected document.
   */
  Page<T> bind(FetchedPage fetched);

  /** Fetches and binds the page at {@code cursor} on the calling thread. */
  @Override
  default Page<T> load(Cursor cursor) {
    return bind(FetchedPage.execute(newCall(cursor)));
  }

  /**
   * Fetches the page at {@code cursor} (the first page if null) without blocking: the call is enqueued on its
   * client's dispatcher and the page is bound on the thread that read the response. The future fails with
   * the error {@link #load} would throw; cancelling it cancels the call.
   *
   * @param cursor the page's cursor, or null for the first page
   * @return a future of the bound page
   */
  default CompletableFuture<Page<T>> loadAsync(Cursor cursor) {
    CompletableFuture<FetchedPage> fetched;
    try {
      fetched = FetchedPage.enqueue(newCall(cursor));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<Page<T>> page = fetched.thenApply(this::bind);
    page.whenComplete((p, e) -> {
      if (page.isCancelled()) fetched.cancel(true);
    });
    return page;
  }
}
