package io.github.kvsdk.klaviyo.connect.internal;

import java.util.Locale;

/** How a record's value carries a Klaviyo object. */
public enum ValueFormat {
  /**
   * Schemaless maps, lists, strings, booleans, longs and doubles, which {@code JsonConverter} with
   * {@code schemas.enable=false} writes back as the object's JSON. Numbers become {@code long} when
   * they are integers that fit, else {@code double}.
   */
  JSON("json"),
  /** The JSON text exactly as Klaviyo sent it, every byte kept; pair it with {@code StringConverter}. */
  STRING("string"),
  /** A {@code Struct} with a fixed schema, for converters backed by a schema registry. */
  STRUCT("struct");

  private final String configName;

  ValueFormat(String configName) {
    this.configName = configName;
  }

  /** {@return the value of the {@code value.format} setting that selects this format} */
  public String configName() {
    return configName;
  }

  public static ValueFormat parse(String value) {
    String normalized = value.trim().toLowerCase(Locale.ROOT);
    for (ValueFormat format : values()) {
      if (format.configName.equals(normalized)) return format;
    }
    throw new IllegalArgumentException("value.format must be json, string or struct, was '" + value + "'");
  }
}
