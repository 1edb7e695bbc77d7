package io.github.kvsdk.klaviyo.generated.json;

/**
 * Implemented by every generated enum. The JSON form of a value is its {@link #getValue() value}, which may
 * be a string, an integer or a boolean, as the spec declares.
 *
 * <p>Generated enums are open: besides the constants the pinned revision lists, each has a static {@code
 * of(value)} that accepts any value of its type, so that a value Klaviyo adds later still reads (as an
 * instance that is not {@linkplain #isKnown() known}) and writes back unchanged.
 */
public interface JsonEnum {
  /** {@return the value as it appears in JSON} */
  Object getValue();

  /** {@return true if the pinned revision lists this value; false for a value it does not know} */
  boolean isKnown();
}
