package io.github.kvsdk.klaviyo.openapi.catalog;

/**
 * The type a filter field's values have, read from the schema of the attribute the field names in the
 * operation's response resource.
 */
public enum FilterValueType {
  /** A string attribute. */
  STRING,
  /** A string attribute of format {@code date-time}; filter values are ISO-8601 timestamps. */
  DATETIME,
  /** A boolean attribute. */
  BOOLEAN,
  /** An integer or number attribute. */
  NUMBER
}
