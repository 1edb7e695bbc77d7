package io.github.kvsdk.klaviyo.poller.checkpoint;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * A second before the checkpoint's boundary holding more objects than one response, whose listings
 * have not yet shown it complete: under steady updates two listings of such a second can keep
 * disagreeing, and a poll does not wait for them to agree. Later polls list the second again until
 * a listing equals the one before it (or fits a single response); then it is settled.
 *
 * @param emitted ids (for out-of-order listings: {@code id@epochSecond} keys) of the objects in the
 *     second that have been emitted and accepted
 * @param lastListing the ids of the last complete listing of the second, a subset of {@code emitted}
 */
public record UnsettledSecond(Set<String> emitted, Set<String> lastListing) {
  /**
   * Creates the state of an unsettled second; the sets are copied.
   *
   * @param emitted keys of the objects in the second that have been emitted and accepted
   * @param lastListing the keys of the last complete listing of the second, a subset of {@code emitted}
   * @throws IllegalArgumentException if {@code lastListing} holds a key {@code emitted} does not
   */
  public UnsettledSecond {
    emitted = Collections.unmodifiableSet(new TreeSet<>(emitted));
    lastListing = Collections.unmodifiableSet(new TreeSet<>(lastListing));
    if (!emitted.containsAll(lastListing)) {
      throw new IllegalArgumentException("the last listing of an unsettled second holds ids that "
          + "were not emitted");
    }
  }

  @Override
  public String toString() {
    return "UnsettledSecond{emitted=" + emitted.size() + ", lastListing=" + lastListing.size() + "}";
  }
}
