package io.github.kvsdk.klaviyo.paging;

import io.github.kvsdk.klaviyo.errors.KlaviyoException;
import java.util.ArrayDeque;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.Call;

/**
 * Fetches the pages of one iteration ahead of its consumer, as calls on the page fetcher's client.
 *
 * <p>The requests go out one after another, the way a plain loop would send them. The first is enqueued on
 * the client's OkHttp dispatcher; from then on, the dispatcher thread that has read a response hands the
 * page to the consumer, finds its {@code links.next} and sends the next request itself, on that same thread,
 * with no hand-off to another thread in between (an attempt that must wait for a retry or the rate limiter
 * is re-enqueued instead, so no dispatcher thread waits). The consumer only binds. At most {@value #AHEAD}
 * unbound responses wait for the consumer; when they do, fetching stops and the consumer's next {@link
 * #take()} restarts it, so an abandoned iteration holds at most that many responses. No thread of its own is
 * used: the requests run on the client's dispatcher, one at a time per iteration, which bounds them (64
 * iterations at once, 5 per host by default) and which closing the {@code KlaviyoClient} releases.
 *
 * <p>Thread-safe: one consumer, one fetching task at a time. Requests are built and sent outside the lock,
 * so a consumer woken for a page never waits for the next request to go out.
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
  /** True from claiming a cursor until its page (or failure) is filed or fetching stops. */
  private boolean running;
  private boolean cancelled;
  private Call inFlight;

  /** Starts fetching from {@code first}. */
  PagePrefetcher(PageFetcher<T> fetcher, Cursor first) {
    this.fetcher = fetcher;
    this.next = first;
    Cursor cursor;
    lock.lock();
    try {
      cursor = claim();
    } finally {
      lock.unlock();
    }
    send(cursor, false);
  }

  /**
   * Returns the next fetched page, waiting for it if needed.
   *
   * @throws RuntimeException the failure that ended fetching, once the pages before it have been taken.
   * @throws NoSuchElementException past the last page.
   * @throws KlaviyoException if the thread is interrupted while waiting; fetching is then cancelled.
   */
  FetchedPage take() {
    Object item;
    Cursor resume;
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
      item = ready.poll();
      resume = claim();
    } finally {
      lock.unlock();
    }
    send(resume, false); // Fetching had paused with AHEAD pages waiting: this thread must not block, enqueue.
    if (item instanceof RuntimeException e) throw e;
    if (item instanceof Error e) throw e;
    return (FetchedPage) item;
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
   * Holding the lock: if fetching is idle and there is room and a page to fetch, marks it running and returns
   * the cursor to fetch; null otherwise.
   */
  private Cursor claim() {
    if (running || cancelled || next == null || ready.size() >= AHEAD) return null;
    running = true;
    return next;
  }

  /**
   * Without the lock: fetches {@code cursor} (nothing if null) and the pages after it while there is room.
   *
   * @param here true on a dispatcher thread that has just read a response: requests are sent from it, and
   *     the loop continues on it for as long as each response arrives before the send returns. False on the
   *     consumer's thread, which only enqueues.
   */
  private void send(Cursor cursor, boolean here) {
    while (cursor != null) {
      Cursor requested = cursor;
      CompletableFuture<FetchedPage> response;
      try {
        Call call = fetcher.newCall(requested);
        if (!track(call)) return;
        response = here ? FetchedPage.enqueueHere(call) : FetchedPage.enqueue(call);
      } catch (RuntimeException | Error e) {
        cursor = fetched(requested, null, e);
        continue;
      }
      if (!response.isDone()) {
        // Completed by the dispatcher thread that read the response, unless it completed just now, on this one.
        Thread sender = Thread.currentThread();
        boolean sentHere = here;
        response.whenComplete((page, error) ->
            send(fetched(requested, page, error), sentHere || Thread.currentThread() != sender));
        return;
      }
      FetchedPage page = null;
      Throwable error = null;
      try {
        page = response.join();
      } catch (CompletionException | CancellationException e) {
        error = e;
      }
      cursor = fetched(requested, page, error);
    }
  }

  /** Records the call in flight so that {@link #cancel()} can stop it; false if fetching was cancelled. */
  private boolean track(Call call) {
    lock.lock();
    try {
      if (cancelled) {
        running = false;
        arrived.signalAll();
        return false;
      }
      inFlight = call;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Files a fetched page (or the failure) for the consumer and wakes it; returns the cursor to fetch next if
   * fetching should go on, null if it stops.
   */
  private Cursor fetched(Cursor cursor, FetchedPage page, Throwable error) {
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
        return null;
      }
      ready.add(item);
      next = item instanceof FetchedPage ? after : null;
      arrived.signalAll();
      return claim();
    } finally {
      lock.unlock();
    }
  }
}
