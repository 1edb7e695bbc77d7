package io.github.kvsdk.klaviyo.auth;

import io.github.kvsdk.klaviyo.auth.internal.OmitAuthorization;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Sends {@code Authorization: Klaviyo-API-Key pk_...} unless the request is tagged {@link OmitAuthorization}.
 * Installed by {@code KlaviyoClient}. Advanced API.
 */
public final class ApiKeyInterceptor implements Interceptor {
  private final ApiKey apiKey;

  /**
   * Sends {@code apiKey} as {@code Authorization: Klaviyo-API-Key ...} on every request not tagged with {@link
   * OmitAuthorization}.
   *
   * @param apiKey the private API key
   */
  public ApiKeyInterceptor(ApiKey apiKey) {
    this.apiKey = apiKey;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (OmitAuthorization.isSet(request)) {
      return chain.proceed(request.newBuilder().removeHeader("Authorization").build());
    }
    return chain.proceed(request.newBuilder().header("Authorization", apiKey.headerValue()).build());
  }

  @Override
  public String toString() {
    return "ApiKeyInterceptor[" + apiKey + "]";
  }
}
