package io.github.kvsdk.klaviyo.poller;

/**
 * Receives polled messages. Returning normally means the message is accepted; once every message
 * of a page is accepted the poller advances its checkpoint past that page. Throwing stops the poll
 * without advancing, so the page is delivered again by the next poll.
 */
@FunctionalInterface
public interface PollConsumer {
  /**
   * Takes one message. Return only once it is handled durably enough for the poller to move on.
   *
   * @param message the message: one object, or one page's new objects
   * @throws Exception to reject the message; the poll stops and the same page is delivered again
   */
  void accept(PollMessage message) throws Exception;
}
