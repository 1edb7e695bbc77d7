package io.github.kvsdk.klaviyo.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which thread waits for a lock held by which, as the JVM reports it (monitors and {@code java.util.concurrent}
 * locks alike): lets a test see that callers queue behind one another instead of guessing it from elapsed time.
 */
public final class LockWaits {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private LockWaits() {}

  /** {@return whether {@code waiter} is blocked on a lock that {@code holder} holds} */
  public static boolean waitsForLockHeldBy(Thread waiter, Thread holder) {
    return lockOwnerId(waiter) == holder.getId();
  }

  /** {@return whether all of {@code threads} but one are blocked on locks held by that one} */
  public static boolean allButOneWaitForTheOther(List<Thread> threads) {
    Map<Long, Integer> waitersByOwner = new HashMap<>();
    for (Thread thread : threads) {
      long owner = lockOwnerId(thread);
      if (owner != -1) waitersByOwner.merge(owner, 1, Integer::sum);
    }
    return threads.size() > 1 && threads.stream()
        .anyMatch(owner -> waitersByOwner.getOrDefault(owner.getId(), 0) == threads.size() - 1);
  }

  private static long lockOwnerId(Thread thread) {
    ThreadInfo info = THREADS.getThreadInfo(thread.getId());
    return info == null ? -1 : info.getLockOwnerId();
  }
}
