package io.github.kvsdk.klaviyo.poller.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class JsonLinesConsumerTest {
  /** Records every write call that reaches the stream under the PrintStream, as standard output. */
  private static final class Writes extends OutputStream {
    final List<String> calls = new ArrayList<>();

    @Override
    public void write(int b) {
      calls.add(String.valueOf((char) b));
    }

    @Override
    public void write(byte[] b, int off, int len) {
      calls.add(new String(b, off, len, StandardCharsets.UTF_8));
    }
  }

  @Test
  void eachLineIncludingItsNewlineIsOneWrite() throws IOException {
    Writes writes = new Writes();
    JsonLinesConsumer consumer = new JsonLinesConsumer(
        new PrintStream(writes, false, StandardCharsets.UTF_8));
    consumer.write("{\"id\":\"a\",\"name\":\"Zoë\"}");
    consumer.write("{\"id\":\"b\",\n \"x\":1}");
    // A kill between two writes could leave an object without its newline; one write cannot.
    assertThat(writes.calls).containsExactly("{\"id\":\"a\",\"name\":\"Zoë\"}\n",
        "{\"id\":\"b\", \"x\":1}\n");
  }

  @Test
  void aClosedOutputFailsTheMessage() {
    PrintStream broken = new PrintStream(new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("Broken pipe");
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        throw new IOException("Broken pipe");
      }
    }, false, StandardCharsets.UTF_8);
    JsonLinesConsumer consumer = new JsonLinesConsumer(broken);
    assertThatThrownBy(() -> consumer.write("{\"id\":\"a\"}"))
        .isInstanceOf(IOException.class).hasMessage("standard output is closed");
  }
}
