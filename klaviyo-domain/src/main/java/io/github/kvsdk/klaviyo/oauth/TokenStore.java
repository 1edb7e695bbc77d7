package io.github.kvsdk.klaviyo.oauth;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where an {@link OAuthSession} keeps its tokens between runs. Implementations must be thread-safe.
 *
 * <p>{@link #save} is called with a rotated refresh token before that token is ever used, so a crash between a
 * refresh and the next call cannot lose the only valid refresh token. If {@code save} throws, the session does
 * not use the new tokens.
 */
public interface TokenStore {
  /** {@return the stored tokens, or empty if none were saved yet} */
  Optional<OAuthTokens> load();

  /**
   * Durably replaces the stored tokens.
   *
   * @param tokens the tokens a token exchange or refresh just returned; never null
   */
  void save(OAuthTokens tokens);

  /** Forgets the stored tokens, for example after revocation. */
  void clear();

  /**
   * Runs {@code refresh} while holding this store's refresh lock, so that sessions sharing the store (in this
   * process or, for a store on a shared medium, in others) refresh one at a time and each sees the tokens the
   * previous one saved. The default holds no lock beyond the session's own; {@link FileTokenStore} locks its
   * file across processes.
   *
   * @param refresh the refresh to run: it reads the stored tokens, refreshes them and saves the new ones
   * @param <T> what the refresh returns
   * @return what {@code refresh} returned
   */
  default <T> T withRefreshLock(Supplier<T> refresh) {
    return refresh.get();
  }
}
