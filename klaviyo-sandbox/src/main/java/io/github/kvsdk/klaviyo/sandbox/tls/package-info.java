/**
 * The self-signed certificate a sandbox started with TLS serves, made at start-up.
 */
package io.github.kvsdk.klaviyo.sandbox.tls;
