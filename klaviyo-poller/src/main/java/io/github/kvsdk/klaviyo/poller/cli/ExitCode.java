package io.github.kvsdk.klaviyo.poller.cli;

/** The CLI's exit codes; each failure class has its own so scripts can react. */
final class ExitCode {
  /** All polls completed. */
  static final int OK = 0;
  /** Something else failed: I/O, a rejected output stream, an unexpected error. */
  static final int FAILURE = 1;
  /** The configuration is invalid (bad or missing option); nothing was sent. */
  static final int CONFIGURATION = 2;
  /** Klaviyo answered with an error (e.g. 401 bad key, 400 bad filter), or with a body that is not JSON:API. */
  static final int API = 3;
  /** The checkpoint file is corrupt; the poller refused to restart from the start time. */
  static final int CHECKPOINT = 4;
  /** Klaviyo could not be reached: network failure or timeout, after the client's retries. */
  static final int NETWORK = 5;

  private ExitCode() {}
}
