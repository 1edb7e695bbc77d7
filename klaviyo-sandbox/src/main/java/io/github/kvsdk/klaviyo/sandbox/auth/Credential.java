package io.github.kvsdk.klaviyo.sandbox.auth;

import java.util.Set;

/**
 * Who is calling: an API key or an OAuth access token, with the scopes it was granted.
 *
 * @param quotaKey identifies the credential (an API key's fingerprint, an OAuth client) without revealing the
 *     secret; rate limits are not counted by it but per account
 * @param scopes granted scopes, or null for a key with every scope
 */
public record Credential(String quotaKey, Set<String> scopes) {
  /**
   * {@return whether this credential grants {@code scope}} A {@code :write} scope also grants the matching
   * {@code :read} scope, as Klaviyo's full-access keys do.
   *
   * @param scope an OAuth-style scope, such as {@code profiles:read}
   */
  public boolean grants(String scope) {
    if (scopes == null || scopes.contains(scope)) {
      return true;
    }
    if (scope.endsWith(":read")) {
      return scopes.contains(scope.substring(0, scope.length() - 5) + ":write");
    }
    return false;
  }

  @Override
  public String toString() {
    return "Credential{" + quotaKey + "}";
  }
}
