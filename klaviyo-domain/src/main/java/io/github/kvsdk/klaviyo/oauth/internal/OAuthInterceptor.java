package io.github.kvsdk.klaviyo.oauth.internal;

import io.github.kvsdk.klaviyo.auth.internal.OmitAuthorization;
import io.github.kvsdk.klaviyo.errors.KlaviyoException;
import io.github.kvsdk.klaviyo.errors.internal.TunneledKlaviyoException;
import io.github.kvsdk.klaviyo.oauth.OAuthSession;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Sends {@code Authorization: Bearer <access token>} from an {@link OAuthSession}, refreshing ahead of expiry,
 * and on a 401 refreshes once and re-sends. Requests tagged {@link OmitAuthorization} go out without it.
 * Installed by {@code KlaviyoClient}. Advanced API.
 */
public final class OAuthInterceptor implements Interceptor {
  private final OAuthSession session;

  /**
   * Authorizes requests with the session's current access token, refreshing it when needed.
   *
   * @param session the session that supplies tokens
   */
  public OAuthInterceptor(OAuthSession session) {
    this.session = session;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (OmitAuthorization.isSet(request)) {
      return chain.proceed(request.newBuilder().removeHeader("Authorization").build());
    }
    try {
      String token = session.accessToken();
      Response response = chain.proceed(withBearer(request, token));
      if (response.code() != 401) return response;
      response.close();
      String fresh = session.refreshAfterUnauthorized(token);
      return chain.proceed(withBearer(request, fresh));
    } catch (KlaviyoException e) {
      throw new TunneledKlaviyoException(e); // Delivered intact to async callbacks, unwrapped at the call site.
    }
  }

  private static Request withBearer(Request request, String token) {
    return request.newBuilder().header("Authorization", "Bearer " + token).build();
  }

  @Override
  public String toString() {
    return "OAuthInterceptor[" + session + "]";
  }
}
