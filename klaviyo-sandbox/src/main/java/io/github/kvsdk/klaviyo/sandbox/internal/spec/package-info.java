/**
 * The OpenAPI document as the sandbox reads it: operations, parameters, rate limits, paging and the JSON
 * schemas requests and responses are checked against.
 *
 * <p>Not part of the public API: these classes are public only so the sandbox's packages can share them, and may
 * change in any release.
 */
package io.github.kvsdk.klaviyo.sandbox.internal.spec;
