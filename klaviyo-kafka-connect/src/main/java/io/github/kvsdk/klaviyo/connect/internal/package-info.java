/**
 * The connector's implementation: offsets, record conversion, shared clients and the per-stream poll loop.
 *
 * <p>Not part of the public API: these classes are public only so the connector's packages can share them,
 * and may change in any release.
 */
package io.github.kvsdk.klaviyo.connect.internal;
