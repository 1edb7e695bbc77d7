/**
 * The OpenAPI document as the sandbox reads it: operations, parameters, rate limits, paging and the JSON
 * schemas requests and responses are checked against.
 */
package io.github.kvsdk.klaviyo.sandbox.spec;
