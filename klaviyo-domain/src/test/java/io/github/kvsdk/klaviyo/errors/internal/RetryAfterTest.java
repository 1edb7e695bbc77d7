package io.github.kvsdk.klaviyo.errors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.testing.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private final FakeClock clock = new FakeClock(java.time.Instant.parse("2024-11-21T10:00:00Z"));

  @Test
  void parsesDeltaSeconds() {
    assertThat(RetryAfter.parse("3", clock)).contains(Duration.ofSeconds(3));
    assertThat(RetryAfter.parse(" 0 ", clock)).contains(Duration.ZERO);
  }

  @Test
  void parsesHttpDateRelativeToClock() {
    assertThat(RetryAfter.parse("Thu, 21 Nov 2024 10:00:05 GMT", clock)).contains(Duration.ofSeconds(5));
    assertThat(RetryAfter.parse("Thu, 21 Nov 2024 09:59:00 GMT", clock)).contains(Duration.ZERO);
  }

  @Test
  void ignoresGarbage() {
    assertThat(RetryAfter.parse(null, clock)).isEmpty();
    assertThat(RetryAfter.parse("", clock)).isEmpty();
    assertThat(RetryAfter.parse("soon", clock)).isEmpty();
    assertThat(RetryAfter.parse("-1", clock)).isEmpty();
    assertThat(RetryAfter.parse("99999999999999999999999", clock)).isEmpty();
  }
}
