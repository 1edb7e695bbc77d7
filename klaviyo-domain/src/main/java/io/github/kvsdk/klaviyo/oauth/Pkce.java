package io.github.kvsdk.klaviyo.oauth;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A PKCE (RFC 7636) verifier and its S256 challenge. Klaviyo requires PKCE and accepts only S256.
 *
 * <p>Keep the verifier with the authorization's {@code state} until the redirect returns, then pass it to the
 * code exchange. {@link #toString()} shows the challenge only.
 */
public final class Pkce {
  /** The verifier alphabet and length that RFC 7636 and Klaviyo allow. */
  public static final Pattern VERIFIER = Pattern.compile("^[A-Za-z0-9\\-._~]{43,128}$");

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String verifier;
  private final String challenge;

  private Pkce(String verifier) {
    this.verifier = verifier;
    this.challenge = s256(verifier);
  }

  /** {@return a fresh verifier of 86 characters from 64 bytes of {@link SecureRandom}} */
  public static Pkce generate() {
    byte[] bytes = new byte[64];
    RANDOM.nextBytes(bytes);
    return new Pkce(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /**
   * Recreates the pair from a stored verifier, validating it against {@link #VERIFIER}.
   *
   * @param verifier the code verifier: 43 to 128 characters of {@code A-Z a-z 0-9 - . _ ~}
   * @return the pair
   */
  public static Pkce fromVerifier(String verifier) {
    if (verifier == null || !VERIFIER.matcher(verifier).matches()) {
      throw new KlaviyoValidationException("codeVerifier",
          "must be 43 to 128 characters from A-Z, a-z, 0-9, '-', '.', '_' and '~'");
    }
    return new Pkce(verifier);
  }

  /** {@return the secret half, sent only in the code exchange} */
  public String verifier() {
    return verifier;
  }

  /** {@return {@code BASE64URL(SHA-256(verifier))} without padding, sent in the authorization URL} */
  public String challenge() {
    return challenge;
  }

  /** {@return always {@code S256}} */
  public String method() {
    return "S256";
  }

  @Override
  public String toString() {
    return "Pkce{method=S256, challenge=" + challenge + ", verifier=***}";
  }

  private static String s256(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("Every JVM ships SHA-256", e);
    }
  }
}
