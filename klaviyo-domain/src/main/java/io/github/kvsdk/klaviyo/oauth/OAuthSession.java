package io.github.kvsdk.klaviyo.oauth;

import io.github.kvsdk.klaviyo.errors.KlaviyoNetworkException;
import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One installation's OAuth tokens, kept fresh. Pass it to {@code KlaviyoClient.builder().oauth(session)}.
 *
 * <p>{@link #accessToken()} refreshes ahead of expiry (by {@code refreshSkew}, default 60 s). Refreshes are
 * single-flight: callers that find the token stale queue on one lock, the first refreshes, and the others
 * re-check and reuse its result, so N concurrent callers cause exactly one token request. New tokens, including
 * a rotated refresh token, are saved to the {@link TokenStore} before they are returned to anyone.
 *
 * <p>Several sessions (in several processes) may share one store: a refresh runs under the store's {@linkplain
 * TokenStore#withRefreshLock refresh lock} and first re-reads the store, using tokens another session saved
 * meanwhile instead of re-sending a retired refresh token; should Klaviyo still answer {@code invalid_grant},
 * the store is read once more and the refresh retried with a newer refresh token if one is there. A token
 * response that is lost or unreadable counts as a network failure and the refresh is repeated (up to 3
 * attempts); Klaviyo does not document whether a refresh token whose response was lost stays valid, so if
 * Klaviyo rotated it, the repeat ends in {@link ReauthorizationRequiredException}.
 *
 * <pre>{@code
 * OAuthSession session = OAuthSession.builder()
 *     .tokenClient(OAuthTokenClient.builder().credentials(OAuthClientCredentials.of(id, secret)).build())
 *     .tokenStore(new FileTokenStore(Path.of("/var/lib/app/klaviyo-tokens.json")))
 *     .build();
 * session.completeAuthorization(code, verifier, redirectUri); // once, after the browser redirect
 * }</pre>
 */
public final class OAuthSession {
  private static final Logger log = LoggerFactory.getLogger(OAuthSession.class);
  /** Attempts of one refresh whose response is lost or unreadable. */
  static final int REFRESH_ATTEMPTS = 3;

  private final OAuthTokenClient tokenClient;
  private final TokenStore tokenStore;
  private final Duration refreshSkew;
  private final Clock clock;
  private final ReentrantLock refreshLock = new ReentrantLock();
  private volatile OAuthTokens current;

  private OAuthSession(Builder b) {
    this.tokenClient = b.tokenClient;
    this.tokenStore = b.tokenStore;
    this.refreshSkew = b.refreshSkew;
    this.clock = b.clock;
  }

  /** {@return a builder; {@link Builder#tokenClient} is required} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the client that exchanges and refreshes tokens} */
  public OAuthTokenClient tokenClient() {
    return tokenClient;
  }

  /** {@return where the tokens are kept} */
  public TokenStore tokenStore() {
    return tokenStore;
  }

  /** {@return how long before expiry the access token is refreshed} */
  public Duration refreshSkew() {
    return refreshSkew;
  }

  /**
   * Exchanges the redirect's {@code code} for tokens, saves them and makes them current.
   *
   * @param code the {@code code} of the redirect
   * @param codeVerifier the PKCE verifier of the authorization request
   * @param redirectUri the redirect URI of the authorization request, exactly as sent
   * @return the new tokens
   */
  public OAuthTokens completeAuthorization(String code, String codeVerifier, String redirectUri) {
    OAuthTokens tokens = tokenClient.exchangeCode(code, codeVerifier, redirectUri);
    refreshLock.lock();
    try {
      tokenStore.save(tokens);
      current = tokens;
    } finally {
      refreshLock.unlock();
    }
    return tokens;
  }

  /** {@return the current tokens, loading them from the store on first use} */
  public Optional<OAuthTokens> tokens() {
    OAuthTokens tokens = current;
    if (tokens == null) {
      tokens = tokenStore.load().orElse(null);
      current = tokens;
    }
    return Optional.ofNullable(tokens);
  }

  /**
   * {@return a usable access token, refreshing first if it expires within the skew}
   *
   * @throws ReauthorizationRequiredException if there are no tokens or the refresh token is dead
   */
  public String accessToken() {
    OAuthTokens tokens = requireTokens();
    if (!tokens.expiresWithin(refreshSkew, clock.instant())) return tokens.accessToken();
    refreshLock.lock();
    try {
      tokens = requireTokens();
      if (tokens.expiresWithin(refreshSkew, clock.instant())) tokens = refreshLocked(tokens, "expiry");
      return tokens.accessToken();
    } finally {
      refreshLock.unlock();
    }
  }

  /**
   * Called after Klaviyo rejected {@code rejectedAccessToken} with 401: refreshes unless another caller already
   * replaced that token, and returns the token to retry with.
   *
   * @param rejectedAccessToken the access token the API answered 401 to
   * @return the access token to retry with
   */
  public String refreshAfterUnauthorized(String rejectedAccessToken) {
    refreshLock.lock();
    try {
      OAuthTokens tokens = requireTokens();
      if (tokens.accessToken().equals(rejectedAccessToken)) tokens = refreshLocked(tokens, "401");
      return tokens.accessToken();
    } finally {
      refreshLock.unlock();
    }
  }

  /**
   * Refreshes now, whatever the expiry.
   *
   * @return the new tokens
   */
  public OAuthTokens refresh() {
    refreshLock.lock();
    try {
      return refreshLocked(requireTokens(), "request");
    } finally {
      refreshLock.unlock();
    }
  }

  /**
   * Revokes the refresh token (or the access token if there is none) at Klaviyo and clears the store. After this
   * the user must authorize again.
   */
  public void revoke() {
    refreshLock.lock();
    try {
      Optional<OAuthTokens> tokens = tokens();
      if (tokens.isPresent()) {
        OAuthTokens t = tokens.get();
        if (t.refreshToken() != null) {
          tokenClient.revoke(t.refreshToken(), TokenTypeHint.REFRESH_TOKEN);
        } else {
          tokenClient.revoke(t.accessToken(), TokenTypeHint.ACCESS_TOKEN);
        }
      }
      tokenStore.clear();
      current = null;
    } finally {
      refreshLock.unlock();
    }
  }

  private OAuthTokens refreshLocked(OAuthTokens stale, String reason) {
    return tokenStore.withRefreshLock(() -> refreshShared(stale, reason));
  }

  /**
   * Refreshes while holding the store's refresh lock. Another session sharing the store (another process,
   * say) may have refreshed since this one last read it; its tokens are then used instead, so a refresh
   * token that was already rotated away is never sent.
   */
  private OAuthTokens refreshShared(OAuthTokens stale, String reason) {
    OAuthTokens stored = tokenStore.load().orElse(null);
    if (stored != null && !sameTokens(stored, stale)) {
      current = stored;
      boolean usable = !stored.expiresWithin(refreshSkew, clock.instant());
      if (usable && !reason.equals("request")) return stored; // Someone else refreshed: nothing to do.
      stale = stored;
    }
    if (stale.refreshToken() == null) {
      throw new ReauthorizationRequiredException(
          "The access token is expired and no refresh token is available; authorize again", 0, null);
    }
    log.debug("Refreshing the OAuth access token (reason: {})", reason);
    OAuthTokens fresh;
    try {
      fresh = refreshWithRetries(stale.refreshToken());
    } catch (ReauthorizationRequiredException e) {
      // A store that does not lock across processes may have been updated after we read it.
      OAuthTokens latest = tokenStore.load().orElse(null);
      if (latest == null || latest.refreshToken() == null || latest.refreshToken().equals(stale.refreshToken())) {
        throw e;
      }
      log.debug("The refresh token was rotated by another session; retrying with the stored one");
      current = latest;
      if (!latest.expiresWithin(refreshSkew, clock.instant()) && !reason.equals("request")) return latest;
      fresh = refreshWithRetries(latest.refreshToken());
    }
    tokenStore.save(fresh); // Before first use: a rotated refresh token must survive a crash.
    current = fresh;
    return fresh;
  }

  /**
   * One refresh, repeated up to {@value #REFRESH_ATTEMPTS} times in all when the response was lost or
   * unreadable (a network failure), since until a response is read no new refresh token is known. Whether
   * Klaviyo still accepts a refresh token whose response was lost is not documented: if it has retired it, the
   * repeat gets {@code invalid_grant} and the user must authorize again.
   */
  private OAuthTokens refreshWithRetries(String refreshToken) {
    for (int attempt = 1; ; attempt++) {
      try {
        return tokenClient.refresh(refreshToken);
      } catch (KlaviyoNetworkException e) {
        if (attempt >= REFRESH_ATTEMPTS) throw e;
        log.debug("Token refresh failed ({}); retrying (attempt {} of {})", e.getClass().getSimpleName(),
            attempt + 1, REFRESH_ATTEMPTS);
      }
    }
  }

  private static boolean sameTokens(OAuthTokens a, OAuthTokens b) {
    return a.accessToken().equals(b.accessToken()) && Objects.equals(a.refreshToken(), b.refreshToken());
  }

  private OAuthTokens requireTokens() {
    return tokens().orElseThrow(() -> new ReauthorizationRequiredException(
        "No OAuth tokens in " + tokenStore + "; run the authorization flow first", 0, null));
  }

  @Override
  public String toString() {
    return "OAuthSession{tokenClient=" + tokenClient + ", tokenStore=" + tokenStore + "}";
  }

  /** Configures an {@link OAuthSession}; not thread-safe. */
  public static final class Builder {
    private OAuthTokenClient tokenClient;
    private TokenStore tokenStore = new InMemoryTokenStore();
    private Duration refreshSkew = Duration.ofSeconds(60);
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Required: the client that exchanges codes and refreshes tokens.
     *
     * @param tokenClient the token client
     * @return this builder
     */
    public Builder tokenClient(OAuthTokenClient tokenClient) {
      this.tokenClient = Objects.requireNonNull(tokenClient, "tokenClient");
      return this;
    }

    /**
     * Where tokens live; default {@link InMemoryTokenStore}.
     *
     * @param tokenStore the store; a {@link FileTokenStore} keeps tokens across restarts
     * @return this builder
     */
    public Builder tokenStore(TokenStore tokenStore) {
      this.tokenStore = Objects.requireNonNull(tokenStore, "tokenStore");
      return this;
    }

    /**
     * How long before expiry to refresh. Between 0 and 30 minutes; default 60 s.
     *
     * @param refreshSkew between zero and 30 minutes
     * @return this builder
     * @throws KlaviyoValidationException if the skew is null, negative or over 30 minutes
     */
    public Builder refreshSkew(Duration refreshSkew) {
      if (refreshSkew == null || refreshSkew.isNegative() || refreshSkew.compareTo(Duration.ofMinutes(30)) > 0) {
        throw new KlaviyoValidationException("refreshSkew", "must be between 0 and 30 minutes");
      }
      this.refreshSkew = refreshSkew;
      return this;
    }

    /**
     * The clock expiry is judged by; default the system clock in UTC.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the session; it loads tokens from the store on first use.
     *
     * @return the session
     * @throws KlaviyoValidationException if no token client was set
     */
    public OAuthSession build() {
      if (tokenClient == null) throw new KlaviyoValidationException("tokenClient", "is required");
      return new OAuthSession(this);
    }
  }
}
