package io.github.kvsdk.klaviyo.testing;

/** Well-formed fake credentials. */
public final class TestKeys {
  /** A private key of the real shape: pk_ plus 34 hex digits. */
  public static final String API_KEY = "pk_0123456789abcdef0123456789abcdef01";

  private TestKeys() {}
}
