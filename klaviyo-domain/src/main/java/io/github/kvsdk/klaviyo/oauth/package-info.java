/**
 * OAuth 2.0 for Klaviyo apps: authorization URLs with PKCE, code exchange, refresh ahead of expiry and on 401
 * (single-flight), token rotation persisted through {@link io.github.kvsdk.klaviyo.oauth.TokenStore}, and revocation.
 */
package io.github.kvsdk.klaviyo.oauth;
