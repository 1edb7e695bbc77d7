package io.github.kvsdk.klaviyo.connect.internal;

import io.github.kvsdk.klaviyo.errors.KlaviyoApiException;
import io.github.kvsdk.klaviyo.errors.KlaviyoNetworkException;
import io.github.kvsdk.klaviyo.errors.RateLimitedException;
import io.github.kvsdk.klaviyo.errors.ServerException;
import io.github.kvsdk.klaviyo.errors.KlaviyoUnexpectedResponseException;
import io.github.kvsdk.klaviyo.poller.PollResult;
import io.github.kvsdk.klaviyo.poller.Poller;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one stream's poller on its own thread: a poll, then the poll interval, until stopped. A poll
 * that fails for a reason that may pass (network, 5xx, 429 after the client's retries) is logged and
 * tried again after the interval; any other failure (401, 403, 400, an unreadable offset) is reported
 * to {@code onFatal} and ends the thread.
 */
public final class StreamPoller implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(StreamPoller.class);

  private final String name;
  private final Poller poller;
  private final ConnectOffsetStore store;
  private final Duration interval;
  private final Consumer<Throwable> onFatal;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean stopping;
  private volatile Thread thread;

  public StreamPoller(String name, Poller poller, ConnectOffsetStore store, Duration interval,
      Consumer<Throwable> onFatal) {
    this.name = name;
    this.poller = poller;
    this.store = store;
    this.interval = interval;
    this.onFatal = onFatal;
  }

  public void start() {
    Thread t = new Thread(this, "klaviyo-source-" + name);
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  @Override
  public void run() {
    try {
      while (!stopping) {
        store.discardPending();
        try {
          PollResult result = poller.pollOnce(store.consumer());
          if (!result.complete()) return;
          log.debug("Polled {}: {} pages, {} new objects", name, result.pages(), result.objectsEmitted());
        } catch (Exception e) {
          if (stopping) return;
          if (!retriable(e)) {
            onFatal.accept(e);
            return;
          }
          log.warn("Poll of {} failed; retrying in {} ms: {}", name, interval.toMillis(), e.toString());
        }
        if (stopped.await(interval.toMillis(), TimeUnit.MILLISECONDS)) return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops after the current page and waits up to {@code timeout} for the thread to end. */
  public void stop(Duration timeout) {
    stopping = true;
    stopped.countDown();
    try {
      poller.close();
    } catch (IOException e) {
      log.debug("Closing the poller of {}: {}", name, e.toString());
    }
    Thread t = thread;
    if (t != null) {
      t.interrupt();
      try {
        t.join(timeout.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static boolean retriable(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException) return false;
      if (cause instanceof KlaviyoNetworkException || cause instanceof ServerException
          || cause instanceof RateLimitedException || cause instanceof KlaviyoUnexpectedResponseException) {
        return true;
      }
      if (cause instanceof KlaviyoApiException) return false;
    }
    return e instanceof IOException;
  }
}
