package io.github.kvsdk.klaviyo.poller.config;

import java.util.Locale;

/** How polled objects are handed to the consumer. */
public enum EmitMode {
  /** One message per object; the message is the object itself. The default. */
  INDIVIDUALLY("individually"),
  /** One message per fetched page: {@code {"results":[...]}} holding that page's new objects. */
  PAGE("page");

  private final String configName;

  EmitMode(String configName) {
    this.configName = configName;
  }

  /** {@return the name used in configuration and on the command line} */
  public String configName() {
    return configName;
  }

  /**
   * Parses {@code individually} or {@code page} (case-insensitive, surrounding blanks ignored).
   *
   * @param value the configured mode
   * @return the mode
   * @throws InvalidConfigurationException naming {@code emit} if the value is neither
   */
  public static EmitMode parse(String value) {
    if (value != null) {
      String normalized = value.trim().toLowerCase(Locale.ROOT);
      for (EmitMode mode : values()) {
        if (mode.configName.equals(normalized)) return mode;
      }
    }
    throw new InvalidConfigurationException("emit", "must be 'individually' or 'page', was " + quote(value));
  }

  static String quote(String value) {
    return value == null ? "null" : "'" + value + "'";
  }
}
