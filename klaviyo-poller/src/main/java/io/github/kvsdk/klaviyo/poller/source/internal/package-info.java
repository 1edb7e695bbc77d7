/**
 * The poller's page source over the SDK's client, and the streaming parser of listing pages it uses.
 *
 * <p>Not part of the public API: these classes are public only so the poller's packages can share them, and may
 * change in any release.
 */
package io.github.kvsdk.klaviyo.poller.source.internal;
