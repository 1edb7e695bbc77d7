package io.github.kvsdk.klaviyo.http.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Adds the {@code revision}, {@code User-Agent} and {@code Accept} headers every Klaviyo call needs, unless the
 * request already sets them (a raw request may pin another revision). Installed by {@code KlaviyoClient}.
 *
 * <p>Request bodies labelled {@code application/vnd.api+json} are sent with exactly that media type: JSON:API
 * forbids media type parameters, yet OkHttp and Retrofit's JSON converter add {@code ; charset=utf-8}. The
 * body is UTF-8, which is what JSON:API prescribes, so dropping the parameter changes nothing else.
 */
public final class KlaviyoHeadersInterceptor implements Interceptor {
  private static final MediaType JSON_API = MediaType.get("application/vnd.api+json");

  private final String revision;
  private final String userAgent;

  /**
   * Adds the {@code revision}, {@code User-Agent} and {@code Accept} headers to requests that do not set them.
   *
   * @param revision the API revision, such as {@code 2024-10-15}
   * @param userAgent the {@code User-Agent} value
   */
  public KlaviyoHeadersInterceptor(String revision, String userAgent) {
    this.revision = revision;
    this.userAgent = userAgent;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Request.Builder builder = request.newBuilder();
    if (request.header("revision") == null) builder.header("revision", revision);
    if (request.header("User-Agent") == null) builder.header("User-Agent", userAgent);
    if (request.header("Accept") == null) builder.header("Accept", "application/vnd.api+json");
    RequestBody body = request.body();
    if (body != null && hasParameters(body.contentType())) {
      builder.method(request.method(), new JsonApiBody(body));
      if (request.header("Content-Type") != null) builder.header("Content-Type", JSON_API.toString());
    }
    return chain.proceed(builder.build());
  }

  /** True for {@code application/vnd.api+json} with parameters, which JSON:API forbids. */
  private static boolean hasParameters(MediaType type) {
    return type != null && type.type().equals("application") && type.subtype().equals("vnd.api+json")
        && type.toString().indexOf(';') >= 0;
  }

  /** {@code delegate} labelled plain {@code application/vnd.api+json}; the bytes are UTF-8 either way. */
  private static final class JsonApiBody extends RequestBody {
    private final RequestBody delegate;

    JsonApiBody(RequestBody delegate) {
      this.delegate = delegate;
    }

    @Override
    public MediaType contentType() {
      return JSON_API;
    }

    @Override
    public long contentLength() throws IOException {
      return delegate.contentLength();
    }

    @Override
    public boolean isOneShot() {
      return delegate.isOneShot();
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      delegate.writeTo(sink);
    }
  }
}
