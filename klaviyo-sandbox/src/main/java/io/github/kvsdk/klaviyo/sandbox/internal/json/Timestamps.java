package io.github.kvsdk.klaviyo.sandbox.internal.json;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Klaviyo's timestamp format: ISO-8601 at second precision with an explicit {@code +00:00} offset. */
public final class Timestamps {
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

  private Timestamps() {}

  /**
   * {@return {@code instant} truncated to seconds, such as {@code 2024-01-01T00:00:00+00:00}}
   *
   * @param instant the time to format, in UTC
   */
  public static String format(Instant instant) {
    return FORMAT.format(instant.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
  }

  /**
   * Parses an ISO-8601 date-time with or without offset ({@code Z}, {@code +00:00}; no offset means UTC),
   * or a plain date. A space in place of {@code +} (a form-decoded query string) is tolerated. Returns
   * null if {@code text} is not a timestamp.
   *
   * @param text the text to parse; may be null
   * @return the instant, or null if {@code text} is null or not a timestamp
   */
  public static Instant parseOrNull(String text) {
    if (text == null || text.length() < 10) {
      return null;
    }
    String t = text.trim();
    if (t.length() > 19 && t.charAt(t.length() - 6) == ' ') {
      t = t.substring(0, t.length() - 6) + "+" + t.substring(t.length() - 5);
    }
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException ignored) {
      // Try the next form.
    }
    try {
      return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException ignored) {
      // Try the next form.
    }
    try {
      return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException ignored) {
      return null;
    }
  }
}
