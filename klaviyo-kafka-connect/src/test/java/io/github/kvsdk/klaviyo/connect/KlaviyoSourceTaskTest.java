package io.github.kvsdk.klaviyo.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.connect.internal.SharedClients;
import io.github.kvsdk.klaviyo.oauth.FileTokenStore;
import io.github.kvsdk.klaviyo.oauth.OAuthClientCredentials;
import io.github.kvsdk.klaviyo.oauth.OAuthSession;
import io.github.kvsdk.klaviyo.oauth.OAuthTokenClient;
import io.github.kvsdk.klaviyo.oauth.Pkce;
import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import io.github.kvsdk.klaviyo.sandbox.resources.Resource;
import io.github.kvsdk.klaviyo.sandbox.seed.SeedPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task on its own, with Connect's offset reader played by a map, against the sandbox. */
final class KlaviyoSourceTaskTest {
  private KlaviyoSandbox sandbox;
  private final List<KlaviyoSourceTask> tasks = new ArrayList<>();

  @BeforeEach
  void startSandbox() {
    Instant now = Instant.now();
    sandbox = KlaviyoSandbox.builder().seed(SeedPlan.builder()
        .between(now.minus(Duration.ofDays(1)), now.minus(Duration.ofHours(1)))
        .profiles(250).events(40).build()).start();
  }

  @AfterEach
  void stop() {
    tasks.forEach(KlaviyoSourceTask::stop);
    sandbox.close();
  }

  private Map<String, String> config(String types, String apiKey) {
    Map<String, String> config = new HashMap<>();
    config.put("klaviyo.api.key", apiKey);
    config.put("klaviyo.base.url", sandbox.baseUrl());
    config.put("klaviyo.rate.limiting", "false");
    config.put("object.types", types);
    config.put("page.size", "50");
    config.put("lag.ms", "1000");
    config.put("poll.interval.ms", "60000");
    config.put(KlaviyoSourceTask.TASK_OBJECT_TYPES, types);
    return config;
  }

  private KlaviyoSourceTask start(Map<String, String> config, Map<Map<String, ?>, Map<String, ?>> offsets) {
    KlaviyoSourceTask task = new KlaviyoSourceTask();
    task.initialize(new SourceTaskContext() {
      @Override
      public Map<String, String> configs() {
        return config;
      }

      @Override
      public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
        throw new UnsupportedOperationException("not used by the task");
      }

      @Override
      public OffsetStorageReader offsetStorageReader() {
        return new OffsetStorageReader() {
          @Override
          @SuppressWarnings("unchecked")
          public <T> Map<String, Object> offset(Map<String, T> partition) {
            return (Map<String, Object>) offsets.get(partition);
          }

          @Override
          public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
            Map<Map<String, T>, Map<String, Object>> result = new HashMap<>();
            for (Map<String, T> partition : partitions) result.put(partition, offset(partition));
            return result;
          }
        };
      }
    });
    task.start(config);
    tasks.add(task);
    return task;
  }

  private static List<SourceRecord> pollUntil(KlaviyoSourceTask task, Predicate<List<SourceRecord>> done)
      throws InterruptedException {
    List<SourceRecord> records = new ArrayList<>();
    Instant deadline = Instant.now().plusSeconds(60);
    while (!done.test(records)) {
      if (Instant.now().isAfter(deadline)) throw new AssertionError("only " + records.size() + " records");
      List<SourceRecord> page = task.poll();
      if (page != null) records.addAll(page);
    }
    return records;
  }

  private static List<String> keys(List<SourceRecord> records) {
    return records.stream().map(r -> (String) r.key()).collect(Collectors.toList());
  }

  @Test
  void aTaskResumesFromTheOffsetOfTheLastRecordConnectCommitted() throws InterruptedException {
    String key = sandbox.defaultApiKey();
    List<SourceRecord> first = pollUntil(start(config("profiles", key), Map.of()), r -> r.size() >= 250);
    assertThat(keys(first)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
        sandbox.state().profiles().all().stream().map(Resource::id).collect(Collectors.toList()));
    // Records of one page carry the checkpoint before the page, its last record the one after it.
    List<Integer> pageEnds = new ArrayList<>();
    for (int i = 1; i < first.size(); i++) {
      if (!first.get(i).sourceOffset().equals(first.get(i - 1).sourceOffset())) pageEnds.add(i);
    }
    assertThat(pageEnds.size()).isGreaterThanOrEqualTo(4);
    assertThat(pageEnds.get(0)).isBetween(40, 49); // Pages of 50; a page may re-list its boundary second.

    // As if Connect had committed the offset of the last record of the second page.
    int end = pageEnds.get(1);
    SourceRecord committed = first.get(end);
    List<SourceRecord> resumed = pollUntil(start(config("profiles", key),
        Map.of(committed.sourcePartition(), committed.sourceOffset())), r -> r.size() >= 249 - end);
    assertThat(keys(resumed)).isEqualTo(keys(first.subList(end + 1, 250)));
  }

  @Test
  void tasksOfOneAccountInOneWorkerShareOneClient() throws InterruptedException {
    int before = SharedClients.liveClients();
    KlaviyoSourceTask profiles = start(config("profiles", sandbox.defaultApiKey()), Map.of());
    KlaviyoSourceTask events = start(config("events", sandbox.defaultApiKey()), Map.of());
    assertThat(SharedClients.liveClients()).isEqualTo(before + 1);
    assertThat(pollUntil(profiles, r -> r.size() >= 250)).hasSize(250);
    assertThat(pollUntil(events, r -> r.size() >= 40)).hasSize(40);
    start(config("events", "pk_another_account_0123456789"), Map.of());
    assertThat(SharedClients.liveClients()).isEqualTo(before + 2);
    tasks.forEach(KlaviyoSourceTask::stop);
    tasks.clear();
    assertThat(SharedClients.liveClients()).isEqualTo(before);
  }

  @Test
  void pollsWithOAuthTokensFromATokenFile(@TempDir Path dir) throws InterruptedException {
    String clientId = "connect-app";
    String secret = "connect-app-secret-value";
    String redirect = "https://example.com/callback";
    sandbox.oauth().registerClient(clientId, secret, redirect);
    Pkce pkce = Pkce.generate();
    String code = sandbox.oauth().issueAuthorizationCode(clientId, List.of("accounts:read", "profiles:read"),
        pkce.challenge(), redirect);
    // The installation, done once outside Connect: its tokens land in a file the workers can read.
    Path tokens = dir.resolve("klaviyo-tokens.json");
    OAuthSession.builder()
        .tokenClient(OAuthTokenClient.builder().credentials(OAuthClientCredentials.of(clientId, secret))
            .baseUrl(sandbox.baseUrl()).build())
        .tokenStore(new FileTokenStore(tokens))
        .build()
        .completeAuthorization(code, pkce.verifier(), redirect);

    Map<String, String> config = config("profiles", null);
    config.remove("klaviyo.api.key");
    config.put("klaviyo.oauth.client.id", clientId);
    config.put("klaviyo.oauth.client.secret", secret);
    config.put("klaviyo.oauth.token.file", tokens.toString());
    assertThat(KlaviyoSourceConfig.problems(config)).isEmpty();
    List<SourceRecord> records = pollUntil(start(config, Map.of()), r -> r.size() >= 250);
    assertThat(keys(records)).doesNotHaveDuplicates().hasSize(250);
  }

  @Test
  @SuppressWarnings("unchecked")
  void emittingByPageGivesOneRecordPerPageWithEveryObjectOnce() throws InterruptedException {
    Map<String, String> config = config("profiles", sandbox.defaultApiKey());
    config.put("emit", "page");
    List<String> ids = new ArrayList<>();
    List<SourceRecord> pages = pollUntil(start(config, Map.of()), records -> {
      ids.clear();
      for (SourceRecord page : records) {
        for (Object object : (List<Object>) ((Map<String, Object>) page.value()).get("results")) {
          ids.add((String) ((Map<String, Object>) object).get("id"));
        }
      }
      return ids.size() >= 250;
    });
    assertThat(pages).hasSizeBetween(5, 7).allMatch(page -> page.key() == null);
    assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
        sandbox.state().profiles().all().stream().map(Resource::id).collect(Collectors.toList()));
  }
}
