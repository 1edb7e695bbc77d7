/**
 * Internal: the only classes of the poller that touch Micrometer, loaded only when the user passes a
 * registry. Not API: may change in any release.
 */
package io.github.kvsdk.klaviyo.poller.metrics.internal;
