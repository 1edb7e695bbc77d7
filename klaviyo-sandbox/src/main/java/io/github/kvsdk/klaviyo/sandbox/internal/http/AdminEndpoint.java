package io.github.kvsdk.klaviyo.sandbox.internal.http;

import java.util.Map;

/** Serves the sandbox's own {@code /__admin/*} endpoints (no authentication; loopback only). */
@FunctionalInterface
public interface AdminEndpoint {
  /**
   * {@return the answer to one admin request; throw {@link ApiException} for errors}
   *
   * @param method the HTTP method in upper case
   * @param path the decoded request path, such as {@code /__admin/faults}
   * @param query the decoded query parameters (first value of each)
   * @param body the raw request body; empty, never null, when there is none
   */
  ApiResponse handle(String method, String path, Map<String, String> query, byte[] body);
}
