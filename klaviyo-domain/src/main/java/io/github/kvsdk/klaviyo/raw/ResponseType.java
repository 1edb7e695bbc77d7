package io.github.kvsdk.klaviyo.raw;

/** How a raw response body is decoded. */
public enum ResponseType {
  /**
   * Parsed into a JSON tree: {@code Map}, {@code List}, {@code String}, {@code BigDecimal} (every digit kept),
   * {@code Boolean} and null.
   */
  JSON,
  /** Decoded as text, using the response's charset (UTF-8 by default). */
  TEXT,
  /** Kept as bytes. */
  BINARY
}
