/**
 * The sandbox's OAuth server: registered clients, authorization codes with PKCE, access and refresh tokens,
 * following Klaviyo's OAuth flow.
 */
package io.github.kvsdk.klaviyo.sandbox.oauth;
