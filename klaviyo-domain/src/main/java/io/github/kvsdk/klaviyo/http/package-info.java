/**
 * Transport plumbing shared by the SDK: base URL rules, the standard headers, request logging, and
 * {@link io.github.kvsdk.klaviyo.http.KlaviyoCalls} for running Retrofit calls with typed errors, sync or async.
 */
package io.github.kvsdk.klaviyo.http;
