package io.github.kvsdk.klaviyo.paging;

import io.github.kvsdk.klaviyo.errors.KlaviyoException;
import java.util.ArrayDeque;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.Call;

/**
 * Fetches the pages of one iteration ahead of its consumer, as asynchronous calls of the page fetcher's
 * client.
 *
 * <p>The requests go out one after another, the way a plain loop would send them: as soon as a response has
 * been read and its {@code links.next} found, the next request is enqueued from the callback, with no
 * hand-off in between. The consumer only binds. At most {@value #AHEAD} unbound responses wait for the
 * consumer; when they do, fetching stops and the consumer's next {@link #take()} restarts it, so an abandoned
 * iteration holds at most that many responses. No thread of its own is used: the requests run on the
 * client's OkHttp dispatcher, which bounds them (64 at once, 5 per host by default) and which closing the
 * {@code KlaviyoClient} releases.
 *
 * <p>Thread-safe: one consumer, one fetching task at a time.
 */
final class PagePrefetcher<T> {
  /** Responses fetched but not yet taken at which fetching pauses. */
  static final int AHEAD = 2;

  private final PageFetcher<T> fetcher;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  /** Fetched pages and, last, the failure that ended fetching. */
  private final ArrayDeque<Object> ready = new ArrayDeque<>();
  /** The cursor to fetch next; null once the last page (or a failure) has been reached. */
  private Cursor next;
  private boolean running;
  private boolean cancelled;
  private Call inFlight;

  /** Starts fetching from {@code first}. */
  PagePrefetcher(PageFetcher<T> fetcher, Cursor first) {
    this.fetcher = fetcher;
    this.next = first;
    lock.lock();
    try {
      resume();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns the next fetched page, waiting for it if needed.
   *
   * @throws RuntimeException the failure that ended fetching, once the pages before it have been taken.
   * @throws NoSuchElementException past the last page.
   * @throws KlaviyoException if the thread is interrupted while waiting; fetching is then cancelled.
   */
  FetchedPage take() {
    lock.lock();
    try {
      while (ready.isEmpty()) {
        if (next == null && !running) throw new NoSuchElementException("no page after the last one");
        try {
          arrived.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          cancel();
          throw new KlaviyoException("interrupted while waiting for the next page", e);
        }
      }
      Object item = ready.poll();
      resume();
      if (item instanceof RuntimeException e) throw e;
      if (item instanceof Error e) throw e;
      return (FetchedPage) item;
    } finally {
      lock.unlock();
    }
  }

  /** Binds a page this prefetcher fetched, on the calling thread. */
  Page<T> bind(FetchedPage fetched) {
    return fetcher.bind(fetched);
  }

  /** Stops fetching: cancels the request in flight and drops the pages not taken. */
  void cancel() {
    Call call;
    lock.lock();
    try {
      cancelled = true;
      next = null;
      ready.clear();
      call = inFlight;
    } finally {
      lock.unlock();
    }
    if (call != null) call.cancel();
  }

  /**
   * Sends the request for the next page if none is in flight and there is room and a page to fetch. Holds
   * the lock. The request is enqueued on the client's dispatcher: no thread of this pager waits for it.
   */
  private void resume() {
    if (running || cancelled || next == null || ready.size() >= AHEAD) return;
    Cursor cursor = next;
    Call call;
    try {
      call = fetcher.newCall(cursor);
    } catch (RuntimeException | Error e) {
      ready.add(e);
      next = null;
      arrived.signalAll();
      return;
    }
    running = true;
    inFlight = call;
    FetchedPage.enqueue(call).whenComplete((page, error) -> fetched(cursor, page, error));
  }

  /** Files a fetched page (or the failure) and sends the next request. */
  private void fetched(Cursor cursor, FetchedPage page, Throwable error) {
    Object item = page;
    Cursor after = null;
    if (error != null) {
      item = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    } else {
      try {
        // A page linking to itself is the consumer's error to report; fetching it again would loop.
        after = page.nextCursor().filter(c -> !c.equals(cursor)).orElse(null);
      } catch (RuntimeException e) {
        item = e;
      }
    }
    lock.lock();
    try {
      running = false;
      inFlight = null;
      if (cancelled) {
        arrived.signalAll();
        return;
      }
      ready.add(item);
      next = item instanceof FetchedPage ? after : null;
      arrived.signalAll();
      resume();
    } finally {
      lock.unlock();
    }
  }
}
