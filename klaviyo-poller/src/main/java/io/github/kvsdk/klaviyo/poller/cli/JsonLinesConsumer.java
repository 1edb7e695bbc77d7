package io.github.kvsdk.klaviyo.poller.cli;

import io.github.kvsdk.klaviyo.poller.PollConsumer;
import io.github.kvsdk.klaviyo.poller.PollMessage;
import java.io.IOException;
import java.io.PrintStream;

/**
 * Writes each message as one JSON line and flushes it before accepting it, so the checkpoint
 * never runs ahead of what actually reached the output.
 */
final class JsonLinesConsumer implements PollConsumer {
  private final PrintStream out;

  JsonLinesConsumer(PrintStream out) {
    this.out = out;
  }

  @Override
  public void accept(PollMessage message) throws IOException {
    // Raw newlines can only be insignificant whitespace in JSON: strings escape them.
    String json = message.json();
    if (json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0) {
      json = json.replace("\r", "").replace("\n", "");
    }
    out.print(json);
    out.print('\n');
    out.flush();
    // PrintStream swallows write errors (e.g. a closed pipe); surface them so nothing is lost.
    if (out.checkError()) throw new IOException("standard output is closed");
  }
}
