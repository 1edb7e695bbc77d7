package io.github.kvsdk.klaviyo.sandbox.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The private API keys the sandbox accepts, each with its scopes. */
public final class ApiKeys {
  private final Map<String, Credential> keys = new ConcurrentHashMap<>();

  /**
   * Accepts {@code key} with every scope.
   *
   * @param key the private API key, starting with {@code pk_}
   */
  public void add(String key) {
    add(key, null);
  }

  /**
   * Accepts {@code key} with {@code scopes} only (null for every scope).
   *
   * @param key the private API key, starting with {@code pk_}
   * @param scopes the scopes the key grants, such as {@code profiles:read}
   * @throws IllegalArgumentException if the key does not start with {@code pk_}
   */
  public void add(String key, Set<String> scopes) {
    if (key == null || !key.startsWith("pk_") || key.length() < 6) {
      throw new IllegalArgumentException("A private API key starts with 'pk_' and has at least 3 more characters");
    }
    keys.put(key, new Credential("key:" + fingerprint(key), scopes == null ? null : Set.copyOf(scopes)));
  }

  /**
   * Stops accepting {@code key}.
   *
   * @param key the private API key, starting with {@code pk_}
   */
  public void remove(String key) {
    keys.remove(key);
  }

  /**
   * The credential of {@code key}, or null if it is not accepted.
   *
   * @param key the private API key, starting with {@code pk_}
   * @return the credential of the key, or null if the key is not accepted
   */
  public Credential lookup(String key) {
    return keys.get(key);
  }

  /** A short non-reversible label for logs and quota keys. */
  static String fingerprint(String secret) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
