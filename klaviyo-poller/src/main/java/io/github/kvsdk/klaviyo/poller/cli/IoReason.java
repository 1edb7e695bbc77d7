package io.github.kvsdk.klaviyo.poller.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Says in words why a file operation failed, for messages users read. */
final class IoReason {
  private IoReason() {}

  static String of(Exception e) {
    if (e instanceof NoSuchFileException) return "no such file or directory";
    if (e instanceof AccessDeniedException) return "permission denied";
    if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
    if (e.getMessage() != null && !(e instanceof FileSystemException)) return e.getMessage();
    return "the file system refused";
  }
}
