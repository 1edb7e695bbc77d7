package io.github.kvsdk.klaviyo.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.errors.KlaviyoException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The asynchronous bulk run, driven by futures the test completes: no network, no timing. */
final class BulkRunTest {
  private final List<CompletableFuture<Void>> started = Collections.synchronizedList(new ArrayList<>());

  private CompletableFuture<BulkResult> run(int jobs, BulkOptions options) {
    List<Integer> ids = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      ids.add(i);
      sizes.add(10);
    }
    return BulkRun.runAllAsync(ids, sizes, options, id -> {
      CompletableFuture<Void> call = new CompletableFuture<>();
      started.add(call);
      return call;
    });
  }

  @Test
  void keepsAtMostFourJobsInFlightByDefault() throws Exception {
    CompletableFuture<BulkResult> result = run(10, BulkOptions.defaults());
    assertThat(started).hasSize(4);
    started.get(0).complete(null);
    assertThat(started).hasSize(5);
    started.get(2).complete(null);
    started.get(1).complete(null);
    assertThat(started).hasSize(7);
    for (int i = 0; i < started.size(); i++) started.get(i).complete(null); // each completion starts the next
    assertThat(started).hasSize(10);
    BulkResult done = result.get(5, TimeUnit.SECONDS);
    assertThat(done.allAccepted()).isTrue();
    assertThat(done.acceptedItems()).isEqualTo(100);
  }

  @Test
  void theLimitIsConfigurable() {
    run(10, BulkOptions.builder().maxInFlight(2).build());
    assertThat(started).hasSize(2);
  }

  @Test
  void aFailureIsReportedAndTheRestStillRunByDefault() throws Exception {
    CompletableFuture<BulkResult> result = run(5, BulkOptions.defaults());
    started.get(1).completeExceptionally(new KlaviyoException("refused"));
    for (int i = 0; i < started.size(); i++) started.get(i).complete(null);
    assertThat(started).hasSize(5);
    BulkResult done = result.get(5, TimeUnit.SECONDS);
    assertThat(done.jobs()).extracting(BulkJob::status).containsExactly(BulkJob.Status.ACCEPTED,
        BulkJob.Status.FAILED, BulkJob.Status.ACCEPTED, BulkJob.Status.ACCEPTED, BulkJob.Status.ACCEPTED);
    assertThat(done.failed().get(0).error()).get().extracting(Throwable::getMessage).isEqualTo("refused");
  }

  @Test
  void stopOnFailureCancelsTheJobsInFlightAndSendsNoMore() throws Exception {
    CompletableFuture<BulkResult> result = run(10, BulkOptions.builder().stopOnFailure(true).build());
    started.get(0).complete(null);
    assertThat(started).hasSize(5);
    started.get(1).completeExceptionally(new KlaviyoException("refused"));
    BulkResult done = result.get(5, TimeUnit.SECONDS);
    assertThat(started).hasSize(5);
    assertThat(started.subList(2, 5)).allMatch(CompletableFuture::isCancelled);
    assertThat(done.jobs()).extracting(BulkJob::status).containsExactly(
        BulkJob.Status.ACCEPTED, BulkJob.Status.FAILED,
        BulkJob.Status.CANCELLED, BulkJob.Status.CANCELLED, BulkJob.Status.CANCELLED,
        BulkJob.Status.NOT_SENT, BulkJob.Status.NOT_SENT, BulkJob.Status.NOT_SENT, BulkJob.Status.NOT_SENT,
        BulkJob.Status.NOT_SENT);
    assertThat(done.notDone()).hasSize(8);
  }

  @Test
  void cancellingTheResultCancelsTheJobsInFlight() {
    CompletableFuture<BulkResult> result = run(10, BulkOptions.defaults());
    result.cancel(true);
    assertThat(started).hasSize(4).allMatch(CompletableFuture::isCancelled);
  }
}
