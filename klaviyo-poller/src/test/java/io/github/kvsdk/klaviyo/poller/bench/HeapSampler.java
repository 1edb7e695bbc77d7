package io.github.kvsdk.klaviyo.poller.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples heap use every 10 ms on a daemon thread: the highest heap in use at any sample, and the highest heap
 * still in use right after a garbage collection (the live set, which is what must stay flat).
 */
final class HeapSampler implements AutoCloseable {
  private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "heap-sampler");
    thread.setDaemon(true);
    return thread;
  });
  private volatile long peakUsed;
  private volatile long peakAfterGc;

  HeapSampler() {
    for (MemoryPoolMXBean pool : heapPools) pool.resetPeakUsage();
    sampler.scheduleAtFixedRate(this::sample, 0, 10, TimeUnit.MILLISECONDS);
  }

  private synchronized void sample() {
    long used = 0;
    long afterGc = 0;
    for (MemoryPoolMXBean pool : heapPools) {
      used += pool.getUsage().getUsed();
      MemoryUsage collection = pool.getCollectionUsage();
      if (collection != null) afterGc += collection.getUsed();
    }
    peakUsed = Math.max(peakUsed, used);
    peakAfterGc = Math.max(peakAfterGc, afterGc);
  }

  /** The highest sampled heap use, garbage included. */
  long peakUsed() {
    return peakUsed;
  }

  /** The highest heap use measured right after a collection: the live set. */
  long peakAfterGc() {
    return peakAfterGc;
  }

  @Override
  public void close() {
    sampler.shutdown();
    try {
      sampler.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sample();
  }
}
