package io.github.kvsdk.klaviyo.sandbox.internal.http;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Validation of the {@code revision} header: {@code YYYY-MM-DD[.suffix]}, no later than the pinned revision. */
final class Revisions {
  private static final Pattern FORMAT = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})(\\.[A-Za-z0-9_-]+)?$");

  private Revisions() {}

  static void check(String revision, String pinned) {
    if (pinned.equals(revision)) {
      return; // The common case, without parsing.
    }
    if (revision == null || revision.isBlank()) {
      throw ApiException.status(400, "invalid", "Invalid input.",
          "The 'revision' header is required (format: YYYY-MM-DD[.suffix]); this sandbox serves " + pinned + ".")
          .withParameter("revision");
    }
    Matcher m = FORMAT.matcher(revision.trim());
    LocalDate date = null;
    if (m.matches()) {
      try {
        date = LocalDate.parse(m.group(1));
      } catch (DateTimeParseException ignored) {
        // Reported below.
      }
    }
    if (date == null) {
      throw ApiException.status(400, "invalid", "Invalid input.",
          "'" + revision + "' is not a valid revision; use the format YYYY-MM-DD[.suffix].")
          .withParameter("revision");
    }
    if (date.isAfter(LocalDate.parse(pinned))) {
      throw ApiException.status(400, "invalid", "Invalid input.",
          "Revision " + revision + " is not available; this sandbox serves revision " + pinned + ".")
          .withParameter("revision");
    }
  }
}
