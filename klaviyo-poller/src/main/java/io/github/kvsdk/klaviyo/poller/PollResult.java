package io.github.kvsdk.klaviyo.poller;

import io.github.kvsdk.klaviyo.poller.checkpoint.Checkpoint;
import java.time.Instant;

/**
 * What one poll did.
 *
 * @param pages pages fetched
 * @param objectsFetched objects on those pages
 * @param objectsEmitted objects handed to the consumer
 * @param duplicatesSkipped objects skipped because the checkpoint shows them already emitted
 * @param checkpoint the checkpoint saved last
 * @param upperBound the exclusive upper bound of this poll's window
 * @param complete false if the poll was stopped early by {@link Poller#close()}
 */
public record PollResult(int pages, long objectsFetched, long objectsEmitted,
    long duplicatesSkipped, Checkpoint checkpoint, Instant upperBound, boolean complete) {}
