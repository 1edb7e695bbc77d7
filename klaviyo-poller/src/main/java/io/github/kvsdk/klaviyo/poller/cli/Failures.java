package io.github.kvsdk.klaviyo.poller.cli;

import io.github.kvsdk.klaviyo.errors.KlaviyoApiException;
import io.github.kvsdk.klaviyo.errors.KlaviyoException;
import io.github.kvsdk.klaviyo.errors.KlaviyoUnexpectedResponseException;
import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.poller.RetryableFailures;
import io.github.kvsdk.klaviyo.poller.checkpoint.CorruptCheckpointException;
import io.github.kvsdk.klaviyo.poller.config.InvalidConfigurationException;
import io.github.kvsdk.klaviyo.poller.source.UnreadablePageException;

/** Which failures a scheduled poller waits out, and the exit code of each failure. */
final class Failures {
  private Failures() {}

  /** True for failures a scheduled poller waits out: {@link RetryableFailures#isRetryable}. */
  static boolean isTransient(Exception e) {
    return RetryableFailures.isRetryable(e);
  }

  static int exitCode(Exception e) {
    if (e instanceof InvalidConfigurationException || e instanceof KlaviyoValidationException) {
      return ExitCode.CONFIGURATION;
    }
    if (e instanceof CorruptCheckpointException || e instanceof UnusableCheckpointException) {
      return ExitCode.CHECKPOINT;
    }
    if (e instanceof UnreadablePageException unreadable) {
      return unreadable.incomplete() ? ExitCode.NETWORK : ExitCode.API;
    }
    if (e instanceof KlaviyoApiException || e instanceof KlaviyoUnexpectedResponseException) {
      return ExitCode.API;
    }
    if (e instanceof KlaviyoException) return ExitCode.NETWORK;
    return ExitCode.FAILURE;
  }

  /** The one-line message printed before exiting with {@link #exitCode}. */
  static String describe(Exception e) {
    return switch (exitCode(e)) {
      case ExitCode.CONFIGURATION -> "invalid configuration: " + e.getMessage();
      case ExitCode.API -> "Klaviyo API error: " + e.getMessage();
      case ExitCode.NETWORK -> "Klaviyo unreachable: " + e.getMessage();
      default -> e.getMessage() != null ? e.getMessage() : e.toString();
    };
  }
}
