package io.github.kvsdk.klaviyo.poller.bench;

import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.poller.PollResult;
import io.github.kvsdk.klaviyo.poller.Poller;
import io.github.kvsdk.klaviyo.poller.checkpoint.CheckpointStore;
import io.github.kvsdk.klaviyo.poller.checkpoint.FileCheckpointStore;
import io.github.kvsdk.klaviyo.poller.checkpoint.InMemoryCheckpointStore;
import io.github.kvsdk.klaviyo.poller.config.PollerConfig;
import io.github.kvsdk.klaviyo.sandbox.cli.SandboxProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Backfills N events and reports objects/s and heap. By default the events come from a sandbox
 * started in a child JVM with rate limits off, so this JVM's heap holds only the poller:
 *
 * <pre>
 * klaviyo-poller/bench/backfill.sh --events 100000
 * </pre>
 *
 * It lives with the tests so that it is not part of the library jar or the runnable jar.
 *
 * {@code --source synthetic} replaces the sandbox by an in-process generator (no HTTP), which
 * measures the poller alone.
 */
@Command(name = "backfill-benchmark", mixinStandardHelpOptions = true,
    description = "Backfills N events through the poller and reports objects/s and peak heap.")
public final class BackfillBenchmark implements Callable<Integer> {
  @Option(names = "--events", defaultValue = "100000", description = "Events to backfill.")
  long events;

  @Option(names = "--source", defaultValue = "sandbox", description = "sandbox or synthetic.")
  String source;

  @Option(names = "--sandbox-heap", defaultValue = "8g", description = "-Xmx of the sandbox JVM.")
  String sandboxHeap;

  @Option(names = "--seed-days", defaultValue = "365",
      description = "Sandbox: spread events over this many days.")
  int seedDays;

  @Option(names = "--checkpoint", defaultValue = "file",
      description = "file (fsync per page, the default) or memory.")
  String checkpoint;

  @Option(names = "--per-second", defaultValue = "4",
      description = "Synthetic: events sharing each second.")
  int perSecond;

  /**
   * Runs the backfill benchmark and exits with its status; {@code --help} lists the options.
   *
   * @param args the command-line arguments
   */
  public static void main(String[] args) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.exit(new CommandLine(new BackfillBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("klaviyo-poller-bench");
    CheckpointStore store = checkpoint.equals("memory")
        ? new InMemoryCheckpointStore() : new FileCheckpointStore(dir.resolve("state.json"));
    PollerConfig config = PollerConfig.builder().objectType("events").timestampField("datetime")
        .lag(Duration.ZERO).build();
    SandboxProcess sandbox = null;
    try {
      Poller.Builder builder = Poller.builder().config(config).checkpointStore(store);
      if (source.equals("synthetic")) {
        builder.pageSource(new SyntheticEventSource(events, Instant.parse("2020-01-01T00:00:00Z"),
            perSecond));
      } else if (source.equals("sandbox")) {
        List<String> arguments = List.of("--no-rate-limits", "--seed-events", Long.toString(events),
            "--seed-profiles", Long.toString(Math.max(1, events / 100)), "--seed-days", Integer.toString(seedDays));
        System.err.println("starting sandbox: " + String.join(" ", arguments));
        sandbox = SandboxProcess.start(List.of("-Xmx" + sandboxHeap), arguments);
        System.err.println("sandbox ready at " + sandbox.baseUrl());
        // Limits off: the sandbox runs without them and so does the client's limiter.
        builder.client(KlaviyoClient.builder().apiKey(sandbox.apiKey()).baseUrl(sandbox.baseUrl())
            .rateLimiting(false).build());
      } else {
        System.err.println("--source must be sandbox or synthetic");
        return 2;
      }
      AtomicLong emitted = new AtomicLong();
      AtomicLong bytes = new AtomicLong();
      System.gc();
      long start;
      PollResult result;
      HeapSampler heap;
      try (Poller poller = builder.build()) {
        poller.checkpointKey(); // Resolve the account before timing.
        heap = new HeapSampler();
        start = System.nanoTime();
        result = poller.pollOnce(message -> {
          emitted.incrementAndGet();
          bytes.addAndGet(message.json().length());
        });
        heap.close();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("source=%s checkpoint=%s events=%d emitted=%d pages=%d seconds=%.1f objects/s=%.0f "
              + "peak-heap-used=%.1fMB peak-heap-after-gc=%.1fMB max-heap=%dMB json=%.0fMB%n",
          source, checkpoint, events, emitted.get(), result.pages(), seconds, emitted.get() / seconds,
          heap.peakUsed() / 1e6, heap.peakAfterGc() / 1e6, Runtime.getRuntime().maxMemory() >> 20,
          bytes.get() / 1e6);
      return emitted.get() == events ? 0 : 1;
    } finally {
      if (sandbox != null) {
        sandbox.close();
      }
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.toList()) Files.deleteIfExists(file);
      }
      Files.deleteIfExists(dir);
    }
  }
}
