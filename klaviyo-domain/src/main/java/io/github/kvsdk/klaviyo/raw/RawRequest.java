package io.github.kvsdk.klaviyo.raw;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Any Klaviyo HTTP request, for endpoints the typed actions don't cover. Immutable; validated by
 * {@link Builder#build()} so that bad input fails before anything is sent.
 *
 * <h2>The URL rule</h2>
 * {@link Builder#url} takes a path beginning with {@code /}, resolved against the client's base URL:
 * <ul>
 *   <li>paths under {@code /api}, {@code /client} or {@code /oauth} are used as given:
 *       {@code /api/accounts} is {@code https://a.klaviyo.com/api/accounts};</li>
 *   <li>any other path is relative to {@code /api}: {@code /profiles?page[size]=20} is
 *       {@code https://a.klaviyo.com/api/profiles?page[size]=20};</li>
 *   <li>an absolute URL is accepted only if it points at the client's own base URL (handy for
 *       {@code links.next}); any other host, scheme-relative {@code //host} URLs, and {@code .}/{@code ..} segments
 *       are rejected.</li>
 * </ul>
 * A query in the path is kept; {@link Builder#queryParameter} values are appended after it.
 *
 * <h2>Bodies</h2>
 * Either a JSON body ({@link Builder#jsonBody}) or multipart form data ({@link Builder#formData} and
 * {@link Builder#fileData}), never both. GET and HEAD take no body.
 *
 * <h2>Retries</h2>
 * A raw request has its own retry settings, with the defaults of Klaviyo's connector options: Max Retry Count
 * 0 ({@link Builder#maxRetries}, so by default nothing is retried) and Retry Delay 0 ms ({@link
 * Builder#retryDelay}). With retries on, only 5xx responses and network failures are retried, and only for
 * idempotent requests (GET, PUT, DELETE and the upsert-like POSTs), because repeating a create could create
 * twice; a 429 is always retried, since Klaviyo rejected it before doing anything. {@link
 * Builder#retryOnAllErrors} retries every non-2xx status and network failure, for every method. The delay is
 * {@link Builder#retryDelay}, or exponential back-off with jitter when {@link Builder#exponentialBackoff} is
 * on; a 429's {@code Retry-After} is honoured whatever the delay, even 0 ms. {@link
 * Builder#useClientRetryPolicy()} replaces all of this with the client's {@code RetryPolicy}, as the typed
 * calls use. Every attempt goes through the client's rate limiter, and the {@link Builder#timeout timeout}
 * (or the client's call timeout) bounds all attempts and waits together.
 *
 * <h2>Authorization</h2>
 * The client sets {@code Authorization} from its own credential; a request that sets the header itself is
 * refused, so that a request never silently goes out with a credential other than the one given. Use a client
 * built with the other credential, or {@link Builder#excludeAuthorization} for the public {@code /client}
 * endpoints.
 */
public final class RawRequest {
  static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

  final String method;
  final String url;
  final boolean excludeAuthorization;
  final Object jsonBody;
  final Map<String, String> formData;
  final Map<String, byte[]> fileData;
  final Map<String, String> fileNames;
  final List<String[]> queryParameters;
  final List<String[]> headers;
  final ResponseType responseType;
  final Duration timeout;
  final Duration retryDelay;
  final boolean retryOnAllErrors;
  final int maxRetries;
  final boolean exponentialBackoff;
  final boolean throwOnError;
  final boolean clientRetryPolicy;

  private RawRequest(Builder b) {
    method = b.method;
    url = b.url;
    excludeAuthorization = b.excludeAuthorization;
    jsonBody = b.jsonBody;
    formData = Collections.unmodifiableMap(new LinkedHashMap<>(b.formData)); // Parts keep the caller's order.
    fileData = Collections.unmodifiableMap(new LinkedHashMap<>(b.fileData));
    fileNames = Map.copyOf(b.fileNames);
    queryParameters = List.copyOf(b.queryParameters);
    headers = List.copyOf(b.headers);
    responseType = b.responseType;
    timeout = b.timeout;
    retryDelay = b.retryDelay;
    retryOnAllErrors = b.retryOnAllErrors;
    maxRetries = b.maxRetries;
    exponentialBackoff = b.exponentialBackoff;
    throwOnError = b.throwOnError;
    clientRetryPolicy = b.clientRetryPolicy;
  }

  /** {@return a builder for a GET; set at least the URL} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A GET of {@code url}.
   *
   * @param url the URL, absolute or a path such as {@code /api/accounts}
   * @return the request
   */
  public static RawRequest get(String url) {
    return builder().url(url).build();
  }

  /** {@return the HTTP method, such as {@code GET}} */
  public String method() {
    return method;
  }

  /** {@return the URL: absolute, or a path such as {@code /api/profiles} resolved against the client's host} */
  public String url() {
    return url;
  }

  /** {@return how the response body is decoded} */
  public ResponseType responseType() {
    return responseType;
  }

  /** Names only: header values and bodies may hold secrets or personal data. */
  @Override
  public String toString() {
    int queryStart = url.indexOf('?');
    return "RawRequest{" + method + " " + (queryStart < 0 ? url : url.substring(0, queryStart))
        + ", responseType=" + responseType + ", maxRetries=" + maxRetries + "}";
  }

  /** Collects a raw request; not thread-safe. */
  public static final class Builder {
    private String method = "GET";
    private String url;
    private boolean excludeAuthorization;
    private Object jsonBody;
    private final Map<String, String> formData = new LinkedHashMap<>();
    private final Map<String, byte[]> fileData = new LinkedHashMap<>();
    private final Map<String, String> fileNames = new LinkedHashMap<>();
    private final List<String[]> queryParameters = new ArrayList<>();
    private final List<String[]> headers = new ArrayList<>();
    private ResponseType responseType = ResponseType.JSON;
    private Duration timeout;
    private Duration retryDelay = Duration.ZERO;
    private boolean retryOnAllErrors;
    private boolean clientRetryPolicy;
    private int maxRetries;
    private boolean exponentialBackoff;
    private boolean throwOnError;

    private Builder() {}

    /**
     * The HTTP method: GET (default), POST, PUT, PATCH, DELETE, HEAD or OPTIONS; case-insensitive.
     *
     * @param method the method
     * @return this builder
     */
    public Builder method(String method) {
      String upper = method == null ? "" : method.strip().toUpperCase(Locale.ROOT);
      if (!METHODS.contains(upper)) {
        throw new KlaviyoValidationException("method", "must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS");
      }
      this.method = upper;
      return this;
    }

    /**
     * The path, such as {@code /api/accounts} or {@code /profiles?page[size]=20}; see the class documentation.
     *
     * @param url an absolute URL, or a path such as {@code /api/profiles} resolved against the client's host
     * @return this builder
     */
    public Builder url(String url) {
      this.url = url;
      return this;
    }

    /**
     * Sends no {@code Authorization} header: for {@code /client} endpoints called with {@code company_id}.
     *
     * @param exclude true to send no {@code Authorization} header
     * @return this builder
     */
    public Builder excludeAuthorization(boolean exclude) {
      this.excludeAuthorization = exclude;
      return this;
    }

    /**
     * The JSON body: a {@code Map}/{@code List} tree (or any value Moshi can write) is serialized; a
     * {@code String} is taken as already-encoded JSON and checked to parse. Sent as
     * {@code application/vnd.api+json} unless a {@code Content-Type} header is set.
     *
     * @param body the body, or null for none
     * @return this builder
     */
    public Builder jsonBody(Object body) {
      this.jsonBody = body;
      return this;
    }

    /**
     * Adds a multipart text field.
     *
     * @param name the field name
     * @param value the field value
     * @return this builder
     */
    public Builder formData(String name, String value) {
      requireName("formData", name);
      if (value == null) throw new KlaviyoValidationException("formData", "value of '" + name + "' is null");
      formData.put(name, value);
      return this;
    }

    /**
     * Adds multipart text fields.
     *
     * @param fields the fields, by name
     * @return this builder
     */
    public Builder formData(Map<String, String> fields) {
      fields.forEach(this::formData);
      return this;
    }

    /**
     * Adds a multipart file part; its file name is {@link #fileName} for the same key, or the key itself.
     *
     * @param name the part name
     * @param content the file's bytes; copied
     * @return this builder
     */
    public Builder fileData(String name, byte[] content) {
      requireName("fileData", name);
      if (content == null) throw new KlaviyoValidationException("fileData", "content of '" + name + "' is null");
      fileData.put(name, content.clone());
      return this;
    }

    /**
     * Adds a multipart file part with its file name.
     *
     * @param name the part name
     * @param content the file's bytes; copied
     * @param fileName the file name sent with the part
     * @return this builder
     */
    public Builder fileData(String name, byte[] content, String fileName) {
      return fileData(name, content).fileName(name, fileName);
    }

    /**
     * Sets the file name of the {@link #fileData} part {@code name}; the key must match a file data key.
     *
     * @param name the part name
     * @param fileName the file name sent with the part
     * @return this builder
     */
    public Builder fileName(String name, String fileName) {
      requireName("fileDataFileNames", name);
      if (fileName == null || fileName.isBlank() || fileName.contains("\"") || fileName.contains("\r")
          || fileName.contains("\n")) {
        throw new KlaviyoValidationException("fileDataFileNames",
            "file name of '" + name + "' must be non-blank without quotes or line breaks");
      }
      fileNames.put(name, fileName);
      return this;
    }

    /**
     * Appends a query parameter; repeat the name for multiple values. The value is URL-encoded.
     *
     * @param name the parameter name
     * @param value the value, unencoded
     * @return this builder
     */
    public Builder queryParameter(String name, String value) {
      requireName("queryParameters", name);
      if (value == null) throw new KlaviyoValidationException("queryParameters", "value of '" + name + "' is null");
      queryParameters.add(new String[] {name, value});
      return this;
    }

    /**
     * Adds a request header. Values are never logged or printed.
     *
     * @param name the header name
     * @param value the header value
     * @return this builder
     */
    public Builder header(String name, String value) {
      requireName("headers", name);
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
          throw new KlaviyoValidationException("headers", "header name '" + name + "' has an invalid character");
        }
      }
      if (name.equalsIgnoreCase("Authorization")) {
        throw new KlaviyoValidationException("headers", "Authorization is set by the client from its credential;"
            + " use a client built with the credential you want, or excludeAuthorization(true) for /client"
            + " endpoints");
      }
      if (value == null) throw new KlaviyoValidationException("headers", "value of '" + name + "' is null");
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if ((c < ' ' && c != '\t') || c == 0x7f) {
          throw new KlaviyoValidationException("headers", "value of '" + name + "' has a control character");
        }
      }
      headers.add(new String[] {name, value});
      return this;
    }

    /**
     * How to decode the response body; default JSON.
     *
     * @param responseType how to decode the body
     * @return this builder
     */
    public Builder responseType(ResponseType responseType) {
      if (responseType == null) throw new KlaviyoValidationException("responseType", "is required");
      this.responseType = responseType;
      return this;
    }

    /**
     * The longest to wait for the whole exchange, retries included. Positive, at most 10 minutes.
     *
     * @param timeout the longest the whole call may take
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new KlaviyoValidationException("timeout", "must be positive and at most 10 minutes");
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * The delay between retries when exponential back-off is off. 0 to 10 minutes; default 0.
     *
     * @param delay the pause between attempts
     * @return this builder
     */
    public Builder retryDelay(Duration delay) {
      if (delay == null || delay.isNegative() || delay.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new KlaviyoValidationException("retryDelay", "must be between 0 and 10 minutes");
      }
      this.retryDelay = delay;
      return this;
    }

    /**
     * {@link #retryDelay} in milliseconds, like the connector option "Retry Delay (ms)".
     *
     * @param millis the pause between attempts, in milliseconds
     * @return this builder
     */
    public Builder retryDelayMillis(long millis) {
      if (millis < 0) throw new KlaviyoValidationException("retryDelay", "must not be negative");
      return retryDelay(Duration.ofMillis(millis));
    }

    /**
     * Retry every non-2xx status (3xx, 4xx, 5xx) and network failure, whatever the method.
     *
     * @param retryOnAllErrors true to retry every non-2xx answer
     * @return this builder
     */
    public Builder retryOnAllErrors(boolean retryOnAllErrors) {
      this.retryOnAllErrors = retryOnAllErrors;
      return this;
    }

    /**
     * Retries after the first attempt: 0 (default) to 10.
     *
     * @param maxRetries 0 to 10
     * @return this builder
     */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0 || maxRetries > 10) {
        throw new KlaviyoValidationException("maxRetryCount", "must be between 0 and 10");
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * Use exponential back-off with full jitter (base 0.5 s, cap 20 s) instead of {@link #retryDelay}.
     *
     * @param exponentialBackoff true for exponential back-off with jitter
     * @return this builder
     */
    public Builder exponentialBackoff(boolean exponentialBackoff) {
      this.exponentialBackoff = exponentialBackoff;
      return this;
    }

    /**
     * Throw the typed {@code KlaviyoApiException} for non-2xx responses instead of returning them. Off by
     * default: a raw request reports whatever status came back, so callers can handle any status themselves.
     *
     * @param throwOnError true to throw a typed exception for non-2xx answers
     * @return this builder
     */
    public Builder throwOnError(boolean throwOnError) {
      this.throwOnError = throwOnError;
      return this;
    }

    /**
     * Retry this request with the client's {@code RetryPolicy} (as typed calls are) instead of the raw
     * request's own retry settings. Cannot be combined with {@link #maxRetries}, {@link #retryDelay}, {@link
     * #retryOnAllErrors} or {@link #exponentialBackoff}.
     *
     * @return this builder
     */
    public Builder useClientRetryPolicy() {
      this.clientRetryPolicy = true;
      return this;
    }

    /**
     * Validates everything that does not depend on the client.
     *
     * @return the request
     * @throws io.github.kvsdk.klaviyo.errors.KlaviyoValidationException if a setting contradicts another, such as
     *     retry settings together with the client's retry policy
     */
    public RawRequest build() {
      if (clientRetryPolicy && (maxRetries != 0 || !retryDelay.isZero() || retryOnAllErrors || exponentialBackoff)) {
        throw new KlaviyoValidationException("useClientRetryPolicy", "cannot be combined with maxRetries,"
            + " retryDelay, retryOnAllErrors or exponentialBackoff: choose the client's policy or the request's own");
      }
      if (url == null || url.isBlank()) {
        throw new KlaviyoValidationException("url", "is required: a path such as /api/accounts");
      }
      if (!url.startsWith("/") && !url.startsWith("https://") && !url.startsWith("http://")) {
        throw new KlaviyoValidationException("url", "must be a path starting with '/', such as /api/accounts");
      }
      if (url.startsWith("//")) {
        throw new KlaviyoValidationException("url", "must be a path on the configured host, not //host/...");
      }
      if (url.indexOf('#') >= 0) throw new KlaviyoValidationException("url", "must not contain a fragment (#)");
      for (int i = 0; i < url.length(); i++) {
        char c = url.charAt(i);
        if (c <= ' ' || c == 0x7f || c == '\\') {
          throw new KlaviyoValidationException("url", "must not contain whitespace, control characters or '\\'");
        }
      }
      boolean multipart = !formData.isEmpty() || !fileData.isEmpty();
      if (jsonBody != null && multipart) {
        throw new KlaviyoValidationException("data", "cannot be combined with formData or fileData; send one body");
      }
      if ((jsonBody != null || multipart) && (method.equals("GET") || method.equals("HEAD"))) {
        throw new KlaviyoValidationException(jsonBody != null ? "data" : "formData",
            method + " requests cannot have a body");
      }
      for (String name : fileNames.keySet()) {
        if (!fileData.containsKey(name)) {
          throw new KlaviyoValidationException("fileDataFileNames",
              "key '" + name + "' has no matching fileData entry; keys must match the file data keys");
        }
      }
      for (String name : fileData.keySet()) {
        if (formData.containsKey(name)) {
          throw new KlaviyoValidationException("fileData", "key '" + name + "' is also a formData field");
        }
      }
      if (excludeAuthorization) {
        for (String[] header : headers) {
          if (header[0].equalsIgnoreCase("Authorization")) {
            throw new KlaviyoValidationException("headers",
                "an Authorization header contradicts excludeAuthorization(true)");
          }
        }
      }
      return new RawRequest(this);
    }

    private static void requireName(String field, String name) {
      if (name == null || name.isBlank()) throw new KlaviyoValidationException(field, "names must not be blank");
    }
  }
}
