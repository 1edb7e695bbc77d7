package io.github.kvsdk.klaviyo.oauth;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import io.github.kvsdk.klaviyo.errors.KlaviyoException;
import io.github.kvsdk.klaviyo.errors.KlaviyoNetworkException;
import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.errors.internal.KlaviyoErrorMapper;
import io.github.kvsdk.klaviyo.http.internal.BaseUrls;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Talks to Klaviyo's OAuth endpoints: {@code POST /oauth/token} (code exchange and refresh) and
 * {@code POST /oauth/revoke}, with HTTP Basic client authentication and form bodies. Thread-safe.
 *
 * <p>These calls never go through a {@code KlaviyoClient}'s interceptors (which would need a token to get a
 * token), and are not retried here: {@link OAuthSession} decides when a refresh is repeated. A 2xx answer
 * whose body is not a token response (truncated, or not JSON) is reported as a {@link KlaviyoNetworkException},
 * like a lost response.
 */
public final class OAuthTokenClient {
  /** Klaviyo's token endpoint host. */
  public static final String DEFAULT_BASE_URL = "https://a.klaviyo.com";

  private static final Logger log = LoggerFactory.getLogger(OAuthTokenClient.class);
  private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class);

  private final OAuthClientCredentials credentials;
  private final HttpUrl baseUrl;
  private final OkHttpClient httpClient;
  private final Clock clock;

  private OAuthTokenClient(Builder b) {
    this.credentials = b.credentials;
    this.baseUrl = b.baseUrl;
    this.httpClient = b.httpClient != null
        ? b.httpClient
        : new OkHttpClient.Builder()
            .connectTimeout(10, TimeUnit.SECONDS)
            .readTimeout(30, TimeUnit.SECONDS)
            .callTimeout(60, TimeUnit.SECONDS)
            .build();
    this.clock = b.clock;
  }

  /** {@return a builder; {@link Builder#credentials} is required} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the app's client id and secret; the secret never appears in {@code toString()}} */
  public OAuthClientCredentials credentials() {
    return credentials;
  }

  /** {@return the host of the token endpoint} */
  public HttpUrl baseUrl() {
    return baseUrl;
  }

  /**
   * Exchanges an authorization {@code code} for tokens ({@code grant_type=authorization_code}).
   *
   * @param code the {@code code} of the redirect
   * @param codeVerifier the PKCE verifier of the authorization request
   * @param redirectUri the redirect URI of the authorization request, exactly as sent
   * @return the new tokens
   */
  public OAuthTokens exchangeCode(String code, String codeVerifier, String redirectUri) {
    if (code == null || code.isBlank()) throw new KlaviyoValidationException("code", "is required");
    Pkce.fromVerifier(codeVerifier); // validates
    if (redirectUri == null || HttpUrl.parse(redirectUri) == null) {
      throw new KlaviyoValidationException("redirectUri", "must be the absolute URL used in the authorization");
    }
    FormBody form = new FormBody.Builder()
        .add("grant_type", "authorization_code")
        .add("code", code)
        .add("code_verifier", codeVerifier)
        .add("redirect_uri", redirectUri)
        .build();
    return tokens(post("/oauth/token", form, "authorization_code"), null);
  }

  /**
   * Obtains a new access token ({@code grant_type=refresh_token}). If Klaviyo does not rotate the refresh token,
   * the returned tokens keep {@code refreshToken}.
   *
   * @param refreshToken the refresh token
   * @return the new tokens
   * @throws ReauthorizationRequiredException on {@code invalid_grant}
   */
  public OAuthTokens refresh(String refreshToken) {
    if (refreshToken == null || refreshToken.isEmpty()) {
      throw new ReauthorizationRequiredException("No refresh token is available; authorize again", 0, null);
    }
    FormBody form = new FormBody.Builder()
        .add("grant_type", "refresh_token")
        .add("refresh_token", refreshToken)
        .build();
    return tokens(post("/oauth/token", form, "refresh_token"), refreshToken);
  }

  /**
   * Revokes {@code token}; revoking a refresh token also ends its access tokens.
   *
   * @param token the token to revoke
   * @param hint whether it is an access or a refresh token
   */
  public void revoke(String token, TokenTypeHint hint) {
    if (token == null || token.isEmpty()) throw new KlaviyoValidationException("token", "is required");
    Objects.requireNonNull(hint, "hint");
    FormBody form = new FormBody.Builder()
        .add("token", token)
        .add("token_type_hint", hint.wireName())
        .build();
    post("/oauth/revoke", form, "revoke");
  }

  private Map<?, ?> post(String path, FormBody form, String what) {
    HttpUrl url = baseUrl.newBuilder().encodedPath(path).build();
    Request request = new Request.Builder()
        .url(url)
        .header("Authorization", credentials.basicAuthorization())
        .header("Accept", "application/json")
        .post(form)
        .build();
    long start = System.nanoTime();
    try (Response response = httpClient.newCall(request).execute()) {
      String body = response.body().string();
      log.debug("POST {} ({}) -> {} ({} ms)", path, what, response.code(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      Map<?, ?> json = parse(body);
      if (response.isSuccessful()) {
        if (path.equals("/oauth/token") && !(json.get("access_token") instanceof String)) {
          // Lost on the way (truncated, or a proxy's page): a network failure, not an answer.
          throw new KlaviyoNetworkException("POST " + path + " (" + what + ") returned HTTP " + response.code()
              + " with an unreadable token response", new IOException("unreadable token response"));
        }
        return json;
      }
      String error = json.get("error") instanceof String s ? s : null;
      String description = json.get("error_description") instanceof String s ? s : null;
      String message = "OAuth " + what + " failed: HTTP " + response.code()
          + (error != null ? " " + error : "") + (description != null ? " (" + description + ")" : "");
      if ("invalid_grant".equals(error)) {
        throw new ReauthorizationRequiredException(message + "; the user must authorize the app again",
            response.code(), error);
      }
      throw new OAuthException(message, response.code(), error);
    } catch (IOException e) {
      throw KlaviyoErrorMapper.fromIOException(e, "POST", path);
    }
  }

  private OAuthTokens tokens(Map<?, ?> json, String previousRefreshToken) {
    if (!(json.get("access_token") instanceof String accessToken) || accessToken.isEmpty()) {
      throw new KlaviyoException("The token endpoint's response has no access_token");
    }
    String refreshToken = json.get("refresh_token") instanceof String s && !s.isEmpty() ? s : previousRefreshToken;
    Instant expiresAt = json.get("expires_in") instanceof Number n
        ? clock.instant().plus(Duration.ofSeconds(n.longValue()))
        : null;
    String scope = json.get("scope") instanceof String s ? s : null;
    return new OAuthTokens(accessToken, refreshToken, expiresAt, scope);
  }

  private static Map<?, ?> parse(String body) {
    if (body == null || body.isBlank()) return Map.of();
    try {
      return JSON.fromJson(body) instanceof Map<?, ?> map ? map : Map.of();
    } catch (IOException | RuntimeException e) {
      return Map.of(); // Not JSON: the status alone decides.
    }
  }

  @Override
  public String toString() {
    return "OAuthTokenClient{baseUrl=" + baseUrl + ", credentials=" + credentials + "}";
  }

  /** Configures an {@link OAuthTokenClient}; not thread-safe. */
  public static final class Builder {
    private OAuthClientCredentials credentials;
    private HttpUrl baseUrl = HttpUrl.get(DEFAULT_BASE_URL);
    private OkHttpClient httpClient;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Required: the app's client id and secret.
     *
     * @param credentials the credentials
     * @return this builder
     */
    public Builder credentials(OAuthClientCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /**
     * The token endpoint's host; https, or http on loopback for tests and the sandbox.
     *
     * @param baseUrl the host, such as {@code https://a.klaviyo.com}
     * @return this builder
     * @throws KlaviyoValidationException if the URL is malformed, or not https and not on loopback
     */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = BaseUrls.parse("baseUrl", baseUrl);
      return this;
    }

    /**
     * The token endpoint's host, as an {@link HttpUrl}; https, or http on loopback.
     *
     * @param baseUrl the host
     * @return this builder
     * @throws KlaviyoValidationException if the URL is not https and not on loopback
     */
    public Builder baseUrl(HttpUrl baseUrl) {
      this.baseUrl = BaseUrls.check("baseUrl", baseUrl);
      return this;
    }

    /**
     * Shares connection pools with an existing client. Its interceptors apply, so keep them token-free.
     *
     * @param httpClient the client to share; not modified
     * @return this builder
     */
    public Builder okHttpClient(OkHttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /**
     * The clock that turns {@code expires_in} into an expiry instant.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the token client.
     *
     * @return the token client
     * @throws KlaviyoValidationException if no credentials were set
     */
    public OAuthTokenClient build() {
      if (credentials == null) throw new KlaviyoValidationException("credentials", "is required");
      return new OAuthTokenClient(this);
    }
  }
}
