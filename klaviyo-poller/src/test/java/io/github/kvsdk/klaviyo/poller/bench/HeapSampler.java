package io.github.kvsdk.klaviyo.poller.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * Samples heap use on a daemon thread: the highest heap in use at any sample, and the highest heap
 * still in use right after a garbage collection (the live set, which is what must stay flat).
 */
final class HeapSampler implements AutoCloseable {
  private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long peakUsed;
  private volatile long peakAfterGc;

  HeapSampler() {
    for (MemoryPoolMXBean pool : heapPools) pool.resetPeakUsage();
    thread = new Thread(this::run, "heap-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (running) {
      sample();
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void sample() {
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
    running = false;
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sample();
  }
}
