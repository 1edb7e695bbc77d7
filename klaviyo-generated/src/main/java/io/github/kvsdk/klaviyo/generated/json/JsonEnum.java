package io.github.kvsdk.klaviyo.generated.json;

/**
 * Implemented by every generated enum. The JSON form of a constant is its {@link #getValue() value}, which
 * may be a string, an integer or a boolean, as the spec declares.
 */
public interface JsonEnum {
  /** The value as it appears in JSON. */
  Object getValue();
}
