package io.github.kvsdk.klaviyo.actions;

import io.github.kvsdk.klaviyo.errors.KlaviyoException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Sends the jobs of a bulk action and records each one's outcome. The asynchronous run keeps at most {@link
 * BulkOptions#maxInFlight()} jobs in flight, starting the next as one settles, and never blocks a thread.
 */
final class BulkRun<P> {
  private final List<P> jobs;
  private final List<Integer> sizes;
  private final BulkOptions options;
  private final BulkJob[] outcomes;
  private final List<CompletableFuture<Void>> inFlight;
  private final CompletableFuture<BulkResult> result = new CompletableFuture<>();
  private int next;
  private int running;
  private boolean stopped;

  private BulkRun(List<P> jobs, List<Integer> sizes, BulkOptions options) {
    this.jobs = jobs;
    this.sizes = sizes;
    this.options = options == null ? BulkOptions.defaults() : options;
    this.outcomes = new BulkJob[jobs.size()];
    this.inFlight = new ArrayList<>(java.util.Collections.nCopies(jobs.size(), null));
  }

  /** Sends the jobs one after another on the caller's thread. */
  static <P> BulkResult runAll(List<P> jobs, List<Integer> sizes, BulkOptions options, Consumer<P> send) {
    BulkRun<P> run = new BulkRun<>(jobs, sizes, options);
    for (int i = 0; i < jobs.size(); i++) {
      if (run.stopped) {
        run.record(i, BulkJob.Status.NOT_SENT, null);
        continue;
      }
      try {
        send.accept(jobs.get(i));
        run.record(i, BulkJob.Status.ACCEPTED, null);
      } catch (KlaviyoException e) {
        run.record(i, BulkJob.Status.FAILED, e);
        if (run.options.stopOnFailure()) run.stopped = true;
      }
    }
    return new BulkResult(List.of(run.outcomes));
  }

  /**
   * Sends the jobs concurrently, at most {@link BulkOptions#maxInFlight()} at a time. The future completes with
   * every job's outcome; cancelling it stops the run like a failure with {@code stopOnFailure} does.
   */
  static <P> CompletableFuture<BulkResult> runAllAsync(
      List<P> jobs, List<Integer> sizes, BulkOptions options, Function<P, CompletableFuture<Void>> send) {
    BulkRun<P> run = new BulkRun<>(jobs, sizes, options);
    run.result.whenComplete((r, e) -> {
      if (run.result.isCancelled()) run.stop();
    });
    run.launch(send);
    return run.result;
  }

  private void launch(Function<P, CompletableFuture<Void>> send) {
    while (true) {
      int index;
      synchronized (this) {
        if (stopped || next == jobs.size() || running >= options.maxInFlight()) break;
        index = next++;
        running++;
      }
      CompletableFuture<Void> call;
      try {
        call = send.apply(jobs.get(index));
      } catch (RuntimeException e) {
        call = CompletableFuture.failedFuture(e);
      }
      synchronized (this) {
        inFlight.set(index, call);
      }
      call.whenComplete((ignored, error) -> settle(index, error, send));
    }
    finishIfDone();
  }

  private void settle(int index, Throwable error, Function<P, CompletableFuture<Void>> send) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    boolean stopNow = false;
    synchronized (this) {
      running--;
      inFlight.set(index, null);
      if (cause == null) {
        record(index, BulkJob.Status.ACCEPTED, null);
      } else if (cause instanceof CancellationException && stopped) {
        record(index, BulkJob.Status.CANCELLED, null);
      } else {
        KlaviyoException typed = cause instanceof KlaviyoException k ? k
            : new KlaviyoException("job " + index + " failed: " + cause, cause);
        record(index, BulkJob.Status.FAILED, typed);
        stopNow = options.stopOnFailure() && !stopped;
      }
    }
    if (stopNow) stop();
    launch(send);
  }

  /** Sends nothing more and cancels the jobs in flight. */
  private void stop() {
    List<CompletableFuture<Void>> toCancel = new ArrayList<>();
    synchronized (this) {
      stopped = true;
      for (CompletableFuture<Void> call : inFlight) if (call != null) toCancel.add(call);
    }
    for (CompletableFuture<Void> call : toCancel) call.cancel(true);
    finishIfDone();
  }

  private void finishIfDone() {
    BulkResult done = null;
    synchronized (this) {
      if (result.isDone() || running > 0 || (!stopped && next < jobs.size())) return;
      for (int i = 0; i < outcomes.length; i++) {
        if (outcomes[i] == null) record(i, BulkJob.Status.NOT_SENT, null);
      }
      done = new BulkResult(List.of(outcomes));
    }
    result.complete(done);
  }

  private void record(int index, BulkJob.Status status, KlaviyoException error) {
    int first = 0;
    for (int i = 0; i < index; i++) first += sizes.get(i);
    outcomes[index] = new BulkJob(index, first, sizes.get(index), status, error);
  }
}
