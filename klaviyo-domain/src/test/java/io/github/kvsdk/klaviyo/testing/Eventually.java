package io.github.kvsdk.klaviyo.testing;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Polling with a deadline, for conditions another thread makes true: never a fixed sleep. */
public final class Eventually {
  private Eventually() {}

  /** Returns once {@code condition} holds; fails naming {@code what} after 10 s. */
  public static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting until " + what);
      Thread.sleep(5);
    }
  }
}
