package io.github.kvsdk.klaviyo.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import io.github.kvsdk.klaviyo.sandbox.resources.Resource;
import io.github.kvsdk.klaviyo.sandbox.seed.SeedPlan;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged plugin archive: its layout, and the README's standalone example run from it. A
 * standalone worker in a child JVM, whose class path holds Kafka but none of this project's classes,
 * loads the connector from {@code plugin.path} (the unpacked archive) and copies the sandbox's
 * profiles and events into an in-process broker.
 */
final class PluginArchiveIT {
  private static final String VERSION = Version.VERSION;
  private static final String TOP = "kvsdk-klaviyo-kafka-connect-" + VERSION + "/";

  @TempDir Path dir;

  private static Path archive() {
    return Path.of(System.getProperty("plugin.archive",
        "target/kvsdk-klaviyo-kafka-connect-" + VERSION + ".zip"));
  }

  @Test
  void archiveHasTheConfluentHubLayout() throws IOException {
    Set<String> names = new TreeSet<>();
    try (ZipFile zip = new ZipFile(archive().toFile())) {
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) names.add(e.nextElement().getName());
      JsonNode manifest = ConnectTestCluster.JSON.readTree(read(zip, TOP + "manifest.json"));
      assertThat(manifest.path("name").asText()).isEqualTo("klaviyo-kafka-connect");
      assertThat(manifest.path("version").asText()).isEqualTo(VERSION);
      assertThat(manifest.path("owner").path("username").asText()).isEqualTo("kvsdk");
      assertThat(manifest.path("component_types").get(0).asText()).isEqualTo("source");
      assertThat(manifest.path("license").get(0).path("name").asText()).isEqualTo("MIT");
      assertThat(manifest.path("title").asText()).isNotBlank();
      assertThat(manifest.path("features").path("delivery_guarantee").toString()).contains("exactly_once");
    }
    assertThat(names).allMatch(name -> name.startsWith(TOP));
    List<String> lib = names.stream().filter(n -> n.startsWith(TOP + "lib/") && n.endsWith(".jar"))
        .map(n -> n.substring((TOP + "lib/").length())).collect(Collectors.toList());
    System.out.println("ARCHIVE " + archive().getFileName() + " " + Files.size(archive()) + " bytes; lib/: " + lib);
    assertThat(lib).contains("klaviyo-kafka-connect-" + VERSION + ".jar", "klaviyo-poller-" + VERSION + ".jar",
        "klaviyo-domain-" + VERSION + ".jar");
    assertThat(lib).anyMatch(n -> n.startsWith("okhttp-jvm-")).anyMatch(n -> n.startsWith("moshi-"));
    // What the worker provides stays out: the Connect API, the Kafka clients, the logging API.
    assertThat(lib).noneMatch(n -> n.startsWith("connect-") || n.startsWith("kafka-") || n.startsWith("slf4j-"));
    assertThat(names).contains(TOP + "doc/README.md", TOP + "etc/klaviyo-source.properties",
        TOP + "etc/klaviyo-source-sandbox.properties", TOP + "etc/connect-standalone-sandbox.properties");
  }

  @Test
  void standaloneWorkerLoadsThePluginFromPluginPathAndCopiesTheSandbox() throws Exception {
    Path plugins = dir.resolve("plugins");
    unzip(archive(), plugins);
    Path pluginDir = plugins.resolve(TOP);
    Instant now = Instant.now();
    try (ConnectTestCluster cluster = new ConnectTestCluster();
         KlaviyoSandbox sandbox = KlaviyoSandbox.builder().seed(SeedPlan.builder()
             .between(now.minus(Duration.ofDays(1)), now.minus(Duration.ofMinutes(5)))
             .profiles(1000).events(1000).build()).start()) {
      cluster.createTopic("sandbox.profiles");
      cluster.createTopic("sandbox.events");
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      // The archive's own sample files, with this machine's broker, ports and folders.
      Properties worker = properties(pluginDir.resolve("etc/connect-standalone-sandbox.properties"));
      worker.setProperty("bootstrap.servers", cluster.kafka.bootstrapServers());
      worker.setProperty("plugin.path", plugins.toString());
      worker.setProperty("listeners", "http://localhost:" + port);
      worker.setProperty("offset.storage.file.filename", dir.resolve("offsets").toString());
      Properties connector = properties(pluginDir.resolve("etc/klaviyo-source-sandbox.properties"));
      connector.setProperty("klaviyo.base.url", sandbox.baseUrl());
      Path workerFile = write(worker, "worker.properties");
      Path connectorFile = write(connector, "connector.properties");

      String classPath = Stream.of(System.getProperty("surefire.test.class.path",
              System.getProperty("java.class.path")).split(File.pathSeparator))
          .filter(PluginArchiveIT::notThisProject)
          .collect(Collectors.joining(File.pathSeparator));
      assertThat(classPath).contains("connect-runtime");
      Path log = Path.of("target", "connect-standalone-from-archive.log");
      Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx512m", "-Dorg.slf4j.simpleLogger.logFile=System.err", "-cp", classPath,
          "org.apache.kafka.connect.cli.ConnectStandalone", workerFile.toString(), connectorFile.toString())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      try {
        URI rest = URI.create("http://localhost:" + port + "/");
        await("standalone worker REST").atMost(Duration.ofSeconds(120)).dontCatchUncaughtExceptions()
            .until(() -> ConnectTestCluster.ready(rest));
        JsonNode plugin = null;
        for (JsonNode p : ConnectTestCluster.get(rest, "/connector-plugins")) {
          if (p.path("class").asText().equals(KlaviyoSourceConnector.class.getName())) plugin = p;
        }
        assertThat(plugin).isNotNull();
        assertThat(plugin.path("version").asText()).isEqualTo(VERSION);
        Set<String> profiles = ids(sandbox, "profile");
        Set<String> events = ids(sandbox, "event");
        try (TopicReader profileTopic = new TopicReader(cluster.kafka.bootstrapServers(), "sandbox.profiles");
             TopicReader eventTopic = new TopicReader(cluster.kafka.bootstrapServers(), "sandbox.events")) {
          profileTopic.readIds(profiles, Duration.ofSeconds(120));
          eventTopic.readIds(events, Duration.ofSeconds(120));
          profileTopic.readToEnd(Duration.ofSeconds(30));
          eventTopic.readToEnd(Duration.ofSeconds(30));
          System.out.printf("SCENARIO standalone from archive: profiles=%d/%d events=%d/%d duplicates=%d%n",
              profileTopic.keys().size(), profiles.size(), eventTopic.keys().size(), events.size(),
              profileTopic.duplicates() + eventTopic.duplicates());
          assertThat(profileTopic.records).hasSize(1000);
          assertThat(eventTopic.records).hasSize(1000);
        }
        String workerLog = Files.readString(log);
        assertThat(workerLog).contains("Loading plugin from: " + pluginDir.toString().replaceAll("/$", ""))
            .doesNotContain(connector.getProperty("klaviyo.api.key"));
      } finally {
        child.destroy();
        child.waitFor();
      }
    }
  }

  /**
   * False for this project's classes and jars (from the local repository or, in a reactor build,
   * from the modules' target folders), so the worker can find the connector only on plugin.path.
   */
  private static boolean notThisProject(String entry) {
    String name = Path.of(entry).getFileName().toString();
    return !entry.contains("/io/github/kvsdk/") && !name.startsWith("klaviyo-")
        && !name.equals("classes") && !name.equals("test-classes");
  }

  private static Set<String> ids(KlaviyoSandbox sandbox, String table) {
    return sandbox.state().table(table).all().stream().map(Resource::id).collect(Collectors.toSet());
  }

  private static String read(ZipFile zip, String name) throws IOException {
    ZipEntry entry = zip.getEntry(name);
    assertThat(entry).as(name).isNotNull();
    try (InputStream in = zip.getInputStream(entry)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private static void unzip(Path zipFile, Path target) throws IOException {
    try (ZipFile zip = new ZipFile(zipFile.toFile())) {
      List<? extends ZipEntry> entries = new ArrayList<>(java.util.Collections.list(zip.entries()));
      for (ZipEntry entry : entries) {
        Path out = target.resolve(entry.getName()).normalize();
        if (!out.startsWith(target)) throw new IOException("entry outside the archive folder: " + entry);
        if (entry.isDirectory()) {
          Files.createDirectories(out);
        } else {
          Files.createDirectories(out.getParent());
          try (InputStream in = zip.getInputStream(entry)) {
            Files.copy(in, out);
          }
        }
      }
    }
  }

  private static Properties properties(Path file) throws IOException {
    Properties properties = new Properties();
    properties.load(new StringReader(Files.readString(file)));
    return properties;
  }

  private Path write(Properties properties, String name) throws IOException {
    Path file = dir.resolve(name);
    try (var out = Files.newBufferedWriter(file)) {
      properties.store(out, null);
    }
    return file;
  }
}
