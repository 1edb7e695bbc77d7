package io.github.kvsdk.klaviyo.poller;

/**
 * Receives polled messages. Returning normally means the message is accepted; once every message
 * of a page is accepted the poller advances its checkpoint past that page. Throwing stops the poll
 * without advancing, so the page is delivered again by the next poll.
 */
@FunctionalInterface
public interface PollConsumer {
  void accept(PollMessage message) throws Exception;
}
