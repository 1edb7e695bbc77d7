package io.github.kvsdk.klaviyo.poller.metrics;

import io.github.kvsdk.klaviyo.poller.PollResult;
import io.github.kvsdk.klaviyo.poller.Poller;
import io.github.kvsdk.klaviyo.poller.checkpoint.InMemoryCheckpointStore;
import io.github.kvsdk.klaviyo.poller.config.PollerConfig;
import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Run by {@link PollerWithoutMicrometerTest} in a class loader that cannot see Micrometer: polls a sandbox with
 * a poller built without a registry and reports what it emitted.
 */
public final class NoMicrometerPollerProbe implements Supplier<String> {
  @Override
  public String get() {
    try {
      Class.forName("io.micrometer.core.instrument.MeterRegistry", false, getClass().getClassLoader());
      return "Micrometer is visible";
    } catch (ClassNotFoundException expected) {
      // The point of the probe.
    }
    try (KlaviyoSandbox sandbox = KlaviyoSandbox.builder().seedProfiles(25).start();
        Poller poller = Poller.builder()
            .config(PollerConfig.builder().objectType("profiles").timestampField("updated").lag(Duration.ZERO).build())
            .apiKey(sandbox.defaultApiKey())
            .baseUrl(sandbox.baseUrl())
            .checkpointStore(new InMemoryCheckpointStore())
            .build()) {
      PollResult result = poller.pollOnce(message -> { });
      return "emitted=" + result.objectsEmitted();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
