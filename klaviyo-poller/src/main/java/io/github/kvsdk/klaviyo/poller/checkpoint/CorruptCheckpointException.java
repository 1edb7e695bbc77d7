package io.github.kvsdk.klaviyo.poller.checkpoint;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint file exists but cannot be trusted. The poller stops instead of restarting from the
 * start time; repair or delete the file deliberately.
 */
public final class CorruptCheckpointException extends IOException {
  private final Path path;

  public CorruptCheckpointException(Path path, String reason, Throwable cause) {
    super("Checkpoint file " + path + " is corrupt: " + reason
        + ". Refusing to restart from the start time; fix or delete the file deliberately.", cause);
    this.path = path;
  }

  /** The damaged file. */
  public Path path() {
    return path;
  }
}
