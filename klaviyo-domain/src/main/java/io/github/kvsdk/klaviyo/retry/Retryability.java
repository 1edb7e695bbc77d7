package io.github.kvsdk.klaviyo.retry;

/**
 * A request tag that overrides the method- and path-based idempotency rules of {@link IdempotentRequests}.
 * Attach with {@code request.newBuilder().tag(Retryability.class, Retryability.IDEMPOTENT)}, for example on a
 * POST whose body carries unique ids that Klaviyo deduplicates.
 */
public enum Retryability {
  /** Safe to send again after a 5xx or a network failure. */
  IDEMPOTENT,
  /** Never resend once the request may have reached the server. */
  NON_IDEMPOTENT
}
