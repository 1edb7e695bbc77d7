package io.github.kvsdk.klaviyo.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Redirects {@code System.err}, where slf4j-simple writes (it resolves {@code System.err} on every log call), so
 * a test can read every log line the SDK produced. Close to restore.
 */
public final class CapturedStderr implements AutoCloseable {
  private final PrintStream original = System.err;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

  public CapturedStderr() {
    System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
  }

  public String text() {
    System.err.flush();
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    System.setErr(original);
    original.print(text()); // Keep the output visible in the build log.
  }
}
