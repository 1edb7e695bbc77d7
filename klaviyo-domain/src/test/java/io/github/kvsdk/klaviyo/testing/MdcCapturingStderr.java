package io.github.kvsdk.klaviyo.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.MDC;

/**
 * Redirects {@code System.err}, where slf4j-simple writes each log line with one {@code println} on the thread
 * that logged it, and records every line with the MDC of that thread at that moment: what a logging backend
 * with an {@code %X} pattern would print. Close to restore.
 */
public final class MdcCapturingStderr implements AutoCloseable {
  /** One log line and the MDC it was written with. */
  public record Line(String text, Map<String, String> mdc) {}

  private final PrintStream original = System.err;
  private final List<Line> lines = new CopyOnWriteArrayList<>();

  public MdcCapturingStderr() {
    System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8) {
      @Override
      public void println(String x) {
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        lines.add(new Line(x, mdc == null ? Map.of() : Map.copyOf(mdc)));
        original.println(x); // Keep the output visible in the build log.
      }
    });
  }

  /** The lines containing {@code text}. */
  public List<Line> linesContaining(String text) {
    return lines.stream().filter(line -> line.text().contains(text)).toList();
  }

  @Override
  public void close() {
    System.setErr(original);
  }
}
