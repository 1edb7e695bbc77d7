package io.github.kvsdk.klaviyo.poller.source;

import java.io.IOException;

/**
 * A listing request succeeded (2xx) but its body could not be read as a listing: malformed JSON, a
 * document of the wrong shape, or a body that ended early or broke off. Nothing from the page was
 * emitted and the checkpoint did not move, so polling again repeats the page; usually a transient
 * fault between Klaviyo and this host.
 */
public final class UnreadablePageException extends IOException {
  /** True if the body broke off, false if it arrived whole but unreadable. */
  private final boolean incomplete;

  /**
   * Reports a listing that could not be read.
   *
   * @param message what was wrong
   * @param incomplete true if the body broke off, false if it arrived whole but was not a readable listing
   * @param cause the underlying failure, or null
   */
  public UnreadablePageException(String message, boolean incomplete, Throwable cause) {
    super(message, cause);
    this.incomplete = incomplete;
  }

  /**
   * {@return true if the body broke off (the connection failed or the body ended early), false if it
   * arrived whole but was not a readable listing}
   */
  public boolean incomplete() {
    return incomplete;
  }
}
