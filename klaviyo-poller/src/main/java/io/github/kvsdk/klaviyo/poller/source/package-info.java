/**
 * Where a poller's pages come from: a {@link io.github.kvsdk.klaviyo.poller.source.PageSource} fetches one page of
 * a listing. The poller's own source fetches them through the SDK's client, keeping each object as the exact JSON
 * Klaviyo sent.
 */
package io.github.kvsdk.klaviyo.poller.source;
