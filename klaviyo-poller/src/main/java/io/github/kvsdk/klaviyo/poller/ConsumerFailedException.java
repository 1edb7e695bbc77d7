package io.github.kvsdk.klaviyo.poller;

/** The consumer threw; the poll stopped and the checkpoint did not advance past its page. */
public final class ConsumerFailedException extends RuntimeException {
  /**
   * Wraps what the consumer threw.
   *
   * @param cause the consumer's exception
   */
  public ConsumerFailedException(Throwable cause) {
    super("The consumer rejected a message: " + cause, cause);
  }
}
