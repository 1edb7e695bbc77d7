package io.github.kvsdk.klaviyo.sandbox.faults;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** The faults currently armed in a sandbox. Thread-safe. */
public final class Faults {
  private static final class Armed {
    final Fault fault;
    final AtomicInteger remaining;
    final AtomicInteger fired = new AtomicInteger();

    Armed(Fault fault) {
      this.fault = fault;
      this.remaining = new AtomicInteger(fault.timesLimit());
    }
  }

  private final List<Armed> armed = new CopyOnWriteArrayList<>();

  /**
   * Arms {@code fault}; faults are tried in the order they were added and the first that fires wins.
   *
   * @param fault the fault
   * @return these faults
   */
  public Faults add(Fault fault) {
    armed.add(new Armed(fault));
    return this;
  }

  /**
   * {@return whether no fault is armed}
   */
  public boolean isEmpty() {
    return armed.isEmpty();
  }

  /** Disarms every fault. */
  public void clear() {
    armed.clear();
  }

  /**
   * {@return the armed faults, including exhausted counted ones}
   */
  public List<Fault> list() {
    return armed.stream().map(a -> a.fault).toList();
  }

  /**
   * How many times {@code fault} (the instance passed to {@link #add}) has fired.
   *
   * @param fault the fault
   * @return how many times it fired
   */
  public int firedCount(Fault fault) {
    return armed.stream().filter(a -> a.fault == fault).mapToInt(a -> a.fired.get()).sum();
  }

  /**
   * The fault to apply to this request, or null. Counts it as fired.
   *
   * @param method the request's HTTP method
   * @param path the request's path
   * @return the fault to apply, or null
   */
  public Fault next(String method, String path) {
    for (Armed a : armed) {
      if (!a.fault.matches(method, path)) {
        continue;
      }
      if (a.fault.probabilityValue() < 1 && ThreadLocalRandom.current().nextDouble() >= a.fault.probabilityValue()) {
        continue;
      }
      if (a.fault.timesLimit() > 0) {
        int left = a.remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0);
        if (left <= 0) {
          continue;
        }
      }
      a.fired.incrementAndGet();
      return a.fault;
    }
    return null;
  }
}
