/**
 * The credentials the sandbox accepts: private API keys with their scopes, and the OAuth access tokens it issued.
 */
package io.github.kvsdk.klaviyo.sandbox.auth;
