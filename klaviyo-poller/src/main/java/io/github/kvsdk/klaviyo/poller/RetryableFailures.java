package io.github.kvsdk.klaviyo.poller;

import io.github.kvsdk.klaviyo.errors.KlaviyoApiException;
import io.github.kvsdk.klaviyo.errors.KlaviyoException;
import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.poller.source.UnreadablePageException;
import java.time.Duration;

/**
 * Which failures of a poll may heal by waiting, so that a long-running poller polls again (with
 * backoff) instead of stopping. {@link Poller#start} and the command-line tool use this one rule.
 */
public final class RetryableFailures {
  private RetryableFailures() {}

  /**
   * {@return true for network failures and timeouts, 5xx, 408 and 429 answers that outlasted the client's
   * own retries, and listings whose body broke off or was not readable ({@link
   * UnreadablePageException})} False for what cannot heal by itself: rejections (401, 403, 400 and
   * other 4xx), invalid configuration or requests, an unusable checkpoint, a checkpoint store that
   * cannot save, and a consumer that threw.
   *
   * @param e the failure of a poll
   */
  public static boolean isRetryable(Exception e) {
    if (e instanceof UnreadablePageException) return true;
    if (e instanceof KlaviyoValidationException) return false;
    if (e instanceof KlaviyoApiException api) {
      int status = api.statusCode();
      return status >= 500 || status == 429 || status == 408;
    }
    return e instanceof KlaviyoException;
  }

  /**
   * The pause before the next attempt after {@code failures} (at least 1) retryable failures in a
   * row: {@code first}, then twice as long per further failure, never longer than {@code max}.
   *
   * @param failures how many retryable failures happened in a row, at least 1
   * @param first the pause after the first failure
   * @param max the longest pause
   * @return the pause before the next attempt
   * @throws IllegalArgumentException if {@code failures} is less than 1
   */
  public static Duration backoff(int failures, Duration first, Duration max) {
    if (failures < 1) throw new IllegalArgumentException("failures must be at least 1: " + failures);
    Duration wait = first.multipliedBy(1L << Math.min(failures - 1, 20));
    return wait.compareTo(max) < 0 ? wait : max;
  }
}
