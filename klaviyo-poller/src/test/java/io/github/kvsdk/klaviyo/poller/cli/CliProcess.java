package io.github.kvsdk.klaviyo.poller.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The packaged CLI ({@code target/klaviyo-poller.jar}) running in a child JVM, its standard output
 * and error captured in files. Only available after packaging: the build passes the jar's path as
 * the {@code poller.jar} system property to the tests it runs after {@code package}.
 */
final class CliProcess {
  final Process process;
  final Path stdout;
  final Path stderr;

  private CliProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  static Path jar() {
    String jar = System.getProperty("poller.jar");
    assumeTrue(jar != null, "runs after packaging, against the runnable jar");
    return Path.of(jar);
  }

  /** Starts the jar with {@code args}; only {@code env} is added to a clean environment. */
  static CliProcess start(Path dir, String name, Map<String, String> env, boolean appendStdout,
      String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx128m");
    command.add("-XX:TieredStopAtLevel=1"); // Starts faster; these runs are short.
    // No shared perf-data file: when another PID namespace holds the same file under /tmp/hsperfdata_*, the JVM
    // prints a warning on stdout, and stdout must hold only the poller's JSON lines.
    command.add("-XX:-UsePerfData");
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(appendStdout ? ProcessBuilder.Redirect.appendTo(out.toFile())
            : ProcessBuilder.Redirect.to(out.toFile()))
        .redirectError(err.toFile());
    builder.environment().remove("KLAVIYO_API_KEY");
    builder.environment().putAll(env);
    return new CliProcess(builder.start(), out, err);
  }

  /** Runs the jar to its end (at most {@code timeout}) and returns its exit code. */
  static CliProcess run(Path dir, String name, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    CliProcess cli = start(dir, name, env, false, args);
    cli.exitCode(Duration.ofSeconds(60));
    return cli;
  }

  int exitCode(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("still running after " + timeout + "; stderr:\n" + err());
    }
    return process.exitValue();
  }

  int exitCode() throws InterruptedException {
    return exitCode(Duration.ofSeconds(60));
  }

  String out() throws IOException {
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  List<String> lines() throws IOException {
    return Files.readAllLines(stdout, StandardCharsets.UTF_8);
  }

  String err() {
    try {
      return Files.readString(stderr, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  /** Waits until standard error contains {@code text}, checking every 20 ms up to a deadline. */
  void awaitErr(String text, Duration deadline) {
    try {
      await("'" + text + "' on standard error").atMost(deadline).pollInterval(Duration.ofMillis(20))
          .failFast("the process exited", () -> {
            if (!process.isAlive() && !err().contains(text)) {
              throw new AssertionError("exited " + process.exitValue() + " before printing '" + text
                  + "'; stderr:\n" + err());
            }
          })
          .until(() -> err().contains(text));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("no '" + text + "' within " + deadline + "; stderr:\n" + err(), e);
    }
  }
}
