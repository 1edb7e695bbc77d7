package io.github.kvsdk.klaviyo.auth.internal;

/**
 * A request tag telling the authorization interceptors to send no {@code Authorization} header, for the public
 * {@code /client} endpoints that identify the account with a {@code company_id} query parameter instead.
 * Attach with {@code builder.tag(OmitAuthorization.class, OmitAuthorization.INSTANCE)}.
 */
public enum OmitAuthorization {
  /** The tag to attach; the only value. */
  INSTANCE;

  /**
   * {@return true if {@code request} carries this tag}
   *
   * @param request the request
   */
  public static boolean isSet(okhttp3.Request request) {
    return request.tag(OmitAuthorization.class) != null;
  }
}
