/**
 * The exception hierarchy: {@link io.github.kvsdk.klaviyo.errors.KlaviyoException} (unchecked root), API errors by
 * status family, network and timeout failures, and validation of input before sending.
 * {@link io.github.kvsdk.klaviyo.errors.internal.KlaviyoErrorMapper} builds them from HTTP responses.
 */
package io.github.kvsdk.klaviyo.errors;
