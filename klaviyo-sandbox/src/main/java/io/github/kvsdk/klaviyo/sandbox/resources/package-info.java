/**
 * What the sandbox stores and how each operation acts on it: resources with Klaviyo's semantics (profiles,
 * lists, events, campaigns, ...) by hand-written handlers, every other operation from the spec alone.
 */
package io.github.kvsdk.klaviyo.sandbox.resources;
