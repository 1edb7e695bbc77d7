package io.github.kvsdk.klaviyo.raw;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import io.github.kvsdk.klaviyo.auth.internal.OmitAuthorization;
import io.github.kvsdk.klaviyo.errors.internal.KlaviyoErrorMapper;
import io.github.kvsdk.klaviyo.errors.KlaviyoException;
import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.retry.RetryPolicy;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Sends {@link RawRequest}s through a client's fully configured HTTP stack (revision, credentials, rate
 * limiting, logging). Obtain from {@code KlaviyoClient.raw()}. Thread-safe.
 *
 * <p>Retries follow the request's own settings, whose defaults are those of Klaviyo's connector: no retries
 * (Max Retry Count 0, Retry Delay 0 ms), and when enabled only 5xx and network failures (plus 429, honouring
 * {@code Retry-After}) unless Retry On All Errors is set. {@link RawRequest.Builder#useClientRetryPolicy()}
 * uses the client's policy instead. See {@link RawRequest} for the details.
 */
public final class RawRequests {
  private static final MediaType JSON_API = MediaType.get("application/vnd.api+json");
  private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");

  private static final Set<Integer> ALL_SERVER_ERRORS =
      IntStream.rangeClosed(500, 599).boxed().collect(Collectors.toUnmodifiableSet());

  private final OkHttpClient httpClient;
  private final HttpUrl baseUrl;
  private final JsonAdapter<Object> json;
  private final RetryPolicy retryDefaults;

  /**
   * Advanced: {@code KlaviyoClient.raw()} is the usual way in. {@code retryDefaults} supplies the back-off
   * constants, sleeper and clock that a request's own retry options are layered over.
   *
   * @param httpClient the client that sends the requests, carrying the SDK's interceptors (authentication,
   *     revision header, rate limiting)
   * @param baseUrl the API's base URL; a request whose URL points elsewhere is refused
   * @param moshi encodes JSON bodies and decodes responses
   * @param retryDefaults the back-off constants, sleeper and clock of retried requests
   * @throws NullPointerException if {@code httpClient}, {@code baseUrl} or {@code retryDefaults} is null
   */
  public RawRequests(OkHttpClient httpClient, HttpUrl baseUrl, Moshi moshi, RetryPolicy retryDefaults) {
    this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    this.json = moshi.adapter(Object.class).serializeNulls();
    this.retryDefaults = Objects.requireNonNull(retryDefaults, "retryDefaults");
  }

  /**
   * Sends {@code request} and returns the response, whatever its status (unless the request asked to
   * {@linkplain RawRequest.Builder#throwOnError throw}).
   *
   * @param request the method, path, query, body and retry options to send
   * @return Klaviyo's response document
   * @throws KlaviyoValidationException if the URL points elsewhere or the JSON body is not valid JSON
   * @throws io.github.kvsdk.klaviyo.errors.KlaviyoNetworkException on transport failures
   * @throws io.github.kvsdk.klaviyo.errors.KlaviyoTimeoutException when the timeout elapses
   */
  public RawResponse send(RawRequest request) {
    Request httpRequest = toHttpRequest(request);
    Call call = newCall(request, httpRequest);
    try (Response response = call.execute()) {
      return toRawResponse(request, response);
    } catch (IOException e) {
      throw KlaviyoErrorMapper.fromIOException(e, httpRequest.method(), httpRequest.url().encodedPath());
    }
  }

  /**
   * Like {@link #send} but enqueued on OkHttp's dispatcher: no caller thread blocks. Validation errors complete
   * the future exceptionally too. Cancelling the future cancels the call.
   *
   * @param request the method, path, query, body and retry options to send
   * @return a future that completes with Klaviyo's response document, or exceptionally with a typed {@link
   *     io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<RawResponse> sendAsync(RawRequest request) {
    CompletableFuture<RawResponse> future = new CompletableFuture<>();
    Request httpRequest;
    try {
      httpRequest = toHttpRequest(request);
    } catch (KlaviyoException e) {
      future.completeExceptionally(e);
      return future;
    }
    Call call = newCall(request, httpRequest);
    future.whenComplete((value, error) -> {
      if (future.isCancelled()) call.cancel();
    });
    call.enqueue(new Callback() {
      @Override
      public void onResponse(Call c, Response response) {
        try (response) {
          future.complete(toRawResponse(request, response));
        } catch (IOException e) {
          future.completeExceptionally(
              KlaviyoErrorMapper.fromIOException(e, httpRequest.method(), httpRequest.url().encodedPath()));
        } catch (RuntimeException e) {
          future.completeExceptionally(e);
        }
      }

      @Override
      public void onFailure(Call c, IOException e) {
        future.completeExceptionally(
            KlaviyoErrorMapper.fromIOException(e, httpRequest.method(), httpRequest.url().encodedPath()));
      }
    });
    return future;
  }

  /** Resolves a raw URL against {@code baseUrl}, following {@link RawRequest}'s URL rule. */
  static HttpUrl resolve(HttpUrl baseUrl, String url) {
    if (url.startsWith("http://") || url.startsWith("https://")) {
      HttpUrl absolute = HttpUrl.parse(url);
      if (absolute == null) throw new KlaviyoValidationException("url", "is not a valid URL");
      if (!absolute.scheme().equals(baseUrl.scheme()) || !absolute.host().equals(baseUrl.host())
          || absolute.port() != baseUrl.port()) {
        throw new KlaviyoValidationException("url", "absolute URLs must point at the configured base URL "
            + baseUrl.scheme() + "://" + baseUrl.host() + "; other hosts are rejected. Pass a path such as /api/accounts");
      }
      checkSegments(absolute.encodedPath());
      return absolute;
    }
    int queryStart = url.indexOf('?');
    String path = queryStart < 0 ? url : url.substring(0, queryStart);
    String query = queryStart < 0 ? "" : url.substring(queryStart);
    checkSegments(path);
    if (!underKnownRoot(path)) path = "/api" + path;
    String prefix = baseUrl.encodedPath().endsWith("/")
        ? baseUrl.encodedPath().substring(0, baseUrl.encodedPath().length() - 1)
        : baseUrl.encodedPath();
    HttpUrl resolved = HttpUrl.parse(baseUrl.scheme() + "://" + hostPort(baseUrl) + prefix + path + query);
    if (resolved == null) throw new KlaviyoValidationException("url", "is not a valid path");
    return resolved;
  }

  private static boolean underKnownRoot(String path) {
    for (String root : new String[] {"/api", "/client", "/oauth"}) {
      if (path.equals(root) || path.startsWith(root + "/")) return true;
    }
    return false;
  }

  private static void checkSegments(String path) {
    for (String segment : path.split("/")) {
      if (segment.equals(".") || segment.equals("..") || segment.equalsIgnoreCase("%2e")
          || segment.equalsIgnoreCase("%2e%2e")) {
        throw new KlaviyoValidationException("url", "must not contain '.' or '..' path segments");
      }
    }
  }

  private static String hostPort(HttpUrl url) {
    String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
    return host + ":" + url.port();
  }

  private Request toHttpRequest(RawRequest request) {
    HttpUrl.Builder url = resolve(baseUrl, request.url).newBuilder();
    for (String[] parameter : request.queryParameters) url.addQueryParameter(parameter[0], parameter[1]);

    Request.Builder builder = new Request.Builder().url(url.build());
    String contentType = null;
    for (String[] header : request.headers) {
      builder.addHeader(header[0], header[1]);
      if (header[0].equalsIgnoreCase("Content-Type")) contentType = header[1];
    }
    builder.method(request.method, body(request, contentType));
    if (request.excludeAuthorization) builder.tag(OmitAuthorization.class, OmitAuthorization.INSTANCE);
    if (!request.clientRetryPolicy) builder.tag(RetryPolicy.class, retryPolicy(request));
    return builder.build();
  }

  private RequestBody body(RawRequest request, String contentType) {
    if (request.jsonBody != null) {
      String text;
      if (request.jsonBody instanceof String s) {
        try {
          json.fromJson(s);
        } catch (IOException | RuntimeException e) {
          throw new KlaviyoValidationException("data", "is not valid JSON (" + e.getClass().getSimpleName() + ")");
        }
        text = s;
      } else {
        try {
          text = json.toJson(request.jsonBody);
        } catch (RuntimeException e) {
          throw new KlaviyoValidationException("data", "cannot be written as JSON: " + e.getMessage());
        }
      }
      MediaType mediaType = contentType != null ? MediaType.parse(contentType) : JSON_API;
      // As bytes: OkHttp would append "; charset=utf-8" to a string body's media type, which JSON:API forbids.
      return RequestBody.create(text.getBytes(StandardCharsets.UTF_8), mediaType != null ? mediaType : JSON_API);
    }
    if (!request.formData.isEmpty() || !request.fileData.isEmpty()) {
      MultipartBody.Builder multipart = new MultipartBody.Builder().setType(MultipartBody.FORM);
      for (Map.Entry<String, String> field : request.formData.entrySet()) {
        multipart.addFormDataPart(field.getKey(), field.getValue());
      }
      for (Map.Entry<String, byte[]> file : request.fileData.entrySet()) {
        String fileName = request.fileNames.getOrDefault(file.getKey(), file.getKey());
        multipart.addFormDataPart(file.getKey(), fileName, RequestBody.create(file.getValue(), OCTET_STREAM));
      }
      return multipart.build();
    }
    boolean needsBody = request.method.equals("POST") || request.method.equals("PUT")
        || request.method.equals("PATCH");
    return needsBody ? RequestBody.create(new byte[0], null) : null;
  }

  private RetryPolicy retryPolicy(RawRequest request) {
    if (request.maxRetries == 0) return RetryPolicy.none();
    return retryDefaults.toBuilder()
        .maxRetries(request.maxRetries)
        .retryAllErrors(request.retryOnAllErrors)
        .retryableStatuses(ALL_SERVER_ERRORS) // Without "retry on all errors": any 5xx, as the connector does.
        .fixedDelay(request.exponentialBackoff ? null : request.retryDelay)
        .build();
  }

  private Call newCall(RawRequest request, Request httpRequest) {
    Call call = httpClient.newCall(httpRequest);
    if (request.timeout != null) call.timeout().timeout(request.timeout.toMillis(), TimeUnit.MILLISECONDS);
    return call;
  }

  private RawResponse toRawResponse(RawRequest request, Response response) throws IOException {
    ResponseBody body = response.body();
    byte[] bytes = body.bytes();
    MediaType mediaType = body.contentType();
    Charset charset = mediaType != null ? mediaType.charset() : null;
    if (request.throwOnError && !response.isSuccessful()) {
      throw KlaviyoErrorMapper.fromParts(response.request().method(), response.request().url().encodedPath(),
          response.code(), response.headers(), new String(bytes, charset != null ? charset : StandardCharsets.UTF_8));
    }
    Object tree = null;
    if (request.responseType == ResponseType.JSON && bytes.length > 0) {
      try {
        tree = json.fromJson(new String(bytes, charset != null ? charset : StandardCharsets.UTF_8));
      } catch (IOException | RuntimeException e) {
        tree = null; // Not JSON (an HTML error page, say): body() falls back to the text.
      }
    }
    return new RawResponse(response.code(), response.headers(), request.responseType, bytes, charset, tree);
  }
}
