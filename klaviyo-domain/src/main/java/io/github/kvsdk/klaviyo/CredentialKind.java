package io.github.kvsdk.klaviyo;

/** How a {@link KlaviyoClient} authenticates. */
public enum CredentialKind {
  /** A private API key, sent as {@code Authorization: Klaviyo-API-Key pk_...}. */
  PRIVATE_API_KEY("private API key"),
  /** OAuth access tokens from an {@link io.github.kvsdk.klaviyo.oauth.OAuthSession}, sent as a bearer token. */
  OAUTH("OAuth access token");

  private final String description;

  CredentialKind(String description) {
    this.description = description;
  }

  /**
   * In words, such as "private API key".
   *
   * @return a short description for messages, such as {@code private API key}
   */
  public String description() {
    return description;
  }
}
