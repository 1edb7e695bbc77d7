package io.github.kvsdk.klaviyo.sandbox.internal.spec;

/**
 * How an operation pages: with a {@code page[size]} parameter (default and maximum from its schema), or a
 * fixed size taken from the operation's description ("Returns a maximum of 10 results per page").
 */
public record PageSpec(boolean sizeParameter, int defaultSize, int maxSize) {
  /** {@return the size used when the request does not ask for one} */
  public int defaultSize() {
    return defaultSize;
  }
}
