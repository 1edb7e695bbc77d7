/**
 * Internal: the only classes of the client that touch Micrometer, loaded only when the user passes a
 * registry. Not API: may change in any release.
 */
package io.github.kvsdk.klaviyo.metrics.internal;
