package io.github.kvsdk.klaviyo.oauth;

import java.util.Optional;

/**
 * Where an {@link OAuthSession} keeps its tokens between runs. Implementations must be thread-safe.
 *
 * <p>{@link #save} is called with a rotated refresh token before that token is ever used, so a crash between a
 * refresh and the next call cannot lose the only valid refresh token. If {@code save} throws, the session does
 * not use the new tokens.
 */
public interface TokenStore {
  /** The stored tokens, or empty if none were saved yet. */
  Optional<OAuthTokens> load();

  /** Durably replaces the stored tokens. */
  void save(OAuthTokens tokens);

  /** Forgets the stored tokens, for example after revocation. */
  void clear();
}
