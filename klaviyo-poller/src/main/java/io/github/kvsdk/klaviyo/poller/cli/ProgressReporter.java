package io.github.kvsdk.klaviyo.poller.cli;

import io.github.kvsdk.klaviyo.poller.PollListener;
import io.github.kvsdk.klaviyo.poller.checkpoint.Checkpoint;
import java.io.PrintStream;

/** Reports pages, objects and throughput on standard error, per poll. */
final class ProgressReporter implements PollListener {
  private final PrintStream err;
  private final boolean showPages;
  private long pages;
  private long startNanos = System.nanoTime();
  private long objects;

  ProgressReporter(PrintStream err, boolean showPages) {
    this.err = err;
    this.showPages = showPages;
  }

  /** Restarts the object count and the clock; pages keep counting across polls. */
  void pollStarted() {
    startNanos = System.nanoTime();
    objects = 0;
  }

  @Override
  public void pageCompleted(int fetched, int emitted, Checkpoint checkpoint) {
    pages++;
    objects += emitted;
    if (!showPages) return;
    err.printf("page %d: %d fetched, %d emitted; %d objects this poll, %.0f objects/s; "
            + "checkpoint %s%s%s%n",
        pages, fetched, emitted, objects, rate(), checkpoint.boundary(),
        checkpoint.idsAtBoundary().isEmpty()
            ? "" : " (+" + checkpoint.idsAtBoundary().size() + " ids in that second)",
        checkpoint.unsettledSeconds().isEmpty()
            ? "" : "; unsettled " + checkpoint.unsettledSeconds().keySet());
  }

  /** Pages completed (emitted and checkpointed) since this reporter was created. */
  long pages() {
    return pages;
  }

  double rate() {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    return seconds <= 0 ? 0 : objects / seconds;
  }
}
