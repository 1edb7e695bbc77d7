package com.example.klaviyo;

import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.actions.ProfileAttributes;
import io.github.kvsdk.klaviyo.metrics.KlaviyoMeters;
import io.github.kvsdk.klaviyo.poller.PollListener;
import io.github.kvsdk.klaviyo.poller.PollResult;
import io.github.kvsdk.klaviyo.poller.Poller;
import io.github.kvsdk.klaviyo.poller.checkpoint.FileCheckpointStore;
import io.github.kvsdk.klaviyo.poller.config.PollerConfig;
import io.github.kvsdk.klaviyo.poller.metrics.PollerMeters;
import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The poller as a library in a long-running program: a scheduled loop hands new and updated profiles to a
 * consumer and saves a checkpoint file after each page; a JVM shutdown hook closes the poller, which finishes
 * the page in progress and saves its checkpoint, so a restart continues where it stopped.
 *
 * <p>The example backfills the sandbox's profiles, creates three more and waits for the loop to deliver them,
 * prints the poller's meters, then ends the JVM the way a SIGTERM or Ctrl-C would, through the shutdown hook.
 * Runs against an embedded sandbox unless {@code KLAVIYO_BASE_URL} (and {@code KLAVIYO_API_KEY}) name another.
 */
public final class PollerLibrary {
  public static void main(String[] args) throws Exception {
    String baseUrl = System.getenv("KLAVIYO_BASE_URL");
    KlaviyoSandbox sandbox = baseUrl == null ? KlaviyoSandbox.builder().seedProfiles(300).start() : null;
    String url = sandbox != null ? sandbox.baseUrl() : baseUrl;
    String apiKey = System.getenv().getOrDefault("KLAVIYO_API_KEY", KlaviyoSandbox.DEFAULT_API_KEY);
    Path checkpoints = Files.createTempDirectory("klaviyo-poller-example").resolve("checkpoints.json");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();

    AtomicLong received = new AtomicLong();
    AtomicLong backfilled = new AtomicLong(Long.MAX_VALUE); // Known once the first poll is done.
    CountDownLatch firstPollDone = new CountDownLatch(1);
    CountDownLatch newProfiles = new CountDownLatch(3);
    Poller poller = Poller.builder()
        .config(PollerConfig.builder().objectType("profiles").timestampField("updated")
            .pageSize(100).lag(Duration.ZERO).build())
        .apiKey(apiKey)
        .baseUrl(url)
        .checkpointStore(new FileCheckpointStore(checkpoints))
        .interval(Duration.ofSeconds(1))
        .meterRegistry(registry)
        .listener(new PollListener() {
          @Override
          public void pollCompleted(PollResult result) {
            firstPollDone.countDown();
          }
        })
        .build();

    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        poller.close(); // Lets the page in progress finish and saves its checkpoint.
        System.out.println("Shutdown: poller closed, checkpoint saved (" + Files.size(checkpoints) + " bytes)");
        System.out.printf("Meters: %.0f pages, %.0f objects emitted, lag behind now %.0f s, %d Get Profiles calls%n",
            registry.get(PollerMeters.PAGES).counter().count(),
            registry.get(PollerMeters.OBJECTS_EMITTED).counter().count(),
            registry.get(PollerMeters.LAG).timeGauge().value(TimeUnit.SECONDS),
            registry.get(KlaviyoMeters.CALLS).tag(KlaviyoMeters.TAG_OPERATION, "get_profiles").timers().stream()
                .mapToLong(timer -> timer.count()).sum());
        Files.delete(checkpoints); // A real program keeps it: the next start continues from it.
        Files.delete(checkpoints.getParent());
      } catch (IOException e) {
        e.printStackTrace();
      } finally {
        if (sandbox != null) sandbox.close();
      }
    }, "poller-shutdown"));

    // The consumer runs on the polling thread; returning normally accepts the object.
    poller.start(message -> {
      if (received.incrementAndGet() > backfilled.get()) newProfiles.countDown();
    });

    if (!firstPollDone.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("The backfill did not finish");
    backfilled.set(received.get());
    System.out.println("Backfill delivered " + backfilled.get() + " profiles");

    try (KlaviyoClient client = KlaviyoClient.builder().apiKey(apiKey).baseUrl(url).build()) {
      for (String name : new String[] {"ada", "grace", "edsger"}) {
        client.profiles().create(ProfileAttributes.builder().email(name + "@example.com").build());
      }
    }
    boolean delivered = newProfiles.await(60, TimeUnit.SECONDS); // The loop polls every second.
    System.out.println("The loop delivered " + (received.get() - backfilled.get()) + " new profiles");

    // In production the JVM runs the shutdown hook on SIGTERM or Ctrl-C; here the example ends itself the same way.
    System.exit(delivered ? 0 : 1);
  }
}
