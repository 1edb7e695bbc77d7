package io.github.kvsdk.klaviyo.sandbox.http;

import java.util.Map;

/** Serves the sandbox's own {@code /__admin/*} endpoints (no authentication; loopback only). */
@FunctionalInterface
public interface AdminEndpoint {
  /** {@return the answer to one admin request; throw {@link ApiException} for errors} */
  ApiResponse handle(String method, String path, Map<String, String> query, byte[] body);
}
