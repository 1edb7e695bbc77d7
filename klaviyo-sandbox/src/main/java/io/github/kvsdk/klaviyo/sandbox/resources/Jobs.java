package io.github.kvsdk.klaviyo.sandbox.resources;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The lifecycle of asynchronous bulk jobs: {@code queued} when created, {@code processing} after half the
 * job duration, {@code complete} (with {@code completed_count}, {@code failed_count}, per-item
 * {@code errors} and {@code completed_at}) once the duration has passed; the job's effect is applied at
 * that moment, not before. Time is the sandbox clock, so a test with a fake clock moves jobs along by
 * advancing it; jobs advance on every request the sandbox serves and, with the system clock, in the
 * background too. A duration of zero applies every job before its 202 is sent.
 */
final class Jobs implements AutoCloseable {
  /**
   * What applying a job did: how many items succeeded, the errors of those that failed, the ids touched,
   * and further attributes of the completed job (such as {@code skipped_count}).
   */
  record Outcome(int completed, List<Map<String, Object>> errors, Map<String, List<String>> relationships,
      Map<String, Object> attributes) {
    Outcome(int completed, List<Map<String, Object>> errors, Map<String, List<String>> relationships) {
      this(completed, errors, relationships, Map.of());
    }
  }

  private record Pending(Resource job, Instant queuedAt, Supplier<Outcome> effect) {}

  private final SandboxState state;
  private final Clock clock;
  private final Duration duration;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final ScheduledExecutorService ticker;

  Jobs(SandboxState state, Clock clock, Duration duration) {
    this.state = state;
    this.clock = clock;
    this.duration = duration;
    this.ticker = duration.isZero() ? null : Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sandbox-jobs");
      t.setDaemon(true);
      return t;
    });
    if (ticker != null) {
      long period = Math.max(10, Math.min(200, duration.toMillis() / 4));
      ticker.scheduleWithFixedDelay(this::advanceAll, period, period, TimeUnit.MILLISECONDS);
    }
  }

  /** Starts {@code job} (already stored, status {@code queued}); applies it at once when the duration is zero. */
  void submit(Resource job, Supplier<Outcome> effect) {
    Pending p = new Pending(job, clock.instant(), effect);
    if (duration.isZero()) {
      complete(p);
    } else {
      pending.put(job.type() + ":" + job.id(), p);
    }
  }

  /** Moves every pending job to the state the clock says it is in. */
  void advanceAll() {
    if (pending.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    for (Pending p : new ArrayList<>(pending.values())) {
      Duration elapsed = Duration.between(p.queuedAt(), now);
      if (elapsed.compareTo(duration) >= 0) {
        if (pending.remove(p.job().type() + ":" + p.job().id()) != null) {
          complete(p);
        }
      } else if (elapsed.compareTo(duration.dividedBy(2)) >= 0 && "queued".equals(p.job().attribute("status"))) {
        Map<String, Object> next = new LinkedHashMap<>(p.job().attributes());
        next.put("status", "processing");
        state.replace(p.job(), next);
      }
    }
  }

  private void complete(Pending p) {
    if ("cancelled".equals(p.job().attribute("status"))) {
      return;
    }
    Outcome outcome;
    try {
      outcome = p.effect().get();
    } catch (RuntimeException e) {
      Map<String, Object> error = error(e.getMessage() == null ? e.toString() : e.getMessage(), "/data");
      outcome = new Outcome(0, List.of(error), Map.of());
    }
    Map<String, Object> next = new LinkedHashMap<>(p.job().attributes());
    next.put("status", "complete");
    next.put("completed_count", (long) outcome.completed());
    next.put("failed_count", (long) outcome.errors().size());
    next.put("completed_at", clock.instant().truncatedTo(ChronoUnit.SECONDS));
    next.put("errors", outcome.errors());
    next.putAll(outcome.attributes());
    state.replace(p.job(), next);
    if (!outcome.relationships().isEmpty()) {
      Map<String, List<String>> rels = new LinkedHashMap<>(p.job().relationships());
      rels.putAll(outcome.relationships());
      state.relate(p.job(), rels);
    }
  }

  /** An error entry of a job's {@code errors}. */
  static Map<String, Object> error(String detail, String pointer) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("id", java.util.UUID.randomUUID().toString());
    e.put("code", "invalid");
    e.put("title", "Invalid input.");
    e.put("detail", detail);
    e.put("source", Map.of("pointer", pointer));
    return e;
  }

  /**
   * The attributes of a new job: queued, nothing done yet, expiring a week after creation. Members the
   * job type's schema does not declare are left out when it is rendered.
   */
  static void queued(Map<String, Object> attributes, int total, Instant now) {
    attributes.put("status", "queued");
    attributes.put("created_at", now);
    attributes.put("total_count", (long) total);
    attributes.put("completed_count", 0L);
    attributes.put("failed_count", 0L);
    attributes.put("expires_at", now.plus(Duration.ofDays(7)));
    attributes.put("errors", List.of());
  }

  @Override
  public void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
  }
}
