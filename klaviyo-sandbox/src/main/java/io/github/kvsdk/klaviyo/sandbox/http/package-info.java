/**
 * The log of the requests a sandbox has answered ({@link io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox#requests()}),
 * for test assertions.
 */
package io.github.kvsdk.klaviyo.sandbox.http;
