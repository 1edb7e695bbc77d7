/**
 * The backfill benchmark: polls a large synthetic listing through the poller and reports throughput and
 * memory, so changes to the poller can be measured. Not needed by applications.
 */
package io.github.kvsdk.klaviyo.poller.bench;
