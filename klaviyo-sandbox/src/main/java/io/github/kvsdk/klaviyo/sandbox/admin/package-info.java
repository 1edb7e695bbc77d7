/**
 * The sandbox's admin endpoints under {@code /__admin/}: read state, seed objects, arm faults, switch rate
 * limits and mutations, and set up OAuth clients over HTTP, for tests that drive a standalone sandbox.
 * Unauthenticated, so bind the sandbox to loopback.
 */
package io.github.kvsdk.klaviyo.sandbox.admin;
