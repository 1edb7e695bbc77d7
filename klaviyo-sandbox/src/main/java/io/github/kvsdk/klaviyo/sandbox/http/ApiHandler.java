package io.github.kvsdk.klaviyo.sandbox.http;

/** Serves one spec operation. Throws {@link ApiException} to answer with an error document. */
@FunctionalInterface
public interface ApiHandler {
  ApiResponse handle(ApiRequest request);
}
