package io.github.kvsdk.klaviyo.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  @Test
  void defaultsAreThreeRetriesHalfSecondBaseTwentySecondCap() {
    RetryPolicy policy = RetryPolicy.defaults();
    assertThat(policy.maxRetries()).isEqualTo(3);
    assertThat(policy.baseDelay()).isEqualTo(Duration.ofMillis(500));
    assertThat(policy.maxDelay()).isEqualTo(Duration.ofSeconds(20));
    assertThat(policy.retryableStatuses()).containsExactlyInAnyOrder(502, 503, 504, 524);
    assertThat(RetryPolicy.none().maxRetries()).isZero();
  }

  @Test
  void backoffCeilingDoublesUpToTheCap() {
    RetryPolicy policy = RetryPolicy.defaults();
    assertThat(policy.backoffCeiling(0)).isEqualTo(Duration.ofMillis(500));
    assertThat(policy.backoffCeiling(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.backoffCeiling(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(policy.backoffCeiling(5)).isEqualTo(Duration.ofSeconds(16));
    assertThat(policy.backoffCeiling(6)).isEqualTo(Duration.ofSeconds(20));
    assertThat(policy.backoffCeiling(63)).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void fullJitterSpansZeroToTheCeiling() {
    assertThat(RetryPolicy.builder().random(() -> 0.0).build().backoff(2)).isEqualTo(Duration.ZERO);
    assertThat(RetryPolicy.builder().random(() -> 0.5).build().backoff(2)).isEqualTo(Duration.ofSeconds(1));
    Duration nearTop = RetryPolicy.builder().random(() -> 0.999999).build().backoff(2);
    assertThat(nearTop).isLessThan(Duration.ofSeconds(2)).isGreaterThan(Duration.ofMillis(1999));
    RetryPolicy real = RetryPolicy.defaults();
    for (int i = 0; i < 1000; i++) {
      assertThat(real.backoff(4)).isBetween(Duration.ZERO, Duration.ofSeconds(8));
    }
  }

  @Test
  void fixedDelayReplacesBackoff() {
    assertThat(RetryPolicy.builder().fixedDelay(Duration.ofMillis(250)).build().backoff(5))
        .isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void invalidSettingsAreRejectedWithTheirName() {
    assertThatThrownBy(() -> RetryPolicy.builder().maxRetries(-1)).hasMessageStartingWith("maxRetries: ");
    assertThatThrownBy(() -> RetryPolicy.builder().maxRetries(11)).hasMessageStartingWith("maxRetries: ");
    assertThatThrownBy(() -> RetryPolicy.builder().baseDelay(Duration.ZERO)).hasMessageStartingWith("baseDelay: ");
    assertThatThrownBy(() -> RetryPolicy.builder().baseDelay(Duration.ofSeconds(30)).build())
        .isInstanceOf(KlaviyoValidationException.class).hasMessageStartingWith("maxDelay: ");
    assertThatThrownBy(() -> RetryPolicy.builder().retryableStatuses(Set.of(200)))
        .hasMessageStartingWith("retryableStatuses: ");
    assertThatThrownBy(() -> RetryPolicy.builder().addIdempotentPost("api/x"))
        .hasMessageStartingWith("idempotentPost: ");
  }
}
