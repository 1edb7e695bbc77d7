/**
 * The HTTP layer of the sandbox: routing, request checks against the spec, JSON:API error responses, and the
 * hand-over of the back end that serves each operation.
 *
 * <p>Not part of the public API: these classes are public only so the sandbox's packages can share them, and may
 * change in any release.
 */
package io.github.kvsdk.klaviyo.sandbox.internal.http;
