package io.github.kvsdk.klaviyo.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.kvsdk.klaviyo.poller.checkpoint.CheckpointKey;
import io.github.kvsdk.klaviyo.poller.checkpoint.FileCheckpointStore;
import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import io.github.kvsdk.klaviyo.sandbox.faults.Fault;
import io.github.kvsdk.klaviyo.sandbox.seed.SeedPlan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's shutdown pattern for {@link Poller#start} in a real process: SIGTERM runs the hook,
 * whose {@code close()} lets the page in progress finish and saves its checkpoint.
 */
@Tag("sandbox") // runs against the sandbox; CI runs these for the pinned revision only
final class LibraryShutdownProcessTest {
  @TempDir Path dir;

  @Test
  void aShutdownHookThatClosesThePollerSavesTheCurrentPage() throws Exception {
    try (KlaviyoSandbox sandbox = KlaviyoSandbox.builder().rateLimits(false)
        .seed(SeedPlan.builder().profiles(60).build()).start()) {
      sandbox.faults().add(Fault.delay(Duration.ofMillis(300)).path("/api/profiles*"));
      Path checkpoint = dir.resolve("cp.json");
      Path out = dir.resolve("out.txt");
      Process process = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
          // No shared perf-data file, whose collision warning would land on stdout among the JSON lines.
          "-XX:-UsePerfData",
          "-cp", System.getProperty("java.class.path"), ShutdownHookExample.class.getName(),
          sandbox.baseUrl(), sandbox.defaultApiKey(), checkpoint.toString())
          .redirectOutput(out.toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
      try {
        await("the first page is emitted").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
            .failFast("the example exited", () -> assertThat(process.isAlive() || !Files.readAllLines(out).isEmpty())
                .as(Files.readString(dir.resolve("err.txt"))).isTrue())
            .until(() -> !Files.readAllLines(out).isEmpty());
        process.destroy(); // SIGTERM
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      } finally {
        process.destroyForcibly();
      }
      List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
      // The hook ran to its end, after the page in progress was emitted and saved.
      assertThat(lines).last().isEqualTo("closed");
      assertThat(lines.size() - 1).isBetween(1, 59);
      assertThat(new FileCheckpointStore(checkpoint).load(new CheckpointKey(
          sandbox.account().id(), "profiles", "updated"))).isPresent();
    }
  }
}
