package io.github.kvsdk.klaviyo.connect.bench;

import io.github.kvsdk.klaviyo.connect.KlaviyoSourceConnector;
import io.github.kvsdk.klaviyo.sandbox.cli.SandboxProcess;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;

/**
 * Backfills N events from a sandbox (child JVM, rate limits off) two ways and reports both:
 *
 * <ol>
 *   <li>the poller CLI ({@code klaviyo-poller.jar}, a child JVM) writing JSON Lines to a file,
 *       timed from process start to exit;
 *   <li>this connector in one in-process Connect worker writing to an in-process KRaft broker, timed
 *       from creating the connector until a {@code read_committed} consumer has read all N records.
 * </ol>
 *
 * Arguments: {@code --events N} (default 100000), {@code --exactly-once} (worker with exactly-once
 * source support), {@code --poller-jar PATH} (default {@code klaviyo-poller/target/klaviyo-poller.jar}).
 */
public final class ConnectBackfillBenchmark {
  public static void main(String[] args) throws Exception {
    long events = 100_000;
    boolean exactlyOnce = false;
    String pollerJar = "klaviyo-poller/target/klaviyo-poller.jar";
    long timeoutMinutes = 10;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--events": events = Long.parseLong(args[++i]); break;
        case "--exactly-once": exactlyOnce = true; break;
        case "--poller-jar": pollerJar = args[++i]; break;
        case "--timeout-minutes": timeoutMinutes = Long.parseLong(args[++i]); break;
        default: throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    Path dir = Files.createTempDirectory("klaviyo-connect-bench");
    List<String> seed = List.of("--no-rate-limits", "--seed-events", Long.toString(events),
        "--seed-profiles", Long.toString(Math.max(1, events / 100)), "--seed-days", "365");
    System.err.println("starting sandbox: " + String.join(" ", seed));
    try (SandboxProcess sandbox = SandboxProcess.start(List.of("-Xmx4g"), seed)) {
      // 1. The poller CLI, JSON Lines to a file.
      Path out = dir.resolve("events.jsonl");
      long cliStart = System.nanoTime();
      Process cli = new ProcessBuilder(javaBin(), "-jar", pollerJar, "--api-key", sandbox.apiKey(),
          "--base-url", sandbox.baseUrl(), "--object-type", "events", "--timestamp-field", "datetime",
          "--lag", "0", "--once", "--checkpoint", dir.resolve("cli-checkpoint.json").toString())
          .redirectOutput(out.toFile()).redirectError(dir.resolve("cli.err").toFile()).start();
      int exit = cli.waitFor();
      double cliSeconds = (System.nanoTime() - cliStart) / 1e9;
      long lines;
      try (var stream = Files.lines(out)) {
        lines = stream.count();
      }
      if (exit != 0 || lines != events) {
        System.err.println(Files.readString(dir.resolve("cli.err")));
        throw new IllegalStateException("poller CLI exited " + exit + " with " + lines + " lines");
      }
      System.out.printf("poller-cli: events=%d seconds=%.1f records/s=%.0f (JSON Lines file, JVM start included)%n",
          lines, cliSeconds, lines / cliSeconds);

      // 2. The connector in one worker, into the embedded broker.
      Properties broker = new Properties();
      broker.put("transaction.state.log.replication.factor", "1");
      broker.put("transaction.state.log.min.isr", "1");
      EmbeddedKafkaCluster kafka = new EmbeddedKafkaCluster(1, broker);
      kafka.start();
      WorkerHandle worker = null;
      try {
        kafka.createTopic("bench.events", 1);
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("listeners", "http://localhost:0");
        props.put("group.id", "bench");
        props.put("offset.storage.topic", "bench-offsets");
        props.put("config.storage.topic", "bench-configs");
        props.put("status.storage.topic", "bench-status");
        props.put("offset.storage.replication.factor", "1");
        props.put("config.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("value.converter.schemas.enable", "false");
        if (exactlyOnce) props.put("exactly.once.source.support", "enabled");
        worker = WorkerHandle.start("bench", props);
        Map<String, String> connector = new HashMap<>();
        connector.put("connector.class", KlaviyoSourceConnector.class.getName());
        connector.put("tasks.max", "1");
        connector.put("klaviyo.api.key", sandbox.apiKey());
        connector.put("klaviyo.base.url", sandbox.baseUrl());
        connector.put("klaviyo.rate.limiting", "false");
        connector.put("object.types", "events");
        connector.put("lag.ms", "0");
        connector.put("poll.interval.ms", "3600000");
        connector.put("topic.pattern", "bench.${object_type}");
        if (exactlyOnce) connector.put("exactly.once.support", "required");
        String body = "{" + connector.entrySet().stream()
            .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"").collect(Collectors.joining(",")) + "}";
        long start = System.nanoTime();
        HttpResponse<String> created = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(worker.url() + "connectors/bench/config"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() >= 300) throw new IllegalStateException(created.body());
        long read = 0;
        long bytes = 0;
        TopicPartition partition = new TopicPartition("bench.events", 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
          consumer.assign(List.of(partition));
          consumer.seekToBeginning(List.of(partition));
          long deadline = System.nanoTime() + Duration.ofMinutes(timeoutMinutes).toNanos();
          while (read < events) {
            if (System.nanoTime() > deadline) {
              String status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                  URI.create(worker.url() + "connectors/bench/status")).build(),
                  HttpResponse.BodyHandlers.ofString()).body();
              Thread.getAllStackTraces().forEach((thread, stack) -> {
                System.err.println("thread " + thread.getName() + " " + thread.getState());
                for (StackTraceElement frame : stack) System.err.println("    at " + frame);
              });
              throw new IllegalStateException("timed out at " + read + "; status " + status);
            }
            for (var record : consumer.poll(Duration.ofMillis(200))) {
              read++;
              bytes += record.value().length;
            }
          }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("connector: events=%d seconds=%.1f records/s=%.0f mode=%s value-bytes=%.0fMB%n",
            read, seconds, read / seconds, exactlyOnce ? "exactly-once" : "at-least-once", bytes / 1e6);
        System.out.printf("ratio connector/cli records/s: %.2f%n", (read / seconds) / (lines / cliSeconds));
      } finally {
        if (worker != null) worker.stop();
        kafka.stop();
      }
    } finally {
      for (File file : dir.toFile().listFiles()) file.delete();
      dir.toFile().delete();
    }
    System.exit(0);
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
