package io.github.kvsdk.klaviyo.poller;

import io.github.kvsdk.klaviyo.poller.checkpoint.Checkpoint;

/** Observes a poller's progress, e.g. to report it. Methods run on the polling thread. */
public interface PollListener {
  /** A listener that ignores everything; the default. */
  PollListener NONE = new PollListener() {};

  /**
   * A page was fetched, its new objects accepted by the consumer and the checkpoint saved.
   *
   * @param fetched objects on the page
   * @param emitted objects handed to the consumer (new ones; duplicates and out-of-window skipped)
   * @param checkpoint the checkpoint now saved
   */
  default void pageCompleted(int fetched, int emitted, Checkpoint checkpoint) {}

  /**
   * A poll ended without failing: it reached its upper bound, or a close stopped it early.
   *
   * @param result what the poll fetched and emitted, and the checkpoint it ended on
   */
  default void pollCompleted(PollResult result) {}

  /**
   * A poll of the scheduled loop failed. The loop polls again after a backoff if the failure may
   * heal ({@link RetryableFailures#isRetryable}) and stops otherwise.
   *
   * @param e why the poll failed
   */
  default void pollFailed(Exception e) {}
}
