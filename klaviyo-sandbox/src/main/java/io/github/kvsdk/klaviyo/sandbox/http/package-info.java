/**
 * The HTTP layer of the sandbox: routing, request checks against the spec, JSON:API error responses and the
 * request log.
 */
package io.github.kvsdk.klaviyo.sandbox.http;
