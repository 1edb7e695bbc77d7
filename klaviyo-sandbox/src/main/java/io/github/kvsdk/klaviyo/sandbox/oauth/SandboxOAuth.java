package io.github.kvsdk.klaviyo.sandbox.oauth;

import io.github.kvsdk.klaviyo.sandbox.auth.Credential;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Klaviyo's OAuth 2.0 server as far as an integration sees it: confidential clients, authorization codes
 * bound to a PKCE S256 challenge, the {@code /oauth/token} endpoint (authorization_code and refresh_token
 * grants, HTTP Basic client authentication, refresh-token rotation) and {@code /oauth/revoke}.
 *
 * <p>There is no consent screen: tests obtain an authorization code directly with
 * {@link #issueAuthorizationCode}, as if the user had approved the given scopes.
 */
public final class SandboxOAuth {
  private static final Pattern VERIFIER = Pattern.compile("^[A-Za-z0-9\\-._~]{43,128}$");
  private static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

  private record Client(String id, String secret, String redirectUri) {}

  private record Code(String clientId, Set<String> scopes, String challenge, String redirectUri, Instant expires) {}

  private record Grant(String grantId, String clientId, Set<String> scopes) {}

  private record AccessToken(Grant grant, Instant expires) {}

  /** The result of a token-endpoint call: HTTP status and JSON body. */
  public record Result(int status, Map<String, Object> body) {}

  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Map<String, Client> clients = new ConcurrentHashMap<>();
  private final Map<String, Code> codes = new ConcurrentHashMap<>();
  private final Map<String, AccessToken> accessTokens = new ConcurrentHashMap<>();
  private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();
  private volatile Duration accessTokenLifetime = Duration.ofHours(1);

  /**
   * An OAuth server with no registered client.
   *
   * @param clock the clock token expiry is judged by
   */
  public SandboxOAuth(Clock clock) {
    this.clock = clock;
  }

  /**
   * Registers (or replaces) a confidential client.
   *
   * @param clientId the app's client id
   * @param clientSecret the app's client secret
   * @param redirectUri the redirect URI
   * @return this OAuth server
   */
  public SandboxOAuth registerClient(String clientId, String clientSecret, String redirectUri) {
    if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
      throw new IllegalArgumentException("clientId and clientSecret are required");
    }
    clients.put(clientId, new Client(clientId, clientSecret, redirectUri));
    return this;
  }

  /**
   * Issues an authorization code as if the user approved {@code scopes} for {@code clientId}; the code is
   * bound to the PKCE S256 {@code codeChallenge} and to {@code redirectUri}, single-use and valid 10 minutes.
   *
   * @param clientId the app's client id
   * @param scopes the scopes granted, such as {@code profiles:read}
   * @param codeChallenge the PKCE S256 code challenge
   * @param redirectUri the redirect URI
   * @return the authorization code
   */
  public String issueAuthorizationCode(String clientId, Collection<String> scopes, String codeChallenge,
      String redirectUri) {
    Client client = clients.get(clientId);
    if (client == null) {
      throw new IllegalArgumentException("Unknown OAuth client; register it first");
    }
    if (codeChallenge == null || codeChallenge.isBlank()) {
      throw new IllegalArgumentException("codeChallenge is required: Klaviyo requires PKCE (S256)");
    }
    if (client.redirectUri() != null && redirectUri != null && !client.redirectUri().equals(redirectUri)) {
      throw new IllegalArgumentException("redirectUri does not match the client's registered redirect URI");
    }
    String code = token(24);
    codes.put(code, new Code(clientId, java.util.Collections.unmodifiableSet(new LinkedHashSet<>(scopes)), codeChallenge, redirectUri,
        clock.instant().plus(CODE_LIFETIME)));
    return code;
  }

  /**
   * Lifetime of newly issued access tokens ({@code expires_in}); default one hour.
   *
   * @param lifetime how long an issued access token is valid
   * @return this OAuth server
   */
  public SandboxOAuth accessTokenLifetime(Duration lifetime) {
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("lifetime must be positive");
    }
    this.accessTokenLifetime = lifetime;
    return this;
  }

  /** Makes every issued access token expired, as if an hour had passed; refresh tokens keep working. */
  public void expireAccessTokens() {
    accessTokens.replaceAll((k, v) -> new AccessToken(v.grant(), Instant.EPOCH));
  }

  /**
   * Revokes every grant of {@code clientId}, as if the app were uninstalled.
   *
   * @param clientId the app's client id
   */
  public void uninstall(String clientId) {
    accessTokens.values().removeIf(t -> t.grant().clientId().equals(clientId));
    refreshTokens.values().removeIf(g -> g.clientId().equals(clientId));
  }

  /**
   * {@return how many refresh tokens are live (for assertions)}
   */
  public int liveRefreshTokens() {
    return refreshTokens.size();
  }

  /**
   * The credential of a bearer access token, or null if unknown, expired or revoked.
   *
   * @param accessToken the bearer access token
   * @return the credential, or null if the token is unknown, expired or revoked
   */
  public Credential authenticate(String accessToken) {
    AccessToken t = accessTokens.get(accessToken);
    if (t == null || !clock.instant().isBefore(t.expires())) {
      return null;
    }
    return new Credential("oauth:" + t.grant().clientId(), t.grant().scopes());
  }

  /**
   * Serves {@code POST /oauth/token} with the form fields and the Authorization header.
   *
   * @param form the request's form fields
   * @param authorization the request's {@code Authorization} header (the client's HTTP Basic credentials)
   * @return the status and JSON body to answer with
   */
  public Result token(Map<String, String> form, String authorization) {
    Client client = authenticateClient(authorization);
    if (client == null) {
      return error(401, "invalid_client", "Client authentication failed.");
    }
    String grantType = form.get("grant_type");
    if ("authorization_code".equals(grantType)) {
      return authorizationCode(client, form);
    }
    if ("refresh_token".equals(grantType)) {
      return refresh(client, form);
    }
    return error(400, "unsupported_grant_type", "invalid_grant_type: '" + grantType + "'");
  }

  /**
   * Serves {@code POST /oauth/revoke}: revokes an access or refresh token (and its grant).
   *
   * @param form the request's form fields
   * @param authorization the request's {@code Authorization} header (the client's HTTP Basic credentials)
   * @return the status and JSON body to answer with
   */
  public Result revoke(Map<String, String> form, String authorization) {
    Client client = authenticateClient(authorization);
    if (client == null) {
      return error(401, "invalid_client", "Client authentication failed.");
    }
    String token = form.get("token");
    if (token == null || token.isEmpty()) {
      return error(400, "invalid_request", "The 'token' parameter is required.");
    }
    Grant grant = refreshTokens.get(token);
    if (grant == null) {
      AccessToken access = accessTokens.get(token);
      grant = access == null ? null : access.grant();
    }
    if (grant != null && grant.clientId().equals(client.id())) {
      String grantId = grant.grantId();
      refreshTokens.values().removeIf(g -> g.grantId().equals(grantId));
      accessTokens.values().removeIf(t -> t.grant().grantId().equals(grantId));
    }
    // RFC 7009: unknown tokens are not an error.
    return new Result(200, Map.of());
  }

  private Result authorizationCode(Client client, Map<String, String> form) {
    String codeValue = form.get("code");
    Code code = codeValue == null ? null : codes.remove(codeValue);
    if (code == null || !code.clientId().equals(client.id()) || clock.instant().isAfter(code.expires())) {
      return error(400, "invalid_grant", "The authorization code is invalid, expired or already used.");
    }
    String verifier = form.get("code_verifier");
    if (verifier == null || !VERIFIER.matcher(verifier).matches()) {
      return error(400, "invalid_grant", "Invalid \"code_verifier\"");
    }
    if (!s256(verifier).equals(code.challenge())) {
      return error(400, "invalid_grant", "Code challenge failed.");
    }
    if (code.redirectUri() != null && !code.redirectUri().equals(form.get("redirect_uri"))) {
      return error(400, "invalid_grant", "redirect_uri does not match the authorization request.");
    }
    return issue(new Grant(token(12), client.id(), code.scopes()));
  }

  private Result refresh(Client client, Map<String, String> form) {
    String refreshToken = form.get("refresh_token");
    Grant grant = refreshToken == null ? null : refreshTokens.get(refreshToken);
    if (grant == null || !grant.clientId().equals(client.id())) {
      return error(400, "invalid_grant", "The refresh token is invalid, expired or revoked.");
    }
    // Rotation: the presented refresh token dies as the new one is issued.
    if (!refreshTokens.remove(refreshToken, grant)) {
      return error(400, "invalid_grant", "The refresh token is invalid, expired or revoked.");
    }
    return issue(grant);
  }

  private Result issue(Grant grant) {
    String access = token(32);
    String refresh = token(32);
    Duration lifetime = accessTokenLifetime;
    accessTokens.put(access, new AccessToken(grant, clock.instant().plus(lifetime)));
    refreshTokens.put(refresh, grant);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", access);
    body.put("token_type", "Bearer");
    body.put("expires_in", lifetime.toSeconds());
    body.put("refresh_token", refresh);
    body.put("scope", String.join(" ", grant.scopes()));
    return new Result(200, body);
  }

  private Client authenticateClient(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return null;
    }
    Client client = clients.get(decoded.substring(0, colon));
    if (client == null) {
      return null;
    }
    byte[] expected = client.secret().getBytes(StandardCharsets.UTF_8);
    byte[] actual = decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, actual) ? client : null;
  }

  /**
   * The PKCE S256 challenge of {@code verifier}: base64url(SHA-256(verifier)) without padding.
   *
   * @param verifier the PKCE code verifier
   * @return the S256 code challenge of the verifier
   */
  public static String s256(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static Result error(int status, String error, String description) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("error_description", description);
    return new Result(status, body);
  }

  private String token(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  @Override
  public String toString() {
    return "SandboxOAuth{clients=" + clients.size() + "}";
  }
}
