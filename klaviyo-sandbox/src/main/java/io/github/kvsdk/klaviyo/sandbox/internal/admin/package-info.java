/**
 * The sandbox's admin endpoints under {@code /__admin/}: read state, create sample data, arm faults, switch rate
 * limits and mutations, and set up OAuth clients over HTTP, for tests that drive a standalone sandbox.
 * Unauthenticated, so bind the sandbox to loopback.
 *
 * <p>Not part of the public API: these classes are public only so the sandbox's packages can share them, and may
 * change in any release.
 */
package io.github.kvsdk.klaviyo.sandbox.internal.admin;
