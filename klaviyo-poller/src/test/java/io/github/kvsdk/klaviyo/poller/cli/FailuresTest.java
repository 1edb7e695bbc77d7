package io.github.kvsdk.klaviyo.poller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.errors.internal.KlaviyoErrorMapper;
import io.github.kvsdk.klaviyo.errors.KlaviyoNetworkException;
import io.github.kvsdk.klaviyo.poller.ConsumerFailedException;
import io.github.kvsdk.klaviyo.poller.checkpoint.CorruptCheckpointException;
import io.github.kvsdk.klaviyo.poller.config.InvalidConfigurationException;
import io.github.kvsdk.klaviyo.poller.source.UnreadablePageException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

final class FailuresTest {
  private static Exception http(int status) {
    return KlaviyoErrorMapper.fromParts("GET", "/api/profiles", status, Headers.of(), null);
  }

  @Test
  void faultsThatMayHealAreWaitedOut() {
    assertThat(Failures.isTransient(http(500))).isTrue();
    assertThat(Failures.isTransient(http(503))).isTrue();
    assertThat(Failures.isTransient(http(429))).isTrue();
    assertThat(Failures.isTransient(new KlaviyoNetworkException("reset", new IOException()))).isTrue();
    assertThat(Failures.isTransient(new UnreadablePageException("cut", true, null))).isTrue();
    assertThat(Failures.isTransient(new UnreadablePageException("bad json", false, null))).isTrue();
  }

  @Test
  void faultsThatCannotHealStopTheLoopWithTheirCode() {
    assertThat(Failures.isTransient(http(401))).isFalse();
    assertThat(Failures.exitCode(http(401))).isEqualTo(ExitCode.API);
    assertThat(Failures.isTransient(http(403))).isFalse();
    assertThat(Failures.isTransient(http(400))).isFalse();
    Exception corrupt = new CorruptCheckpointException(Path.of("cp.json"), "cut off", null);
    assertThat(Failures.isTransient(corrupt)).isFalse();
    assertThat(Failures.exitCode(corrupt)).isEqualTo(ExitCode.CHECKPOINT);
    Exception config = new InvalidConfigurationException("lag", "must not be negative");
    assertThat(Failures.isTransient(config)).isFalse();
    assertThat(Failures.exitCode(config)).isEqualTo(ExitCode.CONFIGURATION);
    Exception closed = new ConsumerFailedException(new IOException("standard output is closed"));
    assertThat(Failures.isTransient(closed)).isFalse();
    assertThat(Failures.exitCode(closed)).isEqualTo(ExitCode.FAILURE);
    assertThat(Failures.isTransient(new IOException("No space left on device"))).isFalse();
  }

  @Test
  void exitCodesOfWaitedOutFaultsWhenTheyEndARun() {
    assertThat(Failures.exitCode(http(503))).isEqualTo(ExitCode.API);
    assertThat(Failures.exitCode(new UnreadablePageException("bad json", false, null)))
        .isEqualTo(ExitCode.API);
    assertThat(Failures.exitCode(new UnreadablePageException("cut", true, null)))
        .isEqualTo(ExitCode.NETWORK);
    assertThat(Failures.exitCode(new KlaviyoNetworkException("reset", new IOException())))
        .isEqualTo(ExitCode.NETWORK);
  }

  @Test
  void backoffDoublesUpToTheInterval() {
    Duration interval = Duration.ofSeconds(60);
    assertThat(PollerCli.backoff(1, interval)).hasSeconds(1);
    assertThat(PollerCli.backoff(2, interval)).hasSeconds(2);
    assertThat(PollerCli.backoff(6, interval)).hasSeconds(32);
    assertThat(PollerCli.backoff(7, interval)).hasSeconds(60);
    assertThat(PollerCli.backoff(500, interval)).hasSeconds(60);
    assertThat(PollerCli.backoff(3, Duration.ofSeconds(3))).hasSeconds(3);
  }
}
