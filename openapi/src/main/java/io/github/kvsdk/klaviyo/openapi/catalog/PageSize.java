package io.github.kvsdk.klaviyo.openapi.catalog;

/**
 * How many resources one page of a list operation holds: the bounds of its {@code page[size]} parameter, or
 * the fixed size its description states ("Returns a maximum of 10 results per page"), in which case
 * {@link #adjustable()} is false and all three sizes are equal.
 */
public final class PageSize {
  private final int defaultSize;
  private final int minSize;
  private final int maxSize;
  private final boolean adjustable;

  PageSize(int defaultSize, int minSize, int maxSize, boolean adjustable) {
    this.defaultSize = defaultSize;
    this.minSize = minSize;
    this.maxSize = maxSize;
    this.adjustable = adjustable;
  }

  /** {@return the page size used when the request does not choose one} */
  public int defaultSize() {
    return defaultSize;
  }

  /** {@return the smallest {@code page[size]} accepted; the fixed size when not adjustable} */
  public int minSize() {
    return minSize;
  }

  /** {@return the largest {@code page[size]} accepted; the fixed size when not adjustable} */
  public int maxSize() {
    return maxSize;
  }

  /** {@return true if the operation takes a {@code page[size]} query parameter} */
  public boolean adjustable() {
    return adjustable;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PageSize that
        && defaultSize == that.defaultSize
        && minSize == that.minSize
        && maxSize == that.maxSize
        && adjustable == that.adjustable;
  }

  @Override
  public int hashCode() {
    return ((defaultSize * 31 + minSize) * 31 + maxSize) * 31 + (adjustable ? 1 : 0);
  }

  @Override
  public String toString() {
    return adjustable
        ? "page[size] " + minSize + ".." + maxSize + " (default " + defaultSize + ")"
        : "fixed " + maxSize + " per page";
  }
}
