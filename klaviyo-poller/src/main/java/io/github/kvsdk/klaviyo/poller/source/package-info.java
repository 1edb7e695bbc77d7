/**
 * Where a poller's pages come from: a {@link io.github.kvsdk.klaviyo.poller.source.PageSource} fetches one page of a listing, and {@link
 * io.github.kvsdk.klaviyo.poller.source.KlaviyoClientPageSource} does so through the SDK's client, keeping each object as the exact JSON
 * Klaviyo sent.
 */
package io.github.kvsdk.klaviyo.poller.source;
