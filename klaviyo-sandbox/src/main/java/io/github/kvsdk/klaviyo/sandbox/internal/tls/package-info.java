/**
 * The self-signed certificate a sandbox started with TLS serves, made at start-up.
 *
 * <p>Not part of the public API: these classes are public only so the sandbox's packages can share them, and may
 * change in any release.
 */
package io.github.kvsdk.klaviyo.sandbox.internal.tls;
