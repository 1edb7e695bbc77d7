package io.github.kvsdk.klaviyo.poller.checkpoint;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How far a poll stream has got. Klaviyo timestamps have whole-second precision and listings sort
 * on one field only, so progress is a second plus the objects already emitted within it:
 *
 * <ul>
 *   <li>every object whose timestamp lies in a second before {@link #boundary()} (and at or after
 *       the configured start), other than the {@link #unsettledSeconds() unsettled seconds}, has
 *       been emitted and accepted;
 *   <li>of the objects whose timestamp lies in the second {@link #boundary()}, those whose ids are
 *       in {@link #idsAtBoundary()} have been emitted and accepted;
 *   <li>of the objects whose timestamp lies in an unsettled second, those whose ids are in its
 *       {@link UnsettledSecond#emitted()} set have been emitted and accepted.
 * </ul>
 *
 * <p>For object types whose listings may come out of order (campaigns), the boundary moves only
 * after a listing that fit in a single response, and the sets, used only while a second holding more
 * objects than a response is read, hold {@code id@epochSecond} keys instead of bare ids: an object
 * emitted once and changed since (a new timestamp, so a new key) is emitted again.
 *
 * @param boundary the first second not known to be complete; always a whole second
 * @param idsAtBoundary ids already emitted whose timestamp lies in the boundary second (for
 *     out-of-order listings: {@code id@epochSecond} keys of the objects emitted at the boundary)
 * @param unsettledSeconds earlier seconds, each holding more objects than a response, that are not
 *     yet known to be complete; usually empty
 */
public record Checkpoint(Instant boundary, Set<String> idsAtBoundary,
    Map<Instant, UnsettledSecond> unsettledSeconds) {
  /**
   * Creates a checkpoint; the sets and the map are copied.
   *
   * @param boundary the first second not known to be complete; a whole second
   * @param idsAtBoundary ids already emitted whose timestamp lies in the boundary second
   * @param unsettledSeconds earlier seconds not yet known to be complete, each before the boundary
   * @throws IllegalArgumentException if a second is not whole or an unsettled second is not before the boundary
   */
  public Checkpoint {
    Objects.requireNonNull(boundary, "boundary");
    if (boundary.getNano() != 0) {
      throw new IllegalArgumentException("boundary must be a whole second: " + boundary);
    }
    idsAtBoundary = Collections.unmodifiableSet(new TreeSet<>(idsAtBoundary));
    unsettledSeconds = Collections.unmodifiableMap(new TreeMap<>(unsettledSeconds));
    for (Instant second : unsettledSeconds.keySet()) {
      if (second.getNano() != 0 || !second.isBefore(boundary)) {
        throw new IllegalArgumentException("an unsettled second must be a whole second before the "
            + "boundary " + boundary + ": " + second);
      }
    }
  }

  /**
   * A checkpoint without unsettled seconds.
   *
   * @param boundary the first second not known to be complete; a whole second
   * @param idsAtBoundary ids already emitted whose timestamp lies in the boundary second
   */
  public Checkpoint(Instant boundary, Set<String> idsAtBoundary) {
    this(boundary, idsAtBoundary, Map.of());
  }

  /**
   * A stream that has emitted nothing yet and starts at {@code start} (inclusive).
   *
   * @param start the earliest timestamp to poll; a start inside a second begins at the next whole second
   * @return the checkpoint of a stream that has not polled yet
   */
  public static Checkpoint startingAt(Instant start) {
    Instant second = start.truncatedTo(ChronoUnit.SECONDS);
    // A start inside a second excludes that second: timestamps are whole seconds.
    if (second.isBefore(start)) second = second.plusSeconds(1);
    return new Checkpoint(second, Set.of());
  }

  /**
   * This checkpoint with {@code second} unsettled as {@code state}, or settled if state is null.
   *
   * @param second a whole second before the boundary
   * @param state what is known of the second, or null to settle it
   * @return a new checkpoint; this one is unchanged
   */
  public Checkpoint withUnsettled(Instant second, UnsettledSecond state) {
    Map<Instant, UnsettledSecond> seconds = new TreeMap<>(unsettledSeconds);
    if (state == null) {
      seconds.remove(second);
    } else {
      seconds.put(second, state);
    }
    return new Checkpoint(boundary, idsAtBoundary, seconds);
  }

  @Override
  public String toString() {
    return "Checkpoint{boundary=" + boundary + ", idsAtBoundary=" + idsAtBoundary.size()
        + (unsettledSeconds.isEmpty() ? "" : ", unsettledSeconds=" + unsettledSeconds.keySet())
        + "}";
  }
}
