package io.github.kvsdk.klaviyo.errors;

import java.util.Map;
import java.util.Objects;

/**
 * One entry of Klaviyo's JSON:API {@code errors} array. The spec declares id, code, title, detail and source;
 * real responses add status and meta, so every field may be null.
 *
 * @param id the error's unique id, quoted when contacting Klaviyo support
 * @param status the HTTP status as sent in the body, or 0 when absent
 * @param code a stable machine-readable code such as {@code invalid} or {@code throttled}
 * @param title a short human-readable summary
 * @param detail a longer explanation
 * @param sourcePointer a JSON pointer into the request body, such as {@code /data/attributes/email}
 * @param sourceParameter the query parameter at fault, such as {@code filter}
 * @param meta extra data, such as {@code duplicate_profile_id} on a 409; never null
 */
public record KlaviyoError(
    String id,
    int status,
    String code,
    String title,
    String detail,
    String sourcePointer,
    String sourceParameter,
    Map<String, Object> meta) {
  /**
   * Creates an error; {@code meta} is copied.
   *
   * @param id the error's unique id
   * @param status the HTTP status as sent in the body, or 0 when absent
   * @param code a stable machine-readable code such as {@code invalid}
   * @param title a short human-readable summary
   * @param detail a longer explanation
   * @param sourcePointer a JSON pointer into the request body, or null
   * @param sourceParameter the query parameter at fault, or null
   * @param meta extra data; null reads as empty
   */
  public KlaviyoError {
    meta = meta == null ? Map.of() : Map.copyOf(Objects.requireNonNull(meta));
  }
}
