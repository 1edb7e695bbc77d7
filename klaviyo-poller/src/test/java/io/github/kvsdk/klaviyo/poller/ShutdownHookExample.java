package io.github.kvsdk.klaviyo.poller;

import io.github.kvsdk.klaviyo.poller.checkpoint.FileCheckpointStore;
import io.github.kvsdk.klaviyo.poller.config.PollerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The module README's pattern for a long-running {@link Poller#start}, as a program: the polling
 * thread is a daemon, so {@code main} waits, and a shutdown hook calls {@link Poller#close()} so
 * that a SIGTERM finishes the current page and saves its checkpoint.
 *
 * <p>Arguments: base URL, API key, checkpoint file.
 */
final class ShutdownHookExample {
  public static void main(String[] args) throws Exception {
    Poller poller = Poller.builder()
        .config(PollerConfig.builder().objectType("profiles").timestampField("updated")
            .pageSize(10).lag(Duration.ZERO).build())
        .baseUrl(args[0])
        .apiKey(args[1])
        .checkpointStore(new FileCheckpointStore(Path.of(args[2])))
        .interval(Duration.ofSeconds(1))
        .build();
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        poller.close(); // Finishes the current page and saves its checkpoint.
        System.out.println("closed");
      } catch (IOException e) {
        e.printStackTrace();
      } finally {
        closed.countDown();
      }
    }));
    poller.start(message -> System.out.println(message.json()));
    closed.await(); // The polling thread is a daemon: keep the JVM alive until the hook ran.
  }
}
