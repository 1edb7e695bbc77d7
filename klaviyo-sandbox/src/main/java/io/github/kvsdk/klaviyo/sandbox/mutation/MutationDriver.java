package io.github.kvsdk.klaviyo.sandbox.mutation;

import io.github.kvsdk.klaviyo.sandbox.resources.Resource;
import io.github.kvsdk.klaviyo.sandbox.resources.SandboxState;
import io.github.kvsdk.klaviyo.sandbox.resources.Types;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Changes stored objects at a steady rate, as a live account would, so that pollers see a stream of
 * updates. Each update writes a {@code sandbox_mutation} counter (profiles: into {@code properties}) and
 * bumps the type's updated timestamp.
 *
 * <pre>{@code
 * sandbox.mutations().updateProfilesPerSecond(20);
 * ...
 * sandbox.mutations().stop();
 * }</pre>
 */
public final class MutationDriver implements AutoCloseable {
  private static final Map<String, String> UPDATED_FIELD = Map.of(Types.PROFILE, "updated", Types.LIST, "updated",
      Types.SEGMENT, "updated", Types.TEMPLATE, "updated", Types.FLOW, "updated", Types.CAMPAIGN, "updated_at",
      Types.FORM, "updated_at", Types.IMAGE, "updated_at", Types.REVIEW, "updated");
  private static final long TICK_MILLIS = 100;

  private final SandboxState state;
  private final Map<String, ScheduledFuture<?>> running = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> applied = new ConcurrentHashMap<>();
  private final Random random = new Random(7);
  private ScheduledExecutorService executor;

  /**
   * A driver that updates nothing until a rate is set.
   *
   * @param state the objects to update
   */
  public MutationDriver(SandboxState state) {
    this.state = state;
  }

  /**
   * Updates {@code perSecond} random profiles every second (0 stops).
   *
   * @param perSecond updates per second; 0 stops them
   * @return this driver
   */
  public MutationDriver updateProfilesPerSecond(double perSecond) {
    return updatePerSecond(Types.PROFILE, perSecond);
  }

  /**
   * Updates {@code perSecond} random objects of {@code type} every second (0 stops). Supported types:
   * profile, list, segment, template, flow, campaign, form, image, review.
   *
   * @param type the resource type, such as {@code profile}
   * @param perSecond updates per second; 0 stops them
   * @return this driver
   */
  public synchronized MutationDriver updatePerSecond(String type, double perSecond) {
    String updatedField = UPDATED_FIELD.get(type);
    if (updatedField == null) {
      throw new IllegalArgumentException("Type " + type + " cannot be mutated; supported: " + UPDATED_FIELD.keySet());
    }
    if (perSecond < 0) {
      throw new IllegalArgumentException("perSecond must be >= 0, was " + perSecond);
    }
    ScheduledFuture<?> previous = running.remove(type);
    if (previous != null) {
      previous.cancel(false);
    }
    if (perSecond == 0) {
      return this;
    }
    if (executor == null) {
      executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "klaviyo-sandbox-mutations");
        t.setDaemon(true);
        return t;
      });
    }
    double perTick = perSecond * TICK_MILLIS / 1000.0;
    double[] carry = {0};
    running.put(type, executor.scheduleAtFixedRate(() -> {
      carry[0] += perTick;
      int n = (int) carry[0];
      carry[0] -= n;
      for (int i = 0; i < n; i++) {
        mutateOne(type, updatedField);
      }
    }, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS));
    return this;
  }

  /**
   * Updates {@code count} random objects of {@code type} now; returns how many were updated.
   *
   * @param type the resource type, such as {@code profile}
   * @param count how many objects to update
   * @return how many objects were updated
   */
  public int mutateNow(String type, int count) {
    String updatedField = UPDATED_FIELD.get(type);
    if (updatedField == null) {
      throw new IllegalArgumentException("Type " + type + " cannot be mutated; supported: " + UPDATED_FIELD.keySet());
    }
    int done = 0;
    for (int i = 0; i < count; i++) {
      if (mutateOne(type, updatedField)) {
        done++;
      }
    }
    return done;
  }

  /**
   * How many updates the driver has applied to {@code type} so far.
   *
   * @param type the resource type, such as {@code profile}
   * @return how many updates were applied
   */
  public long appliedCount(String type) {
    AtomicLong n = applied.get(type);
    return n == null ? 0 : n.get();
  }

  private boolean mutateOne(String type, String updatedField) {
    List<Resource> all = state.table(type).unordered();
    if (all.isEmpty()) {
      return false;
    }
    Resource r;
    synchronized (random) {
      r = all.get(random.nextInt(all.size()));
    }
    long n = applied.computeIfAbsent(type, k -> new AtomicLong()).incrementAndGet();
    try {
      if (type.equals(Types.PROFILE)) {
        state.updateProfile(r.id(), Map.of("properties", Map.of("sandbox_mutation", n)));
      } else {
        state.update(type, r.id(), Map.of("$sandbox_mutation", n), updatedField);
      }
      return true;
    } catch (RuntimeException e) {
      return false; // deleted concurrently
    }
  }

  /** Stops every running mutation stream; returns once none of their updates is still in progress. */
  public synchronized void stop() {
    running.values().forEach(f -> f.cancel(false));
    running.clear();
    if (executor != null) {
      // The executor runs one task at a time, so once this no-op has run, a tick that was applying
      // updates when it was cancelled has finished: nothing changes after stop() returns.
      try {
        executor.submit(() -> { }).get(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
        // Best effort: the executor is shutting down or a tick is stuck in a slow update.
      }
    }
  }

  @Override
  public synchronized void close() {
    stop();
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }
}
