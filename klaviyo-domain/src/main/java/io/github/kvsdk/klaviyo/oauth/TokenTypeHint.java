package io.github.kvsdk.klaviyo.oauth;

/** The {@code token_type_hint} of a revocation (RFC 7009). */
public enum TokenTypeHint {
  /** The token to revoke is an access token. */
  ACCESS_TOKEN("access_token"),
  /** The token to revoke is a refresh token. */
  REFRESH_TOKEN("refresh_token");

  private final String wireName;

  TokenTypeHint(String wireName) {
    this.wireName = wireName;
  }

  /** {@return the form value} */
  public String wireName() {
    return wireName;
  }
}
