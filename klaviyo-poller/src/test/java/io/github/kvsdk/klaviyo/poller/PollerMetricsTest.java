package io.github.kvsdk.klaviyo.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kvsdk.klaviyo.metrics.KlaviyoMeters;
import io.github.kvsdk.klaviyo.poller.checkpoint.InMemoryCheckpointStore;
import io.github.kvsdk.klaviyo.poller.config.PollerConfig;
import io.github.kvsdk.klaviyo.poller.metrics.PollerMeters;
import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import io.github.kvsdk.klaviyo.sandbox.seed.SeedPlan;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The poller's meters against the sandbox, on a clock the test drives. */
@Tag("sandbox")
final class PollerMetricsTest {
  private static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");
  private static final Duration LAG = Duration.ofSeconds(5);

  private final MutableClock clock = new MutableClock(NOW);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private KlaviyoSandbox sandbox;

  @AfterEach
  void tearDown() {
    if (sandbox != null) sandbox.close();
  }

  private Poller poller() {
    return Poller.builder()
        .config(PollerConfig.builder().objectType("profiles").timestampField("updated").pageSize(50).lag(LAG).build())
        .apiKey(sandbox.defaultApiKey())
        .baseUrl(sandbox.baseUrl().toString())
        .checkpointStore(new InMemoryCheckpointStore())
        .clock(clock)
        .meterRegistry(registry)
        .build();
  }

  private double counter(String name) {
    return registry.get(name).tag(PollerMeters.TAG_TYPE, "profiles").counter().count();
  }

  private double gaugeSeconds(String name) {
    return registry.get(name).tag(PollerMeters.TAG_TYPE, "profiles").timeGauge().value(TimeUnit.SECONDS);
  }

  @Test
  void countsPagesAndObjectsAndReportsLagAndCheckpointAge() throws Exception {
    sandbox = KlaviyoSandbox.builder().clock(clock)
        .seed(SeedPlan.builder().between(NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofHours(1)))
            .profiles(230).build())
        .start();
    RecordingConsumer consumer = new RecordingConsumer();
    try (Poller poller = poller()) {
      assertThat(gaugeSeconds(PollerMeters.LAG)).isNaN();
      assertThat(gaugeSeconds(PollerMeters.CHECKPOINT_AGE)).isNaN();

      PollResult result = poller.pollOnce(consumer);

      assertThat(result.objectsEmitted()).isEqualTo(230);
      assertThat(counter(PollerMeters.OBJECTS_EMITTED)).isEqualTo(230.0);
      assertThat(counter(PollerMeters.OBJECTS_FETCHED)).isEqualTo((double) result.objectsFetched());
      assertThat(counter(PollerMeters.PAGES)).isEqualTo((double) result.pages()).isGreaterThanOrEqualTo(5.0);
      assertThat(registry.get(PollerMeters.POLLS).tags(PollerMeters.TAG_TYPE, "profiles",
          PollerMeters.TAG_COMPLETE, "true").counter().count()).isEqualTo(1.0);
      // The window ends at now - lag, so a complete poll leaves the stream exactly the lag behind.
      assertThat(gaugeSeconds(PollerMeters.LAG)).isEqualTo(LAG.toSeconds());
      assertThat(gaugeSeconds(PollerMeters.CHECKPOINT_AGE)).isZero();

      clock.advance(Duration.ofSeconds(30));
      assertThat(gaugeSeconds(PollerMeters.LAG)).isEqualTo(35.0);
      assertThat(gaugeSeconds(PollerMeters.CHECKPOINT_AGE)).isEqualTo(30.0);

      // The client the poller built records its calls in the same registry.
      assertThat(registry.get(KlaviyoMeters.CALLS).tags(KlaviyoMeters.TAG_OPERATION, "get_profiles",
          KlaviyoMeters.TAG_STATUS, "2xx").timer().count()).isEqualTo(result.pages());
    }
  }

  @Test
  void countsFailedPollsByException() throws Exception {
    sandbox = KlaviyoSandbox.builder().clock(clock).start();
    try (Poller poller = poller()) {
      poller.pollOnce(new RecordingConsumer());
      assertThat(counter(PollerMeters.PAGES)).isEqualTo(1.0);
      assertThat(counter(PollerMeters.OBJECTS_EMITTED)).isZero();

      sandbox.close();
      clock.advance(Duration.ofMinutes(1));
      Exception failure = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
          () -> poller.pollOnce(new RecordingConsumer()));

      assertThat(registry.get(PollerMeters.ERRORS).tags(PollerMeters.TAG_TYPE, "profiles",
          PollerMeters.TAG_EXCEPTION, failure.getClass().getSimpleName()).counter().count()).isEqualTo(1.0);
      assertThat(gaugeSeconds(PollerMeters.CHECKPOINT_AGE)).isEqualTo(60.0);
    } finally {
      sandbox = null;
    }
  }

  @Test
  void aNullRegistryIsRefused() {
    assertThatThrownBy(() -> Poller.builder().meterRegistry(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("registry");
  }
}
