package io.github.kvsdk.klaviyo.errors.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Parses the {@code Retry-After} header, which RFC 9110 allows as delta-seconds or as an HTTP date. */
public final class RetryAfter {
  private RetryAfter() {}

  /**
   * {@return the delay the header asks for, measured from {@code clock}'s now for the date form} A date in the
   * past yields zero. Missing or unparseable values yield empty.
   */
  public static Optional<Duration> parse(String value, Clock clock) {
    if (value == null) return Optional.empty();
    String trimmed = value.trim();
    if (trimmed.isEmpty()) return Optional.empty();
    if (trimmed.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
      } catch (NumberFormatException e) {
        return Optional.empty(); // Too many digits: treat as absent rather than wait forever.
      }
    }
    try {
      Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration delay = Duration.between(clock.instant(), at);
      return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
