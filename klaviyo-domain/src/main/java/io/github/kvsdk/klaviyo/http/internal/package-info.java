/**
 * Internal: the calls a {@code KlaviyoClient}'s OkHttp client makes, which re-enqueue asynchronous calls
 * instead of waiting on dispatcher threads, and the per-call state its interceptors share. Not API: may change
 * in any release.
 */
package io.github.kvsdk.klaviyo.http.internal;
