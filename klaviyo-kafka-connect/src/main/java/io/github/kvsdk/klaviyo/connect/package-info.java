/**
 * A Kafka Connect source connector that streams Klaviyo's new and updated objects (profiles, events,
 * campaigns and the other pollable types) into Kafka topics.
 *
 * <p>Install the connector and configure {@link io.github.kvsdk.klaviyo.connect.KlaviyoSourceConnector} with the
 * settings {@link io.github.kvsdk.klaviyo.connect.KlaviyoSourceConfig} documents: credentials, the object types
 * to poll and where their records go. Each object type of one account is a source partition whose offset is
 * the poller's checkpoint, so a restarted task resumes where the last committed record left off. Record
 * values take the shape the {@code value.format} setting selects.
 */
package io.github.kvsdk.klaviyo.connect;
