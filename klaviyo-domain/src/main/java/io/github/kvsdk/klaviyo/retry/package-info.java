/**
 * Retries with exponential back-off and full jitter, honouring {@code Retry-After}, and never repeating a
 * non-idempotent request that may have reached Klaviyo. See {@link io.github.kvsdk.klaviyo.retry.RetryPolicy}.
 */
package io.github.kvsdk.klaviyo.retry;
