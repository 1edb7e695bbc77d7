/**
 * A poller's progress: the {@link io.github.kvsdk.klaviyo.poller.checkpoint.Checkpoint} of each poll stream and the {@link
 * io.github.kvsdk.klaviyo.poller.checkpoint.CheckpointStore} that keeps it durably, such as the JSON file of {@link
 * io.github.kvsdk.klaviyo.poller.checkpoint.FileCheckpointStore}.
 */
package io.github.kvsdk.klaviyo.poller.checkpoint;
