/**
 * The JSON reading and writing of the sandbox, and Klaviyo's timestamp formats.
 */
package io.github.kvsdk.klaviyo.sandbox.json;
