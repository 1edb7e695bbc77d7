package io.github.kvsdk.klaviyo.paging;

import io.github.kvsdk.klaviyo.errors.KlaviyoException;
import java.util.ArrayDeque;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.Call;

/**
 * Fetches the pages of one iteration ahead of its consumer, on a background thread.
 *
 * <p>The thread runs the requests one after another, the way a plain loop would: as soon as a response has
 * been read and its {@code links.next} found, the next request goes out from the same thread, with no
 * hand-off in between. The consumer only binds. At most {@value #AHEAD} unbound responses wait for the
 * consumer; when they do, the thread stops and the consumer's next {@link #take()} restarts it, so an
 * abandoned iteration holds at most that many responses and no thread.
 *
 * <p>Thread-safe: one consumer, one fetching task at a time.
 */
final class PagePrefetcher<T> {
  /** Responses fetched but not yet taken at which fetching pauses. */
  static final int AHEAD = 2;

  private static final Executor EXECUTOR = newExecutor();

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

  /** Starts the fetching task if it is idle and there is room and a page to fetch. Holds the lock. */
  private void resume() {
    if (running || cancelled || next == null || ready.size() >= AHEAD) return;
    running = true;
    EXECUTOR.execute(this::fetchAhead);
  }

  private void fetchAhead() {
    while (true) {
      Cursor cursor;
      lock.lock();
      try {
        if (cancelled || next == null || ready.size() >= AHEAD) {
          running = false;
          arrived.signalAll();
          return;
        }
        cursor = next;
      } finally {
        lock.unlock();
      }

      Call call;
      try {
        call = fetcher.newCall(cursor);
      } catch (RuntimeException | Error e) {
        lock.lock();
        try {
          ready.add(e);
          next = null;
          running = false;
          arrived.signalAll();
        } finally {
          lock.unlock();
        }
        return;
      }
      lock.lock();
      try {
        if (cancelled) {
          running = false;
          arrived.signalAll();
          return;
        }
        inFlight = call; // From here on, cancel() can stop it.
      } finally {
        lock.unlock();
      }

      Object item;
      Cursor after = null;
      try {
        FetchedPage page = FetchedPage.execute(call);
        Optional<Cursor> link = page.nextCursor();
        // A page linking to itself is the consumer's error to report; fetching it again would loop.
        after = link.filter(c -> !c.equals(cursor)).orElse(null);
        item = page;
      } catch (RuntimeException | Error e) {
        item = e;
      }

      lock.lock();
      try {
        inFlight = null;
        if (cancelled) {
          running = false;
          arrived.signalAll();
          return;
        }
        ready.add(item);
        next = item instanceof FetchedPage ? after : null;
        arrived.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Daemon threads, created on demand and retired after a minute idle, as OkHttp's own dispatcher does. */
  private static Executor newExecutor() {
    AtomicInteger count = new AtomicInteger();
    return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
      Thread thread = new Thread(task, "klaviyo-page-prefetch-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }
}
