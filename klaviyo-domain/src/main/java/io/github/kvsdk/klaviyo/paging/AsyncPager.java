package io.github.kvsdk.klaviyo.paging;

import java.util.ArrayDeque;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Every resource of a paginated listing, fetched page by page without blocking any thread: the asynchronous
 * counterpart of {@link AutoPager}.
 *
 * <pre>{@code
 * AsyncPager<Profile> profiles = AsyncPager.from(fetcher);        // or page.asyncPager()
 * profiles.forEach(p -> index(p)).join();                           // a future of the whole walk
 * profiles.subscribe(mySubscriber);                                 // or as a Flow.Publisher
 * }</pre>
 *
 * <p>Pages are requested as {@linkplain PageFetcher#loadAsync asynchronous calls} of the fetcher's client,
 * one at a time: the next page only once the current one has been delivered (and, for a subscriber, only
 * while it has demand), so memory stays bounded by one page. Each {@link #forEach}, {@link #forEachPage} or
 * {@link #subscribe} starts its own walk from the first page. Cancelling the returned future, or the
 * subscription, cancels the request in flight and fetches nothing more. Generic over {@link PageFetcher}:
 * any listing that can fetch a page by cursor can be walked this way.
 */
public final class AsyncPager<T> implements Flow.Publisher<T> {
  private final Supplier<CompletableFuture<Page<T>>> firstPage;

  private AsyncPager(Supplier<CompletableFuture<Page<T>>> firstPage) {
    this.firstPage = firstPage;
  }

  /**
   * Walks the listing {@code fetcher} serves, from its first page.
   *
   * @param <T> the resource type
   * @param fetcher fetches the pages of the listing
   * @return the pager; nothing is fetched until a walk starts
   */
  public static <T> AsyncPager<T> from(PageFetcher<T> fetcher) {
    Objects.requireNonNull(fetcher, "fetcher");
    return new AsyncPager<>(() -> fetcher.loadAsync(null));
  }

  /**
   * Walks from {@code first}, which has already been fetched.
   *
   * @param <T> the resource type
   * @param first the first page
   * @return the pager
   */
  public static <T> AsyncPager<T> startingAt(Page<T> first) {
    Objects.requireNonNull(first, "first");
    return new AsyncPager<>(() -> CompletableFuture.completedFuture(first));
  }

  /**
   * Walks from the page {@code fetchFirst} returns; nothing is fetched until a walk starts.
   *
   * @param <T> the resource type
   * @param fetchFirst starts fetching the first page
   * @return the pager
   */
  public static <T> AsyncPager<T> lazy(Supplier<CompletableFuture<Page<T>>> fetchFirst) {
    Objects.requireNonNull(fetchFirst, "fetchFirst");
    return new AsyncPager<>(fetchFirst);
  }

  /**
   * Calls {@code action} with every page in order, on the thread that completed its fetch. The future
   * completes after the last page, or fails with the first fetch failure (or the action's exception).
   *
   * @param action runs once per page, in order
   * @return a future that completes once every page was handled, or exceptionally with the first failure (a
   *     typed {@link io.github.kvsdk.klaviyo.errors.KlaviyoException} or what {@code action} threw)
   */
  public CompletableFuture<Void> forEachPage(Consumer<? super Page<T>> action) {
    Objects.requireNonNull(action, "action");
    Walk walk = new Walk(action);
    walk.follow(first());
    return walk.result;
  }

  /**
   * Calls {@code action} with every resource of every page, in order; see {@link #forEachPage}.
   *
   * @param action runs once per resource, in listing order
   * @return a future that completes once every page was handled, or exceptionally with the first failure (a
   *     typed {@link io.github.kvsdk.klaviyo.errors.KlaviyoException} or what {@code action} threw)
   */
  public CompletableFuture<Void> forEach(Consumer<? super T> action) {
    Objects.requireNonNull(action, "action");
    return forEachPage(page -> page.data().forEach(action));
  }

  /** Publishes every resource in order, fetching a page only while the subscriber has unmet demand. */
  @Override
  public void subscribe(Flow.Subscriber<? super T> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    ItemSubscription subscription = new ItemSubscription(subscriber);
    subscriber.onSubscribe(subscription);
  }

  private CompletableFuture<Page<T>> first() {
    try {
      CompletableFuture<Page<T>> first = firstPage.get();
      return first != null ? first
          : CompletableFuture.failedFuture(new IllegalStateException("the first-page supplier returned null"));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }

  /** The next page of {@code page}, or a failure if it links to itself (the walk would never end). */
  private static <T> CompletableFuture<Page<T>> next(Page<T> page) {
    Cursor cursor = page.nextCursor().orElseThrow(NoSuchElementException::new);
    CompletableFuture<Page<T>> fetch = page.nextPageAsync();
    CompletableFuture<Page<T>> checked = fetch.thenApply(next -> {
      if (next.nextCursor().filter(cursor::equals).isPresent()) {
        throw new IllegalStateException("the page at cursor " + cursor + " links to itself as next page");
      }
      return next;
    });
    checked.whenComplete((p, e) -> {
      if (checked.isCancelled()) fetch.cancel(true); // Dependent futures do not pass cancellation upstream.
    });
    return checked;
  }

  /** One {@link #forEachPage} walk. */
  private final class Walk {
    final CompletableFuture<Void> result = new CompletableFuture<>();
    final Consumer<? super Page<T>> action;
    volatile CompletableFuture<Page<T>> inFlight;

    Walk(Consumer<? super Page<T>> action) {
      this.action = action;
      result.whenComplete((v, e) -> {
        CompletableFuture<Page<T>> f = inFlight;
        if (result.isCancelled() && f != null) f.cancel(true);
      });
    }

    void follow(CompletableFuture<Page<T>> page) {
      inFlight = page;
      if (result.isDone()) {
        page.cancel(true);
        return;
      }
      page.whenComplete((p, e) -> {
        if (e != null) {
          result.completeExceptionally(unwrap(e));
          return;
        }
        try {
          action.accept(p);
        } catch (RuntimeException | Error failure) {
          result.completeExceptionally(failure);
          return;
        }
        if (!p.hasNextPage()) {
          result.complete(null);
        } else {
          follow(next(p));
        }
      });
    }
  }

  /** One subscriber's walk: a drain loop serialised by {@code wip}, fed by page fetches. */
  private final class ItemSubscription implements Flow.Subscription {
    private final Flow.Subscriber<? super T> subscriber;
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private final ArrayDeque<T> buffer = new ArrayDeque<>();
    private Page<T> current;
    private boolean started;
    private boolean terminated;
    private volatile boolean cancelled;
    private volatile boolean fetching;
    private volatile Page<T> arrived;
    private volatile Throwable failure;
    private volatile CompletableFuture<Page<T>> inFlight;

    ItemSubscription(Flow.Subscriber<? super T> subscriber) {
      this.subscriber = subscriber;
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        failure = new IllegalArgumentException("request(" + n + "): demand must be positive");
      } else {
        demand.getAndUpdate(d -> d + n < 0 ? Long.MAX_VALUE : d + n);
      }
      drain();
    }

    @Override
    public void cancel() {
      cancelled = true;
      CompletableFuture<Page<T>> f = inFlight;
      if (f != null) f.cancel(true);
    }

    private void drain() {
      if (wip.getAndIncrement() != 0) return;
      do {
        while (!terminated && !cancelled) {
          if (demand.get() > 0 && !buffer.isEmpty()) {
            demand.decrementAndGet();
            subscriber.onNext(buffer.poll());
            continue;
          }
          if (!buffer.isEmpty() && failure == null) break; // Waiting for demand.
          Page<T> page = arrived;
          if (page != null) {
            arrived = null;
            current = page;
            buffer.addAll(page.data());
            continue;
          }
          Throwable error = failure;
          if (error != null) {
            terminated = true;
            buffer.clear();
            subscriber.onError(error);
            break;
          }
          if (fetching) break;
          if (started && !current.hasNextPage()) {
            terminated = true;
            subscriber.onComplete();
            break;
          }
          if (demand.get() == 0) break; // Fetch only what is asked for.
          fetch(started ? next(current) : first());
          started = true;
        }
      } while (wip.decrementAndGet() != 0);
    }

    private void fetch(CompletableFuture<Page<T>> page) {
      fetching = true;
      inFlight = page;
      page.whenComplete((p, e) -> {
        if (e != null) {
          if (!cancelled) failure = unwrap(e);
        } else {
          arrived = p;
        }
        inFlight = null;
        fetching = false;
        drain();
      });
    }
  }
}
