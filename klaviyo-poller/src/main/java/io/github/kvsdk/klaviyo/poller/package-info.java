/**
 * Polls Klaviyo for new and updated objects: profiles, events, campaigns and the other listings that can be
 * filtered on a timestamp.
 *
 * <p>A {@link io.github.kvsdk.klaviyo.poller.Poller} walks one listing on one timestamp field, from a durable checkpoint up to a
 * bound that trails the current time, and hands the objects to a {@link io.github.kvsdk.klaviyo.poller.PollConsumer}. The
 * checkpoint advances only after the consumer accepted a whole page, so after a crash or a failure polling
 * resumes without losing an object; an object may be delivered again, never skipped. Objects that share a
 * timestamp second are tracked by id so that they are emitted once.
 *
 * <p>Run one poll with {@link io.github.kvsdk.klaviyo.poller.Poller#pollOnce}, or a scheduled loop with {@link
 * io.github.kvsdk.klaviyo.poller.Poller#start}; {@link io.github.kvsdk.klaviyo.poller.RetryableFailures} says which failures the loop retries.
 */
package io.github.kvsdk.klaviyo.poller;
