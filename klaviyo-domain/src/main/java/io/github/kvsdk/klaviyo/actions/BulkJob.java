package io.github.kvsdk.klaviyo.actions;

import io.github.kvsdk.klaviyo.errors.KlaviyoException;
import java.util.Optional;

/** The outcome of one job of a bulk action: which part of the input it carried and what became of it. */
public final class BulkJob {
  /** What became of a job. */
  public enum Status {
    /** Klaviyo accepted the job (it processes jobs asynchronously). */
    ACCEPTED,
    /** The job was refused or could not be sent; {@link #error()} says why. */
    FAILED,
    /** The job was in flight when the run stopped and was cancelled: Klaviyo may or may not have received it. */
    CANCELLED,
    /** The run stopped before this job was sent. */
    NOT_SENT
  }

  private final int index;
  private final int firstItem;
  private final int size;
  private final Status status;
  private final KlaviyoException error;

  BulkJob(int index, int firstItem, int size, Status status, KlaviyoException error) {
    this.index = index;
    this.firstItem = firstItem;
    this.size = size;
    this.status = status;
    this.error = error;
  }

  /** {@return the job's position, from 0, in the order the input was split} */
  public int index() {
    return index;
  }

  /** {@return the index in the caller's input list of the job's first item} */
  public int firstItem() {
    return firstItem;
  }

  /** {@return how many input items (events or profiles) the job carried} */
  public int size() {
    return size;
  }

  /** {@return what became of the job} */
  public Status status() {
    return status;
  }

  /** {@return the typed error of a {@link Status#FAILED} job} */
  public Optional<KlaviyoException> error() {
    return Optional.ofNullable(error);
  }

  @Override
  public String toString() {
    return "BulkJob{index=" + index + ", items=" + firstItem + ".." + (firstItem + size - 1) + ", " + status
        + (error == null ? "" : ", " + error.getClass().getSimpleName()) + "}";
  }
}
