package io.github.kvsdk.klaviyo.http;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Adds the {@code revision}, {@code User-Agent} and {@code Accept} headers every Klaviyo call needs, unless the
 * request already sets them (a raw request may pin another revision). Installed by {@code KlaviyoClient}.
 */
public final class KlaviyoHeadersInterceptor implements Interceptor {
  private final String revision;
  private final String userAgent;

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
    return chain.proceed(builder.build());
  }
}
