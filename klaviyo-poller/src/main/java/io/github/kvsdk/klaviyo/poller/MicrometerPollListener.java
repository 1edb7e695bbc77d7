package io.github.kvsdk.klaviyo.poller;

import io.github.kvsdk.klaviyo.poller.checkpoint.Checkpoint;
import io.github.kvsdk.klaviyo.poller.metrics.PollerMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** Records one poller's progress in a Micrometer registry under the names of {@link PollerMeters}. */
final class MicrometerPollListener implements PollListener {
  private final MeterRegistry registry;
  private final String type;
  private final Clock clock;
  private final Counter pages;
  private final Counter fetched;
  private final Counter emitted;
  private volatile Instant boundary;
  private volatile Instant savedAt;

  private MicrometerPollListener(MeterRegistry registry, String type, Clock clock) {
    this.registry = registry;
    this.type = type;
    this.clock = clock;
    this.pages = counter(PollerMeters.PAGES, "Pages whose objects were accepted and checkpoint saved");
    this.fetched = counter(PollerMeters.OBJECTS_FETCHED, "Objects on the pages fetched");
    this.emitted = counter(PollerMeters.OBJECTS_EMITTED, "Objects handed to the consumer");
    TimeGauge.builder(PollerMeters.LAG, this, TimeUnit.SECONDS, MicrometerPollListener::lagSeconds)
        .description("How far the stream is behind now: from the checkpoint's boundary to now")
        .tag(PollerMeters.TAG_TYPE, type)
        .register(registry);
    TimeGauge.builder(PollerMeters.CHECKPOINT_AGE, this, TimeUnit.SECONDS, MicrometerPollListener::ageSeconds)
        .description("Time since the poller last saved a checkpoint")
        .tag(PollerMeters.TAG_TYPE, type)
        .register(registry);
  }

  /**
   * A listener recording into {@code registry} for the object type {@code type}, reading "now" from {@code
   * clock}. The gauges hold it weakly: they read NaN once the poller is gone.
   */
  static PollListener create(MeterRegistry registry, String type, Clock clock) {
    return new MicrometerPollListener(Objects.requireNonNull(registry, "registry"),
        Objects.requireNonNull(type, "type"), Objects.requireNonNull(clock, "clock"));
  }

  @Override
  public void pageCompleted(int fetchedOnPage, int emittedFromPage, Checkpoint checkpoint) {
    pages.increment();
    fetched.increment(fetchedOnPage);
    emitted.increment(emittedFromPage);
    boundary = checkpoint.boundary();
    savedAt = clock.instant();
  }

  @Override
  public void pollCompleted(PollResult result) {
    if (result.checkpoint() != null) boundary = result.checkpoint().boundary();
    Counter.builder(PollerMeters.POLLS)
        .description("Polls that ended normally")
        .tag(PollerMeters.TAG_TYPE, type)
        .tag(PollerMeters.TAG_COMPLETE, Boolean.toString(result.complete()))
        .register(registry)
        .increment();
  }

  @Override
  public void pollFailed(Exception e) {
    Counter.builder(PollerMeters.ERRORS)
        .description("Polls that failed")
        .tag(PollerMeters.TAG_TYPE, type)
        .tag(PollerMeters.TAG_EXCEPTION, e.getClass().getSimpleName())
        .register(registry)
        .increment();
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name).description(description).tag(PollerMeters.TAG_TYPE, type).register(registry);
  }

  private double lagSeconds() {
    return secondsSince(boundary);
  }

  private double ageSeconds() {
    return secondsSince(savedAt);
  }

  private double secondsSince(Instant then) {
    if (then == null) return Double.NaN;
    return Duration.between(then, clock.instant()).toNanos() / 1e9;
  }
}
