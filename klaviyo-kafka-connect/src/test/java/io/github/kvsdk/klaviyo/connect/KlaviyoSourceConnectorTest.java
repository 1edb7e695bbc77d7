package io.github.kvsdk.klaviyo.connect;

import static io.github.kvsdk.klaviyo.connect.ConnectTestCluster.awaitRunning;
import static io.github.kvsdk.klaviyo.connect.ConnectTestCluster.get;
import static io.github.kvsdk.klaviyo.connect.ConnectTestCluster.post;
import static io.github.kvsdk.klaviyo.connect.ConnectTestCluster.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvsdk.klaviyo.connect.internal.RecordFactory;
import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import io.github.kvsdk.klaviyo.sandbox.resources.Resource;
import io.github.kvsdk.klaviyo.sandbox.seed.SeedPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector in real Connect workers on a real KRaft broker, polling the sandbox. One broker and
 * one at-least-once worker serve the whole class; each test has its own sandbox, connector and
 * topics. Records are read with {@code isolation.level=read_committed}.
 *
 * <p>"Lost" is an object of the sandbox with no record; a "duplicate" is a second record of the same
 * object version (same id and timestamp).
 */
final class KlaviyoSourceConnectorTest {
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(90);
  static final String API_KEY = "pk_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(17));
  private static final Path WORKER_LOG = Path.of("target", "connect-test-worker.log");

  private static ConnectTestCluster cluster;
  private static WorkerHandle worker;
  private final List<KlaviyoSandbox> sandboxes = new ArrayList<>();
  private final List<WorkerHandle> extraWorkers = new ArrayList<>();
  @TempDir Path dir;

  @BeforeAll
  static void startCluster() {
    cluster = new ConnectTestCluster();
    worker = cluster.startWorker("alo-1", cluster.workerProps("alo", false));
  }

  @AfterAll
  static void stopCluster() {
    if (worker != null) worker.stop();
    if (cluster != null) cluster.close();
  }

  @AfterEach
  void stopSandboxes() {
    extraWorkers.forEach(WorkerHandle::stop);
    sandboxes.forEach(KlaviyoSandbox::close);
  }

  private KlaviyoSandbox sandbox(Consumer<SeedPlan.Builder> seed) {
    Instant now = Instant.now();
    SeedPlan.Builder plan = SeedPlan.builder().between(now.minus(Duration.ofDays(2)), now.minus(Duration.ofHours(1)));
    seed.accept(plan);
    KlaviyoSandbox sandbox = KlaviyoSandbox.builder().apiKey(API_KEY).seed(plan.build()).start();
    sandboxes.add(sandbox);
    return sandbox;
  }

  private Map<String, String> connector(KlaviyoSandbox sandbox, String prefix, String types) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", KlaviyoSourceConnector.class.getName());
    config.put("tasks.max", "1");
    config.put("klaviyo.api.key", API_KEY);
    config.put("klaviyo.base.url", sandbox.baseUrl());
    config.put("klaviyo.rate.limiting", "false");
    config.put("object.types", types);
    config.put("lag.ms", "1000");
    config.put("poll.interval.ms", "500");
    config.put("topic.pattern", prefix + ".${object_type}");
    for (String type : types.split(",")) cluster.createTopic(prefix + "." + type);
    return config;
  }

  private static Set<String> ids(KlaviyoSandbox sandbox, String table) {
    return sandbox.state().table(table).all().stream().map(Resource::id).collect(Collectors.toSet());
  }

  private static int duplicates(List<ConsumerRecord<String, String>> records) {
    Set<String> versions = new HashSet<>();
    for (ConsumerRecord<String, String> record : records) versions.add(record.key() + "@" + record.timestamp());
    return records.size() - versions.size();
  }

  private static void report(String scenario, int objects, Set<String> expected, Set<String> read,
      int duplicates) {
    Set<String> lost = new HashSet<>(expected);
    lost.removeAll(read);
    System.out.printf("SCENARIO %s: objects=%d lost=%d duplicates=%d%n", scenario, objects, lost.size(),
        duplicates);
  }

  @Test
  void backfillsProfilesAndEventsExactlyOnceThenEmitsUpdates() {
    KlaviyoSandbox sandbox = sandbox(plan -> plan.profiles(300).events(300));
    Map<String, String> config = connector(sandbox, "backfill", "profiles,events");
    config.put("tasks.max", "2");
    config.put("page.size", "50");
    put(worker.url(), "/connectors/backfill/config", config);
    awaitRunning(worker.url(), "backfill", 2);

    Set<String> profiles = ids(sandbox, "profile");
    Set<String> events = ids(sandbox, "event");
    try (TopicReader profileTopic = new TopicReader(cluster.kafka.bootstrapServers(), "backfill.profiles");
         TopicReader eventTopic = new TopicReader(cluster.kafka.bootstrapServers(), "backfill.events")) {
      profileTopic.readIds(profiles, READ_TIMEOUT);
      eventTopic.readIds(events, READ_TIMEOUT);
      profileTopic.readToEnd(READ_TIMEOUT);
      eventTopic.readToEnd(READ_TIMEOUT);
      report("backfill profiles", 300, profiles, profileTopic.keys(), duplicates(profileTopic.records));
      report("backfill events", 300, events, eventTopic.keys(), duplicates(eventTopic.records));
      assertThat(profileTopic.records).hasSize(300);
      assertThat(profileTopic.keys()).isEqualTo(profiles);
      assertThat(eventTopic.records).hasSize(300);
      assertThat(eventTopic.keys()).isEqualTo(events);

      ConsumerRecord<String, String> first = eventTopic.records.get(0);
      JsonNode value = ConnectTestCluster.JSON.readTree(first.value());
      assertThat(value.path("id").asText()).isEqualTo(first.key());
      assertThat(value.path("type").asText()).isEqualTo("event");
      assertThat(Instant.parse(value.path("attributes").path("datetime").asText().replace("+00:00", "Z"))
          .toEpochMilli()).isEqualTo(first.timestamp());
      assertThat(header(first, "klaviyo.object.type")).isEqualTo("events");
      assertThat(header(first, "klaviyo.revision")).isEqualTo("2024-10-15");

      // Updates after the backfill: new records for exactly the changed profiles.
      int changed = sandbox.mutations().mutateNow("profile", 5);
      Resource created = sandbox.state().createProfile(Map.of("email", "late@example.com"));
      Set<String> updated = sandbox.state().profiles().all().stream()
          .filter(r -> ((Instant) r.attribute("updated")).isAfter(Instant.now().minus(Duration.ofMinutes(10))))
          .map(Resource::id).collect(Collectors.toSet());
      assertThat(updated).contains(created.id()).hasSize(changed + 1);
      profileTopic.readUntil(READ_TIMEOUT, r -> r.size() >= 300 + updated.size());
      profileTopic.readToEnd(READ_TIMEOUT);
      List<String> later = profileTopic.records.subList(300, profileTopic.records.size()).stream()
          .map(ConsumerRecord::key).collect(Collectors.toList());
      report("updates after backfill", updated.size(), updated, new HashSet<>(later), duplicates(profileTopic.records));
      assertThat(later).containsExactlyInAnyOrderElementsOf(updated);
    } catch (IOException e) {
      throw new AssertionError(e);
    } finally {
      ConnectTestCluster.delete(worker.url(), "/connectors/backfill");
    }
  }

  private static String header(ConsumerRecord<String, String> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  @Test
  void fiveHundredObjectsInOneSecondAcrossPages() {
    KlaviyoSandbox sandbox = sandbox(plan -> plan.profiles(640).sameSecond(500));
    Map<String, String> config = connector(sandbox, "dense", "profiles");
    config.put("timestamp.fields", "profiles:created");
    config.put("page.size", "100");
    put(worker.url(), "/connectors/dense/config", config);
    Set<String> profiles = ids(sandbox, "profile");
    try (TopicReader topic = new TopicReader(cluster.kafka.bootstrapServers(), "dense.profiles")) {
      topic.readIds(profiles, READ_TIMEOUT);
      topic.readToEnd(READ_TIMEOUT);
      report("500 in one second", 640, profiles, topic.keys(), duplicates(topic.records));
      assertThat(topic.records).hasSize(640);
      assertThat(topic.keys()).isEqualTo(profiles);
    } finally {
      ConnectTestCluster.delete(worker.url(), "/connectors/dense");
    }
  }

  @Test
  void restartingTheConnectorMidBackfillLosesNothing() {
    KlaviyoSandbox sandbox = sandbox(plan -> plan.profiles(3000));
    Map<String, String> config = connector(sandbox, "restart", "profiles");
    config.put("page.size", "10");
    put(worker.url(), "/connectors/restart/config", config);
    Set<String> profiles = ids(sandbox, "profile");
    try (TopicReader topic = new TopicReader(cluster.kafka.bootstrapServers(), "restart.profiles")) {
      topic.readUntil(READ_TIMEOUT, r -> r.size() >= 500);
      int before = topic.records.size();
      post(worker.url(), "/connectors/restart/restart?includeTasks=true&onlyFailed=false");
      topic.readIds(profiles, READ_TIMEOUT);
      topic.readToEnd(READ_TIMEOUT);
      report("connector restart at " + before + " (at-least-once)", 3000, profiles, topic.keys(),
          duplicates(topic.records));
      assertThat(before).isLessThan(3000);
      assertThat(topic.keys()).isEqualTo(profiles);
    } finally {
      ConnectTestCluster.delete(worker.url(), "/connectors/restart");
    }
  }

  @Test
  void restartingTheConnectorMidBackfillExactlyOnceNeitherLosesNorRepeats() {
    KlaviyoSandbox sandbox = sandbox(plan -> plan.profiles(2000));
    // A Connect cluster of its own with exactly-once source support.
    WorkerHandle eos = cluster.startWorker("eos-restart-1", cluster.workerProps("eos-restart", true));
    extraWorkers.add(eos);
    Map<String, String> config = connector(sandbox, "eos-restart", "profiles");
    config.put("page.size", "10");
    config.put("exactly.once.support", "required");
    config.put("transaction.boundary", "poll");
    put(eos.url(), "/connectors/eos-restart/config", config);
    awaitRunning(eos.url(), "eos-restart", 1);
    Set<String> profiles = ids(sandbox, "profile");
    try (TopicReader topic = new TopicReader(cluster.kafka.bootstrapServers(), "eos-restart.profiles")) {
      topic.readUntil(READ_TIMEOUT, r -> r.size() >= 400);
      JsonNode restarting = post(eos.url(), "/connectors/eos-restart/restart?includeTasks=true&onlyFailed=false");
      int before = topic.records.size();
      assertThat(restarting.path("tasks").path(0).path("state").asText()).isEqualTo("RESTARTING");
      topic.readIds(profiles, READ_TIMEOUT);
      topic.readToEnd(READ_TIMEOUT);
      report("connector restart at " + before + " (exactly-once, read_committed)", 2000, profiles, topic.keys(),
          duplicates(topic.records));
      assertThat(before).isLessThan(2000);
      assertThat(topic.keys()).isEqualTo(profiles);
      assertThat(duplicates(topic.records)).isZero();
      assertThat(topic.records).hasSize(2000);
    } finally {
      ConnectTestCluster.delete(eos.url(), "/connectors/eos-restart");
    }
  }

  @Test
  void valueFormatStringWritesEachObjectAsTheExactTextKlaviyoSent() {
    KlaviyoSandbox sandbox = sandbox(plan -> plan.profiles(25).events(25));
    Map<String, String> config = connector(sandbox, "string", "profiles,events");
    config.put("value.format", "string");
    config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    put(worker.url(), "/connectors/string/config", config);
    try {
      for (String type : List.of("profiles", "events")) {
        Map<String, String> sent = SandboxListing.objects(sandbox.baseUrl(), "/api/" + type, API_KEY);
        assertThat(sent).hasSize(25);
        try (TopicReader topic = new TopicReader(cluster.kafka.bootstrapServers(), "string." + type)) {
          topic.readIds(sent.keySet(), READ_TIMEOUT);
          topic.readToEnd(READ_TIMEOUT);
          report("value.format=string, " + type, 25, sent.keySet(), topic.keys(), duplicates(topic.records));
          assertThat(topic.records).hasSize(25);
          for (ConsumerRecord<String, String> record : topic.records) {
            assertThat(record.value()).as(record.key()).isEqualTo(sent.get(record.key()));
          }
        }
      }
    } finally {
      ConnectTestCluster.delete(worker.url(), "/connectors/string");
    }
  }

  @Test
  void valueFormatStructWritesASchemaAndEachMemberAsKlaviyoSentIt() throws IOException {
    KlaviyoSandbox sandbox = sandbox(plan -> plan.profiles(25).events(25));
    Map<String, String> config = connector(sandbox, "struct", "profiles,events");
    config.put("value.format", "struct");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "true");
    put(worker.url(), "/connectors/struct/config", config);
    JsonConverter reader = new JsonConverter();
    reader.configure(Map.of("schemas.enable", "true"), false);
    try {
      for (String type : List.of("profiles", "events")) {
        Map<String, String> sent = SandboxListing.objects(sandbox.baseUrl(), "/api/" + type, API_KEY);
        assertThat(sent).hasSize(25);
        try (TopicReader topic = new TopicReader(cluster.kafka.bootstrapServers(), "struct." + type)) {
          topic.readIds(sent.keySet(), READ_TIMEOUT);
          topic.readToEnd(READ_TIMEOUT);
          report("value.format=struct, " + type, 25, sent.keySet(), topic.keys(), duplicates(topic.records));
          assertThat(topic.records).hasSize(25);
          for (ConsumerRecord<String, String> record : topic.records) {
            JsonNode envelope = ConnectTestCluster.JSON.readTree(record.value());
            JsonNode schema = envelope.path("schema");
            assertThat(schema.path("type").asText()).isEqualTo("struct");
            assertThat(schema.path("name").asText()).isEqualTo("io.github.kvsdk.klaviyo.KlaviyoObject");
            List<String> fields = new ArrayList<>();
            for (JsonNode field : schema.path("fields")) {
              fields.add(field.path("field").asText() + ":" + field.path("type").asText()
                  + (field.path("optional").asBoolean() ? "?" : "")
                  + (field.has("name") ? "(" + field.path("name").asText() + ")" : ""));
            }
            assertThat(fields).containsExactly("type:string", "id:string",
                "timestamp:int64?(org.apache.kafka.connect.data.Timestamp)", "attributes:string?",
                "relationships:string?", "links:string?");
            // What a schema-aware consumer gets back: the connector's own schema.
            SchemaAndValue read = reader.toConnectData(record.topic(), record.value().getBytes(StandardCharsets.UTF_8));
            assertThat(read.schema()).isEqualTo(RecordFactory.OBJECT_SCHEMA);

            JsonNode payload = envelope.path("payload");
            Map<String, String> members = SandboxListing.members(sent.get(record.key()));
            assertThat(payload.path("id").asText()).isEqualTo(record.key());
            assertThat(payload.path("type").asText()).isEqualTo(type.equals("profiles") ? "profile" : "event");
            assertThat(payload.path("timestamp").asLong()).isEqualTo(record.timestamp());
            assertThat(payload.path("attributes").asText()).isEqualTo(members.get("attributes"));
            assertThat(payload.path("links").asText()).isEqualTo(members.get("links"));
            if (members.containsKey("relationships")) {
              assertThat(payload.path("relationships").asText()).isEqualTo(members.get("relationships"));
            } else {
              assertThat(payload.path("relationships").isNull()).isTrue();
            }
            if (type.equals("events")) {
              assertThat(payload.path("relationships").asText()).contains("\"profile\"").contains("\"metric\"");
            }
          }
        }
      }
    } finally {
      ConnectTestCluster.delete(worker.url(), "/connectors/struct");
    }
  }

  @Test
  void aWorkerStoppedMidBackfillHandsItsTaskToAnotherWithoutLoss() {
    KlaviyoSandbox sandbox = sandbox(plan -> plan.profiles(3000));
    // A Connect cluster of its own, so that the task can only be on the worker that is stopped.
    WorkerHandle first = cluster.startWorker("handover-1", cluster.workerProps("handover", false));
    extraWorkers.add(first);
    Map<String, String> config = connector(sandbox, "handover", "profiles");
    config.put("page.size", "10");
    put(first.url(), "/connectors/handover/config", config);
    awaitRunning(first.url(), "handover", 1);
    Set<String> profiles = ids(sandbox, "profile");
    try (TopicReader topic = new TopicReader(cluster.kafka.bootstrapServers(), "handover.profiles")) {
      topic.readUntil(READ_TIMEOUT, r -> r.size() >= 500);
      first.stop();
      extraWorkers.remove(first);
      int before = topic.records.size();
      WorkerHandle second = cluster.startWorker("handover-2", cluster.workerProps("handover", false));
      extraWorkers.add(second);
      topic.readIds(profiles, READ_TIMEOUT);
      topic.readToEnd(READ_TIMEOUT);
      report("worker stopped at " + before + " (at-least-once)", 3000, profiles, topic.keys(),
          duplicates(topic.records));
      assertThat(before).isLessThan(3000);
      assertThat(topic.keys()).isEqualTo(profiles);
      ConnectTestCluster.delete(second.url(), "/connectors/handover");
    }
  }

  /**
   * Kills (kill -9) the worker running the task mid-backfill and starts another: at least once, the
   * new task repeats what the dead one wrote after its last offset commit; exactly once, consumers
   * reading committed records see each object once.
   */
  private void killAWorkerMidBackfill(String group, boolean exactlyOnce) throws Exception {
    KlaviyoSandbox sandbox = sandbox(plan -> plan.profiles(3000));
    Map<String, String> config = connector(sandbox, group, "profiles");
    config.put("page.size", "10");
    if (exactlyOnce) {
      config.put("exactly.once.support", "required");
      config.put("transaction.boundary", "poll");
    }
    Set<String> profiles = ids(sandbox, "profile");
    Path childLog = Path.of("target", "connect-test-child-worker-" + group + ".log");
    WorkerHandle survivor = null;
    try (ConnectTestCluster.ChildWorker child =
             cluster.startChildWorker(cluster.workerProps(group, exactlyOnce), dir, childLog)) {
      put(child.url, "/connectors/" + group + "/config", config);
      awaitRunning(child.url, group, 1);
      try (TopicReader topic = new TopicReader(cluster.kafka.bootstrapServers(), group + ".profiles")) {
        topic.readUntil(READ_TIMEOUT, r -> r.size() >= 500);
        child.kill();
        int before = topic.records.size();
        survivor = cluster.startWorker(group + "-2", cluster.workerProps(group, exactlyOnce));
        topic.readIds(profiles, Duration.ofSeconds(120));
        topic.readToEnd(READ_TIMEOUT);
        report("worker killed at " + before + " (" + (exactlyOnce ? "exactly-once" : "at-least-once")
            + ", read_committed)", 3000, profiles, topic.keys(), duplicates(topic.records));
        assertThat(before).isLessThan(3000);
        assertThat(topic.keys()).isEqualTo(profiles);
        if (exactlyOnce) {
          assertThat(duplicates(topic.records)).isZero();
          assertThat(topic.records).hasSize(3000);
        }
      }
      assertThat(Files.readString(childLog)).contains(group).doesNotContain(API_KEY);
    } finally {
      if (survivor != null) {
        ConnectTestCluster.delete(survivor.url(), "/connectors/" + group);
        survivor.stop();
      }
    }
  }

  @Test
  void atLeastOnceAcrossAKilledWorker() throws Exception {
    killAWorkerMidBackfill("alo-kill", false);
  }

  @Test
  void exactlyOnceAcrossAKilledWorker() throws Exception {
    killAWorkerMidBackfill("eos", true);
  }

  @Test
  void validateNamesTheKeyOfEachBadValue() {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", KlaviyoSourceConnector.class.getName());
    config.put("name", "invalid");
    config.put("klaviyo.api.key", API_KEY);
    config.put("object.types", "profiles,campaigns");
    config.put("timestamp.fields", "profiles:datetime");
    JsonNode result = put(worker.url(), "/connector-plugins/KlaviyoSourceConnector/config/validate", config);
    Map<String, String> errors = new HashMap<>();
    for (JsonNode value : result.path("configs")) {
      JsonNode messages = value.path("value").path("errors");
      if (messages.size() > 0) errors.put(value.path("value").path("name").asText(), messages.get(0).asText());
    }
    assertThat(errors).containsOnlyKeys("timestamp.fields", "campaign.channel");
    assertThat(errors.get("timestamp.fields")).contains("must be one of");
    assertThat(errors.get("campaign.channel")).contains("required for campaigns");
    assertThat(result.path("error_count").asInt()).isEqualTo(2);
    assertThat(result.toString()).doesNotContain(API_KEY);
  }

  @Test
  void theApiKeyNeverShowsInStatusConfigOrLogs() throws IOException {
    KlaviyoSandbox sandbox = sandbox(plan -> plan.profiles(20));
    String unknownKey = "pk_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(17));
    Map<String, String> config = connector(sandbox, "secret", "profiles");
    config.put("klaviyo.api.key", unknownKey);
    put(worker.url(), "/connectors/secret/config", config);
    try {
      // Klaviyo answers 401; the task fails and says so, without the key.
      await("task failed").atMost(Duration.ofSeconds(60)).dontCatchUncaughtExceptions().until(() -> {
        try {
          return "FAILED".equals(get(worker.url(), "/connectors/secret/status").path("tasks").path(0)
              .path("state").asText());
        } catch (AssertionError notYet) {
          return false; // 404 until the worker has started the connector.
        }
      });
      String status = get(worker.url(), "/connectors/secret/status").toString();
      assertThat(status).contains("401").doesNotContain(unknownKey).doesNotContain(API_KEY);
      JsonNode shown = get(worker.url(), "/connectors/secret/config");
      String configText = shown.toString();
      System.out.println("SCENARIO secret: GET /connectors/secret/config shows klaviyo.api.key as "
          + (shown.path("klaviyo.api.key").asText().equals(unknownKey) ? "the value submitted"
          : shown.path("klaviyo.api.key").asText()));
      // The key shows only under its own name, as submitted: never in another value.
      ((com.fasterxml.jackson.databind.node.ObjectNode) shown).remove("klaviyo.api.key");
      assertThat(shown.toString()).doesNotContain(unknownKey);
      assertThat(configText).doesNotContain(API_KEY);
      assertThat(Files.readString(WORKER_LOG)).contains("secret").doesNotContain(unknownKey)
          .doesNotContain(API_KEY);
    } finally {
      ConnectTestCluster.delete(worker.url(), "/connectors/secret");
    }
  }
}
