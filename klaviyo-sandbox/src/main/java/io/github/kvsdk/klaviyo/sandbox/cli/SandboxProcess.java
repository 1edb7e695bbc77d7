package io.github.kvsdk.klaviyo.sandbox.cli;

import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sandbox running in a child JVM, started from this JVM's class path with {@link SandboxMain}. Its garbage
 * collections and heap are its own, as a real server's would be, which is what benchmarks want: a sandbox in
 * the measuring JVM would pause the client it measures.
 *
 * <pre>{@code
 * try (SandboxProcess sandbox = SandboxProcess.start(List.of("-Xmx2g"), List.of("--seed-profiles", "100000"))) {
 *   KlaviyoClient client = KlaviyoClient.builder().apiKey(sandbox.apiKey()).baseUrl(sandbox.baseUrl()).build();
 *   ...
 * }
 * }</pre>
 */
public final class SandboxProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
  /** Lines of output kept to explain a child that exits before it listens. */
  private static final int KEPT_LINES = 20;

  private final Process process;
  private final String baseUrl;

  private SandboxProcess(Process process, String baseUrl) {
    this.process = process;
    this.baseUrl = baseUrl;
  }

  /**
   * Starts a sandbox on a free loopback port and returns once it listens, which is after its initial data has
   * been created (large amounts take a while).
   *
   * @param jvmOptions options for the child JVM, such as {@code -Xmx2g}
   * @param sandboxArguments {@link SandboxMain} options, such as {@code --seed-profiles 1000}; the port is
   *     chosen here, so they must not contain {@code --port}
   * @return the running sandbox, listening; close it to stop the child process
   * @throws IOException if the child JVM cannot be started or its output cannot be read
   * @throws IllegalStateException if the child exits before it listens; the message quotes its last output
   */
  public static SandboxProcess start(List<String> jvmOptions, List<String> sandboxArguments) throws IOException {
    if (sandboxArguments.contains("--port")) {
      throw new IllegalArgumentException("sandboxArguments: must not contain --port; a free port is chosen");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), SandboxMain.class.getName(),
        "--port", "0"));
    command.addAll(sandboxArguments);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    Deque<String> lastLines = new ArrayDeque<>();
    for (String line; (line = out.readLine()) != null; ) {
      if (lastLines.size() == KEPT_LINES) lastLines.removeFirst();
      lastLines.addLast(line);
      Matcher listening = LISTENING.matcher(line);
      if (listening.find()) {
        drainInBackground(out);
        return new SandboxProcess(process, listening.group(1));
      }
    }
    int exitCode = awaitExit(process);
    throw new IllegalStateException("the sandbox exited with code " + exitCode + " before listening; its last output:\n"
        + String.join("\n", lastLines));
  }

  /** Keeps reading the child's output so that it never blocks on a full pipe. */
  private static void drainInBackground(BufferedReader out) {
    Thread drain = new Thread(() -> {
      try {
        while (out.readLine() != null) {
          // Discarded: the child's log is not part of any measurement.
        }
      } catch (IOException ignored) {
        // The child has exited.
      }
    }, "klaviyo-sandbox-output");
    drain.setDaemon(true);
    drain.start();
  }

  /** {@return the sandbox's base URL, such as {@code http://127.0.0.1:41234}} */
  public String baseUrl() {
    return baseUrl;
  }

  /** {@return a private API key the sandbox accepts, with every scope ({@link KlaviyoSandbox#DEFAULT_API_KEY})} */
  public String apiKey() {
    return KlaviyoSandbox.DEFAULT_API_KEY;
  }

  /** {@return true while the sandbox process runs} */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Stops the child and waits for it to exit; a child that ignores the request for 10 s is killed. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "SandboxProcess{" + baseUrl + ", pid " + process.pid() + "}";
  }

  private static int awaitExit(Process process) {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
