package io.github.kvsdk.klaviyo.poller.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes the first JSON line of a run start on a line of its own when standard output is a file that
 * an earlier run appended to: if a killed run left a last line without its newline, one newline is
 * written first, so no line ever holds parts of two objects.
 */
final class FreshLine {
  private FreshLine() {}

  /** Where standard output can be read back on this platform, if anywhere. */
  private static final Path[] STDOUT = {Path.of("/proc/self/fd/1"), Path.of("/dev/fd/1")};

  static void ensure(PrintStream out) {
    for (Path candidate : STDOUT) {
      try {
        if (!Files.isRegularFile(candidate)) continue;
        if (!endsWithNewline(candidate)) {
          out.write('\n');
          out.flush();
        }
        return;
      } catch (IOException | SecurityException e) {
        return; // Cannot read it back (e.g. write-only): nothing to repair then.
      }
    }
  }

  static boolean endsWithNewline(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size == 0) return true;
      ByteBuffer last = ByteBuffer.allocate(1);
      channel.read(last, size - 1);
      return last.get(0) == '\n';
    }
  }
}
