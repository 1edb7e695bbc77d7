package io.github.kvsdk.klaviyo.poller.cli;

import io.github.kvsdk.klaviyo.poller.PollConsumer;
import io.github.kvsdk.klaviyo.poller.PollMessage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes each message as one JSON line and flushes it before accepting it, so the checkpoint
 * never runs ahead of what actually reached the output.
 *
 * <p>The object and its newline go out in a single write, so a process killed at any moment leaves
 * either the whole line or none of it; a line without its newline would glue the next run's first
 * object onto it.
 */
final class JsonLinesConsumer implements PollConsumer {
  private final PrintStream out;

  JsonLinesConsumer(PrintStream out) {
    this.out = out;
  }

  @Override
  public void accept(PollMessage message) throws IOException {
    write(message.json());
  }

  /** Writes {@code json} as one line in a single write, and flushes it. */
  void write(String json) throws IOException {
    byte[] line = line(json);
    out.write(line, 0, line.length);
    out.flush();
    // PrintStream swallows write errors (e.g. a closed pipe); surface them so nothing is lost.
    if (out.checkError()) throw new IOException("standard output is closed");
  }

  /** The UTF-8 bytes of {@code json} on one line, newline included. */
  static byte[] line(String json) {
    // Raw newlines can only be insignificant whitespace in JSON: strings escape them.
    if (json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0) {
      json = json.replace("\r", "").replace("\n", "");
    }
    byte[] object = json.getBytes(StandardCharsets.UTF_8);
    byte[] line = new byte[object.length + 1];
    System.arraycopy(object, 0, line, 0, object.length);
    line[object.length] = '\n';
    return line;
  }
}
