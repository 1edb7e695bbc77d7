package io.github.kvsdk.klaviyo.oauth;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Keeps tokens in memory only; they are lost when the JVM exits. */
public final class InMemoryTokenStore implements TokenStore {
  private final AtomicReference<OAuthTokens> tokens = new AtomicReference<>();

  /** An empty store. */
  public InMemoryTokenStore() {}

  /**
   * A store that starts with {@code initial}.
   *
   * @param initial the tokens the store starts with
   */
  public InMemoryTokenStore(OAuthTokens initial) {
    tokens.set(initial);
  }

  @Override
  public Optional<OAuthTokens> load() {
    return Optional.ofNullable(tokens.get());
  }

  @Override
  public void save(OAuthTokens newTokens) {
    tokens.set(java.util.Objects.requireNonNull(newTokens, "tokens"));
  }

  @Override
  public void clear() {
    tokens.set(null);
  }

  @Override
  public String toString() {
    return "InMemoryTokenStore";
  }
}
