package io.github.kvsdk.klaviyo.http.internal;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import okhttp3.HttpUrl;

/**
 * Validates base URLs: HTTPS everywhere, plain HTTP only on loopback (127.0.0.0/8, ::1 and {@code localhost}) so
 * that tests and the local sandbox work without ever sending a credential in clear text over a network.
 */
public final class BaseUrls {
  private BaseUrls() {}

  /**
   * Parses and validates {@code url} for the input named {@code field}.
   *
   * @param field the setting the URL came from, named in the error
   * @param url the URL
   * @return the parsed URL
   */
  public static HttpUrl parse(String field, String url) {
    if (url == null || url.isBlank()) throw new KlaviyoValidationException(field, "is required");
    HttpUrl parsed = HttpUrl.parse(url.strip());
    if (parsed == null) {
      throw new KlaviyoValidationException(field, "must be an absolute http(s) URL such as https://a.klaviyo.com");
    }
    return check(field, parsed);
  }

  /**
   * Validates an already parsed URL for the input named {@code field}; returns it unchanged.
   *
   * @param field the setting the URL came from, named in the error
   * @param url the URL
   * @return the URL
   */
  public static HttpUrl check(String field, HttpUrl url) {
    if (url == null) throw new KlaviyoValidationException(field, "is required");
    if (url.username().length() > 0 || url.password().length() > 0) {
      throw new KlaviyoValidationException(field, "must not contain user info");
    }
    if (url.query() != null || url.fragment() != null) {
      throw new KlaviyoValidationException(field, "must not contain a query or fragment");
    }
    if (url.isHttps()) return url;
    if (isLoopback(url.host())) return url;
    throw new KlaviyoValidationException(field,
        "must use https; plain http is only allowed for loopback hosts (127.0.0.0/8, ::1, localhost)");
  }

  /**
   * {@return true for {@code localhost}, 127.0.0.0/8 and ::1, judged from the literal without a DNS lookup}
   *
   * @param host a host name or IP address
   */
  public static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) return true;
    boolean ipv4 = host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean ipv6 = host.contains(":");
    if (!ipv4 && !ipv6) return false; // A name other than localhost would need DNS, which could lie.
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
