package io.github.kvsdk.klaviyo.metrics.internal;

import io.github.kvsdk.klaviyo.http.internal.CallObserver;
import io.github.kvsdk.klaviyo.metrics.KlaviyoMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** Records a client's calls in a Micrometer registry under the names of {@link KlaviyoMeters}. */
public final class MicrometerCallObserver implements CallObserver {
  private final MeterRegistry registry;

  private MicrometerCallObserver(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The observer recording into {@code registry}. */
  public static CallObserver create(MeterRegistry registry) {
    return new MicrometerCallObserver(Objects.requireNonNull(registry, "registry"));
  }

  @Override
  public void callEnded(String operationId, String method, int status, long nanos) {
    timer(KlaviyoMeters.CALLS, "Klaviyo API calls, retries and waits included", operationId, method, status)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void attemptEnded(String operationId, String method, boolean retry, int status, long nanos) {
    timer(KlaviyoMeters.REQUESTS, "HTTP requests to the Klaviyo API, one per attempt", operationId, method, status)
        .record(nanos, TimeUnit.NANOSECONDS);
    if (retry) counter(KlaviyoMeters.RETRIES, "Retried Klaviyo API requests", operationId, method).increment();
    if (status == 429) {
      counter(KlaviyoMeters.THROTTLED, "HTTP 429 responses from the Klaviyo API", operationId, method).increment();
    }
  }

  @Override
  public void rateLimiterWaited(String operationId, Duration wait) {
    Timer.builder(KlaviyoMeters.RATE_LIMITER_WAITS)
        .description("Waits imposed by the client-side rate limiter")
        .tag(KlaviyoMeters.TAG_OPERATION, operationId)
        .register(registry)
        .record(wait);
  }

  private Timer timer(String name, String description, String operationId, String method, int status) {
    return Timer.builder(name)
        .description(description)
        .tag(KlaviyoMeters.TAG_OPERATION, operationId)
        .tag(KlaviyoMeters.TAG_METHOD, method)
        .tag(KlaviyoMeters.TAG_STATUS, statusClass(status))
        .register(registry);
  }

  private Counter counter(String name, String description, String operationId, String method) {
    return Counter.builder(name)
        .description(description)
        .tag(KlaviyoMeters.TAG_OPERATION, operationId)
        .tag(KlaviyoMeters.TAG_METHOD, method)
        .register(registry);
  }

  static String statusClass(int status) {
    return status < 100 ? "error" : (status / 100) + "xx";
  }
}
