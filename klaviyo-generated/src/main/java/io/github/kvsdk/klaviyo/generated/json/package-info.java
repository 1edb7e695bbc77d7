/**
 * How the generated models bind to JSON with Moshi: tri-state nullable properties ({@link
 * io.github.kvsdk.klaviyo.generated.json.JsonNullable}), open enumerations ({@link io.github.kvsdk.klaviyo.generated.json.JsonEnum}), {@code oneOf} unions ({@link
 * io.github.kvsdk.klaviyo.generated.json.JsonUnion}) that keep the JSON they read, and lossless numbers and dates. {@link
 * io.github.kvsdk.klaviyo.generated.json.KlaviyoMoshi#shared()} is a Moshi instance with every adapter installed.
 */
package io.github.kvsdk.klaviyo.generated.json;
