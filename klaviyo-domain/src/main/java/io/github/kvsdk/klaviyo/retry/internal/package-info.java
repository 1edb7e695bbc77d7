/**
 * The retry loop the client installs in its HTTP stack, applying a {@link io.github.kvsdk.klaviyo.retry.RetryPolicy}.
 *
 * <p>Not part of the public API: these classes are public only so the SDK's packages can share them, and may
 * change in any release.
 */
package io.github.kvsdk.klaviyo.retry.internal;
