package io.github.kvsdk.klaviyo.poller.checkpoint;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint file exists but cannot be trusted. The poller stops instead of restarting from the
 * start time; repair or delete the file deliberately.
 */
public final class CorruptCheckpointException extends IOException {
  /** The damaged checkpoint file. */
  private final Path path;

  /**
   * Reports a damaged checkpoint file.
   *
   * @param path the file
   * @param reason what is wrong with it
   * @param cause the parse failure, or null
   */
  public CorruptCheckpointException(Path path, String reason, Throwable cause) {
    super("Checkpoint file " + path + " is corrupt: " + reason
        + ". Refusing to restart from the start time; fix or delete the file deliberately.", cause);
    this.path = path;
  }

  /** {@return the damaged file} */
  public Path path() {
    return path;
  }
}
