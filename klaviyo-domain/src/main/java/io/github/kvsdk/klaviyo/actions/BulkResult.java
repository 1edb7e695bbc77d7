package io.github.kvsdk.klaviyo.actions;

import java.util.List;
import java.util.Optional;

/**
 * What a bulk action did, job by job: which jobs Klaviyo accepted, which failed with which error, and which
 * were cancelled or never sent. A failed job does not throw, so the jobs already accepted are never lost from
 * view; check {@link #allAccepted()} or {@link #failed()}.
 */
public final class BulkResult {
  private final List<BulkJob> jobs;

  BulkResult(List<BulkJob> jobs) {
    this.jobs = List.copyOf(jobs);
  }

  /** {@return every job, in input order} */
  public List<BulkJob> jobs() {
    return jobs;
  }

  /** {@return the jobs Klaviyo accepted} */
  public List<BulkJob> accepted() {
    return with(BulkJob.Status.ACCEPTED);
  }

  /** {@return the jobs that failed, each with its typed error} */
  public List<BulkJob> failed() {
    return with(BulkJob.Status.FAILED);
  }

  /** {@return the jobs cancelled in flight or never sent because the run stopped on a failure} */
  public List<BulkJob> notDone() {
    return jobs.stream().filter(j -> j.status() == BulkJob.Status.CANCELLED || j.status() == BulkJob.Status.NOT_SENT)
        .toList();
  }

  /** {@return the number of input items (events or profiles) in accepted jobs} */
  public int acceptedItems() {
    return accepted().stream().mapToInt(BulkJob::size).sum();
  }

  /** {@return true if Klaviyo accepted every job} */
  public boolean allAccepted() {
    return jobs.stream().allMatch(j -> j.status() == BulkJob.Status.ACCEPTED);
  }

  /** {@return the first failed job, in input order} */
  public Optional<BulkJob> firstFailure() {
    return failed().stream().findFirst();
  }

  private List<BulkJob> with(BulkJob.Status status) {
    return jobs.stream().filter(j -> j.status() == status).toList();
  }

  @Override
  public String toString() {
    return "BulkResult{jobs=" + jobs.size() + ", accepted=" + accepted().size() + ", failed=" + failed().size()
        + ", notDone=" + notDone().size() + "}";
  }
}
