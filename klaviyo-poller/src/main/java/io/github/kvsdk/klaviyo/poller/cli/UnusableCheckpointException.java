package io.github.kvsdk.klaviyo.poller.cli;

/**
 * A checkpoint that parses but cannot be polled from: its boundary lies after this host's clock or
 * before 1970. Exits like a corrupt checkpoint: the file needs a deliberate look.
 */
final class UnusableCheckpointException extends RuntimeException {
  UnusableCheckpointException(String message) {
    super(message);
  }
}
