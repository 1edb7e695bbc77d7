/** Private API key authentication, and the tag that sends a request without credentials. */
package io.github.kvsdk.klaviyo.auth;
