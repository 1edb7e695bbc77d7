package io.github.kvsdk.klaviyo.http.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * The OkHttp client a {@code KlaviyoClient} hands out: its calls are {@link SdkCall}s, so asynchronous calls
 * wait for retries and rate limits on one small scheduler thread instead of on OkHttp's dispatcher threads.
 * Everything else (pools, dispatcher, interceptors, timeouts) is OkHttp's. A {@link #newBuilder()} copy is a
 * plain OkHttp client: the interceptors still apply, but its asynchronous calls wait on dispatcher threads.
 */
public final class SdkHttpClient extends OkHttpClient {
  private final Scheduler scheduler;

  public SdkHttpClient(OkHttpClient.Builder builder) {
    super(builder);
    this.scheduler = new Scheduler();
  }

  @Override
  public Call newCall(Request request) {
    return new SdkCall(this, request);
  }

  /**
   * Sends {@code call} from a thread that may make a blocking request without waiting for anything else,
   * such as a dispatcher thread that has just read the previous response of a loop: a call of this client
   * runs its first attempt on that thread, saving the hand-off to another dispatcher thread, but never waits
   * there (an attempt that must wait is re-enqueued later, as with {@link Call#enqueue}). Any other call is
   * enqueued. {@code callback} may be called before this returns.
   *
   * @throws RuntimeException what the interceptors threw, as {@link Call#execute()} would.
   */
  public static void enqueueHere(Call call, Callback callback) {
    if (call instanceof SdkCall sdkCall) {
      sdkCall.enqueueHere(callback);
    } else {
      call.enqueue(callback);
    }
  }

  /** An OkHttp call for one attempt, bypassing {@link SdkCall}. */
  Call newAttempt(Request request) {
    return super.newCall(request);
  }

  Scheduler scheduler() {
    return scheduler;
  }

  /**
   * Stops the retry scheduler: calls waiting to retry fail with "client closed", later calls fail at once.
   * The dispatcher and connection pool are left to the owner of the underlying OkHttp client.
   */
  public void shutdown() {
    scheduler.shutdown();
  }

  public boolean isShutdown() {
    return scheduler.closed;
  }

  /** Number of asynchronous calls waiting to be re-enqueued. */
  public int waitingCalls() {
    return scheduler.waiting.size();
  }

  /** One daemon thread, started on first use and stopped after a minute idle. */
  static final class Scheduler {
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final ScheduledThreadPoolExecutor executor;
    private final Set<SdkCall> waiting = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    Scheduler() {
      String name = "klaviyo-retry-scheduler-" + CLIENTS.incrementAndGet();
      executor = new ScheduledThreadPoolExecutor(1, task -> {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
      });
      executor.setKeepAliveTime(60, TimeUnit.SECONDS);
      executor.allowCoreThreadTimeOut(true);
      executor.setRemoveOnCancelPolicy(true); // A cancelled call's task goes at once, not at its due time.
    }

    /** Runs {@code call.resume()} after {@code delay}; null if the client is closed. */
    ScheduledFuture<?> schedule(SdkCall call, Duration delay) {
      if (closed) return null;
      waiting.add(call);
      try {
        return executor.schedule(() -> {
          waiting.remove(call);
          call.resume();
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        waiting.remove(call);
        return null;
      }
    }

    void done(SdkCall call) {
      waiting.remove(call);
    }

    void shutdown() {
      closed = true;
      executor.shutdownNow();
      for (SdkCall call : waiting.toArray(new SdkCall[0])) call.failClosed();
      waiting.clear();
    }
  }
}
