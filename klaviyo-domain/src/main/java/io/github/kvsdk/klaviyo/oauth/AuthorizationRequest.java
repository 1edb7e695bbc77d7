package io.github.kvsdk.klaviyo.oauth;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.http.internal.BaseUrls;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * The first step of Klaviyo's OAuth flow: the URL to send the user's browser to, plus the {@code state} and PKCE
 * verifier to remember until the redirect comes back.
 *
 * <pre>{@code
 * AuthorizationRequest request = AuthorizationRequest.builder()
 *     .clientId("my-client-id")
 *     .redirectUri("https://example.com/oauth/callback")
 *     .scopes("accounts:read", "profiles:read")
 *     .build();
 * // store request.state() and request.pkce().verifier() in the user's session, then redirect to request.url()
 * }</pre>
 */
public final class AuthorizationRequest {
  /** Klaviyo's authorization endpoint. */
  public static final String DEFAULT_AUTHORIZE_URL = "https://www.klaviyo.com/oauth/authorize";

  private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9_\\-]+(:[A-Za-z0-9_\\-]+)?");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final HttpUrl url;
  private final String state;
  private final Pkce pkce;

  private AuthorizationRequest(HttpUrl url, String state, Pkce pkce) {
    this.url = url;
    this.state = state;
    this.pkce = pkce;
  }

  /** {@return a builder; client id, redirect URI and at least one scope are required} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return where to send the browser} */
  public HttpUrl url() {
    return url;
  }

  /** {@return the anti-CSRF value the redirect must echo back} */
  public String state() {
    return state;
  }

  /** {@return the PKCE pair; its verifier goes to {@link OAuthTokenClient#exchangeCode}} */
  public Pkce pkce() {
    return pkce;
  }

  /** {@return a random, URL-safe {@code state} value with 256 bits of entropy} */
  public static String randomState() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public String toString() {
    return "AuthorizationRequest{url=" + url + ", pkce=" + pkce + "}";
  }

  /** Collects the parameters of an authorization request; not thread-safe. */
  public static final class Builder {
    private HttpUrl authorizeUrl = HttpUrl.get(DEFAULT_AUTHORIZE_URL);
    private String clientId;
    private String redirectUri;
    private final List<String> scopes = new ArrayList<>();
    private String state;
    private Pkce pkce;

    private Builder() {}

    /**
     * Overrides the authorization endpoint, for tests. https, or http on loopback.
     *
     * @param url the authorization endpoint
     * @return this builder
     * @throws KlaviyoValidationException if the URL is malformed, or not https and not on loopback
     */
    public Builder authorizeUrl(String url) {
      this.authorizeUrl = BaseUrls.parse("authorizeUrl", url);
      return this;
    }

    /**
     * Required: the app's client id.
     *
     * @param clientId the client id
     * @return this builder
     * @throws KlaviyoValidationException if the id is null or blank
     */
    public Builder clientId(String clientId) {
      if (clientId == null || clientId.isBlank()) throw new KlaviyoValidationException("clientId", "is required");
      this.clientId = clientId;
      return this;
    }

    /**
     * The redirect URI registered with the app; an absolute http(s) URL. It is sent exactly as given (no
     * trailing slash added, nothing normalised), because Klaviyo compares it character for character with the
     * registered one; pass the same string to the code exchange.
     *
     * @param redirectUri the registered redirect URI
     * @return this builder
     * @throws KlaviyoValidationException if it is not an absolute http(s) URL
     */
    public Builder redirectUri(String redirectUri) {
      HttpUrl parsed = redirectUri == null ? null : HttpUrl.parse(redirectUri);
      if (parsed == null) {
        throw new KlaviyoValidationException("redirectUri", "must be an absolute http(s) URL");
      }
      this.redirectUri = redirectUri;
      return this;
    }

    /**
     * Adds scopes such as {@code profiles:read}; they are sent space-separated.
     *
     * @param scopes scopes such as {@code profiles:read}
     * @return this builder
     * @throws KlaviyoValidationException if a scope is null or not of the form {@code resource:access}
     */
    public Builder scopes(String... scopes) {
      for (String scope : scopes) {
        if (scope == null || !SCOPE.matcher(scope).matches()) {
          throw new KlaviyoValidationException("scopes", "each scope must look like resource:access, such as "
              + "profiles:read, without spaces");
        }
        this.scopes.add(scope);
      }
      return this;
    }

    /**
     * Sets the {@code state}; a random one is generated when absent.
     *
     * @param state an unguessable value to check on the redirect
     * @return this builder
     * @throws KlaviyoValidationException if it is null or blank
     */
    public Builder state(String state) {
      if (state == null || state.isBlank()) throw new KlaviyoValidationException("state", "must not be blank");
      this.state = state;
      return this;
    }

    /**
     * Sets the PKCE pair; a fresh one is generated when absent.
     *
     * @param pkce the pair, or null to generate one
     * @return this builder
     */
    public Builder pkce(Pkce pkce) {
      this.pkce = pkce;
      return this;
    }

    /**
     * Builds the authorization URL, generating a random {@code state} and a PKCE pair where none was set.
     *
     * @return the request: the URL to send the user to, with the state and PKCE verifier to keep
     * @throws KlaviyoValidationException if the client id, the redirect URI or every scope is missing
     */
    public AuthorizationRequest build() {
      if (clientId == null) throw new KlaviyoValidationException("clientId", "is required");
      if (redirectUri == null) throw new KlaviyoValidationException("redirectUri", "is required");
      if (scopes.isEmpty()) throw new KlaviyoValidationException("scopes", "at least one scope is required");
      String finalState = state != null ? state : randomState();
      Pkce finalPkce = pkce != null ? pkce : Pkce.generate();
      HttpUrl url = authorizeUrl.newBuilder()
          .addQueryParameter("response_type", "code")
          .addQueryParameter("client_id", clientId)
          .addQueryParameter("redirect_uri", redirectUri)
          .addQueryParameter("scope", String.join(" ", scopes))
          .addQueryParameter("state", finalState)
          .addQueryParameter("code_challenge_method", finalPkce.method())
          .addQueryParameter("code_challenge", finalPkce.challenge())
          .build();
      return new AuthorizationRequest(url, finalState, finalPkce);
    }
  }
}
