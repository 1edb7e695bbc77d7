/**
 * The exception hierarchy: {@link io.github.kvsdk.klaviyo.errors.KlaviyoException} (unchecked root), API errors by
 * status family, network and timeout failures, and validation of input before sending.
 * The client builds them from Klaviyo's HTTP responses.
 */
package io.github.kvsdk.klaviyo.errors;
