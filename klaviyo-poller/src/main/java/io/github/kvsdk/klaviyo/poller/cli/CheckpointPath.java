package io.github.kvsdk.klaviyo.poller.cli;

import io.github.kvsdk.klaviyo.poller.config.InvalidConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before anything is sent, that a checkpoint file can be read and replaced the way the
 * store does it (a temporary file in the same directory, renamed over the file), so that a bad path
 * is a configuration error instead of a failure after the first page was emitted.
 */
final class CheckpointPath {
  private CheckpointPath() {}

  static void check(Path file) {
    Path path = file.toAbsolutePath();
    if (Files.isDirectory(path)) {
      throw new InvalidConfigurationException("checkpoint", "is a directory: " + path);
    }
    if (Files.exists(path) && !Files.isRegularFile(path)) {
      throw new InvalidConfigurationException("checkpoint", "is not a regular file: " + path);
    }
    if (Files.exists(path) && !Files.isReadable(path)) {
      throw new InvalidConfigurationException("checkpoint", "cannot be read: " + path);
    }
    Path directory = path.getParent();
    Path existing = directory;
    while (existing != null && !Files.exists(existing)) existing = existing.getParent();
    if (existing != null && !Files.isDirectory(existing)) {
      throw new InvalidConfigurationException("checkpoint",
          "cannot be created: " + existing + " is a file, not a directory");
    }
    try {
      Files.createDirectories(directory);
      Path probe = Files.createTempFile(directory, path.getFileName() + ".", ".tmp");
      Files.delete(probe);
    } catch (IOException | UnsupportedOperationException e) {
      throw new InvalidConfigurationException("checkpoint",
          "cannot be written: no file can be created in " + directory + " (" + IoReason.of(e) + ")");
    }
  }
}
