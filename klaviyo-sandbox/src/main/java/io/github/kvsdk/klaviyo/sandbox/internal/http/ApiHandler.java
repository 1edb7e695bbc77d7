package io.github.kvsdk.klaviyo.sandbox.internal.http;

/** Serves one spec operation. Throws {@link ApiException} to answer with an error document. */
@FunctionalInterface
public interface ApiHandler {
  /**
   * {@return the response to {@code request}}
   *
   * @param request the routed, authenticated and validated request
   */
  ApiResponse handle(ApiRequest request);
}
