package io.github.kvsdk.klaviyo.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.retry.RetryPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class RequestOptionsTest {
  @Test
  void noneChangesNothing() {
    assertThat(RequestOptions.none().changesTransport()).isFalse();
    assertThat(RequestOptions.none().skipValidation()).isFalse();
    assertThat(RequestOptions.none().callTimeout()).isEmpty();
  }

  @Test
  void timeoutsAndRetriesNeedADerivedClientButSkippingValidationDoesNot() {
    assertThat(RequestOptions.builder().callTimeout(Duration.ofSeconds(5)).build().changesTransport()).isTrue();
    assertThat(RequestOptions.builder().retryPolicy(RetryPolicy.none()).build().changesTransport()).isTrue();
    RequestOptions skip = RequestOptions.builder().skipValidation().build();
    assertThat(skip.changesTransport()).isFalse();
    assertThat(skip.toBuilder().build()).isEqualTo(skip).hasSameHashCodeAs(skip);
  }

  @Test
  void badTimeoutsAreRefusedNamingTheOption() {
    assertThatThrownBy(() -> RequestOptions.builder().callTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(KlaviyoValidationException.class).hasMessageContaining("callTimeout");
    assertThatThrownBy(() -> RequestOptions.builder().readTimeout(Duration.ofHours(2)))
        .isInstanceOf(KlaviyoValidationException.class).hasMessageContaining("readTimeout")
        .hasMessageContaining("1 hour");
    assertThatThrownBy(() -> RequestOptions.builder().retryPolicy(null))
        .isInstanceOf(KlaviyoValidationException.class).hasMessageContaining("retryPolicy");
  }
}
