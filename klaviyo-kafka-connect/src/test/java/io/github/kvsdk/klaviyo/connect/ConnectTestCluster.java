package io.github.kvsdk.klaviyo.connect;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;

/**
 * One in-process KRaft broker (Kafka's embedded test cluster) shared by the Connect workers of a
 * test class, plus a small REST client for the workers. Workers are real distributed-mode workers
 * started in-process ({@link #startWorker}); each Connect cluster is a group id.
 */
final class ConnectTestCluster implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  final EmbeddedKafkaCluster kafka;

  ConnectTestCluster() {
    // A worker that cannot continue calls Exit; in a test that must fail the test, not end the JVM.
    Exit.setExitProcedure((code, message) -> {
      throw new IllegalStateException("Connect asked to exit(" + code + "): " + message);
    });
    Exit.setHaltProcedure((code, message) -> {
      throw new IllegalStateException("Connect asked to halt(" + code + "): " + message);
    });
    Properties broker = new Properties();
    // Exactly-once source tasks need transactions, whose state log defaults to 3 replicas.
    broker.put("transaction.state.log.replication.factor", "1");
    broker.put("transaction.state.log.min.isr", "1");
    broker.put("auto.create.topics.enable", "false");
    // A killed worker's open transaction is aborted after its timeout; look for it every second.
    broker.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
    kafka = new EmbeddedKafkaCluster(1, broker);
    kafka.start();
  }

  /** Properties of a distributed worker of Connect cluster {@code group} on this broker. */
  Map<String, String> workerProps(String group, boolean exactlyOnce) {
    Map<String, String> props = new HashMap<>();
    props.put("bootstrap.servers", kafka.bootstrapServers());
    props.put("listeners", "http://localhost:0");
    props.put("group.id", group);
    props.put("offset.storage.topic", group + "-offsets");
    props.put("config.storage.topic", group + "-configs");
    props.put("status.storage.topic", group + "-status");
    props.put("offset.storage.replication.factor", "1");
    props.put("config.storage.replication.factor", "1");
    props.put("status.storage.replication.factor", "1");
    props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    props.put("value.converter.schemas.enable", "false");
    props.put("plugin.discovery", "hybrid_fail");
    props.put("offset.flush.interval.ms", "500");
    // A worker that leaves gives its tasks to the others at once, not after the default 5 minutes.
    props.put("scheduled.rebalance.max.delay.ms", "0");
    props.put("session.timeout.ms", "6000");
    props.put("heartbeat.interval.ms", "1000");
    // A rebalance waits this long for a member that died without leaving (default 60 s).
    props.put("rebalance.timeout.ms", "8000");
    if (exactlyOnce) {
      props.put("exactly.once.source.support", "enabled");
      // Transactions of a killed worker (its config-topic writer, its tasks) are aborted this soon.
      props.put("transaction.timeout.ms", "10000");
      props.put("producer.transaction.timeout.ms", "10000");
    }
    return props;
  }

  WorkerHandle startWorker(String name, Map<String, String> props) {
    return WorkerHandle.start(name, props);
  }

  /** A distributed worker in a child JVM (so that it can be killed), logging to {@code log}. */
  ChildWorker startChildWorker(Map<String, String> props, Path dir, Path log) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Map<String, String> withPort = new HashMap<>(props);
    withPort.put("listeners", "http://localhost:" + port);
    Path file = Files.createTempFile(dir, "worker", ".properties");
    Files.writeString(file, withPort.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("\n")));
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-Dorg.slf4j.simpleLogger.logFile=System.err", "-cp", classPath,
        "org.apache.kafka.connect.cli.ConnectDistributed", file.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    ChildWorker worker = new ChildWorker(process, URI.create("http://localhost:" + port + "/"));
    try {
      await("child worker REST").atMost(Duration.ofSeconds(90)).dontCatchUncaughtExceptions()
          .until(() -> ready(worker.url));
    } catch (RuntimeException | AssertionError e) {
      worker.kill();
      throw e;
    }
    return worker;
  }

  /** A worker process; {@link #kill()} is {@code kill -9}: no offset commit, no graceful leave. */
  static final class ChildWorker implements AutoCloseable {
    final Process process;
    final URI url;

    ChildWorker(Process process, URI url) {
      this.process = process;
      this.url = url;
    }

    void kill() {
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() {
      kill();
    }
  }

  void createTopic(String topic) {
    kafka.createTopic(topic, 1);
  }

  @Override
  public void close() {
    kafka.stop();
    Exit.resetExitProcedure();
    Exit.resetHaltProcedure();
  }

  // REST

  static JsonNode put(URI worker, String path, Object body) {
    return call(worker, path, "PUT", body);
  }

  static JsonNode post(URI worker, String path) {
    return call(worker, path, "POST", null);
  }

  static JsonNode get(URI worker, String path) {
    return call(worker, path, "GET", null);
  }

  /** True once the worker's REST API answers (Jetty answers 404 before Connect's resources are up). */
  static boolean ready(URI worker) {
    try {
      return send(worker, "/connectors", "GET", null).statusCode() == 200;
    } catch (AssertionError notYet) {
      return false;
    }
  }

  static void delete(URI worker, String path) {
    send(worker, path, "DELETE", null);
  }

  private static JsonNode call(URI worker, String path, String method, Object body) {
    HttpResponse<String> response = send(worker, path, method, body);
    try {
      return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + ": " + response.body(), e);
    }
  }

  private static HttpResponse<String> send(URI worker, String path, String method, Object body) {
    try {
      HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
      HttpRequest request = HttpRequest.newBuilder(worker.resolve(path))
          .header("Content-Type", "application/json")
          .timeout(Duration.ofSeconds(60))
          .method(method, publisher).build();
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 400 && !(response.statusCode() == 404 && method.equals("DELETE"))) {
        throw new AssertionError(method + " " + path + " -> " + response.statusCode() + ": " + response.body());
      }
      return response;
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Waits until the connector and {@code tasks} tasks are RUNNING (as seen by {@code worker}). */
  static void awaitRunning(URI worker, String connector, int tasks) {
    await(connector + " running with " + tasks + " tasks").atMost(Duration.ofSeconds(60))
        .dontCatchUncaughtExceptions().until(() -> {
      JsonNode status;
      try {
        status = get(worker, "/connectors/" + connector + "/status");
      } catch (AssertionError notYet) {
        return false; // 404 until the connector's config has reached this worker.
      }
      if (!status.has("connector") || !"RUNNING".equals(status.path("connector").path("state").asText())) {
        return false;
      }
      int running = 0;
      for (JsonNode task : status.path("tasks")) {
        if ("FAILED".equals(task.path("state").asText())) {
          throw new AssertionError("Task failed: " + task.path("trace").asText());
        }
        if ("RUNNING".equals(task.path("state").asText())) running++;
      }
      return running == tasks;
    });
  }
}
