/**
 * The JSON reading and writing of the sandbox, and Klaviyo's timestamp formats.
 *
 * <p>Not part of the public API: these classes are public only so the sandbox's packages can share them, and may
 * change in any release.
 */
package io.github.kvsdk.klaviyo.sandbox.internal.json;
