/**
 * What a poller polls: {@link io.github.kvsdk.klaviyo.poller.config.PollerConfig} (object type, timestamp field, time range, page size,
 * lag) and the values its settings take.
 *
 * <p>Every rule is checked before anything is sent; a broken one throws {@link
 * io.github.kvsdk.klaviyo.poller.config.InvalidConfigurationException} naming the setting as the command line spells it.
 */
package io.github.kvsdk.klaviyo.poller.config;
