package io.github.kvsdk.klaviyo.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.poller.checkpoint.CheckpointStore;
import io.github.kvsdk.klaviyo.poller.checkpoint.FileCheckpointStore;
import io.github.kvsdk.klaviyo.poller.checkpoint.InMemoryCheckpointStore;
import io.github.kvsdk.klaviyo.poller.config.InvalidConfigurationException;
import io.github.kvsdk.klaviyo.poller.config.PollerConfig;
import io.github.kvsdk.klaviyo.poller.source.PolledObject;
import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import io.github.kvsdk.klaviyo.sandbox.resources.Resource;
import io.github.kvsdk.klaviyo.sandbox.seed.SeedPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The poller against the sandbox emulator. Sandbox and poller share one hand-driven clock, so
 * writes are stamped exactly when the test says and the lag is exact.
 */
@Tag("sandbox") // runs against the sandbox; CI runs these for the pinned revision only
final class SandboxPollingTest {
  private static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");
  private static final Duration LAG = Duration.ofSeconds(5);

  private final MutableClock clock = new MutableClock(NOW);
  private final CheckpointStore store = new InMemoryCheckpointStore();
  private final RecordingConsumer consumer = new RecordingConsumer();
  private KlaviyoSandbox sandbox;

  @TempDir Path dir;

  @AfterEach
  void tearDown() {
    if (sandbox != null) sandbox.close();
  }

  private void startSandbox(Consumer<SeedPlan.Builder> seed) {
    SeedPlan.Builder plan = SeedPlan.builder()
        .between(NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofHours(1)));
    seed.accept(plan);
    sandbox = KlaviyoSandbox.builder().clock(clock).seed(plan.build()).start();
  }

  private Poller poller(String type, String field, int pageSize) {
    return poller(PollerConfig.builder().objectType(type).timestampField(field).pageSize(pageSize)
        .lag(LAG).build(), store);
  }

  private Poller poller(PollerConfig config, CheckpointStore checkpoints) {
    return Poller.builder()
        .config(config)
        .client(KlaviyoClient.builder().apiKey(sandbox.defaultApiKey()).baseUrl(sandbox.baseUrl())
            .rateLimiting(false).build())
        .checkpointStore(checkpoints)
        .clock(clock)
        .build();
  }

  private Set<String> ids(String type) {
    return sandbox.state().table(type).all().stream().map(Resource::id).collect(Collectors.toSet());
  }

  private static Map<String, Instant> latest(List<PolledObject> objects) {
    Map<String, Instant> latest = new HashMap<>();
    for (PolledObject object : objects) {
      latest.merge(object.id(), object.timestamp(), (a, b) -> a.isAfter(b) ? a : b);
    }
    return latest;
  }

  private Map<String, Instant> sandboxUpdated() {
    Map<String, Instant> updated = new HashMap<>();
    for (Resource r : sandbox.state().profiles().all()) {
      updated.put(r.id(), (Instant) r.attribute("updated"));
    }
    return updated;
  }

  @Test
  void backfillsEveryProfile() throws IOException {
    startSandbox(plan -> plan.profiles(230));
    try (Poller poller = poller("profiles", "updated", 50)) {
      PollResult result = poller.pollOnce(consumer);
      assertThat(result.objectsEmitted()).isEqualTo(230);
    }
    assertThat(consumer.ids()).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(ids("profile"));
  }

  @Test
  void backfillsEventsOnDatetime() throws IOException {
    startSandbox(plan -> plan.profiles(5).events(450));
    try (Poller poller = poller("events", "datetime", 100)) {
      poller.pollOnce(consumer);
    }
    assertThat(consumer.ids()).hasSize(450).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(ids("event"));
  }

  @Test
  void incrementalPollAfterUpdatesEmitsExactlyTheChangedObjects() throws IOException {
    startSandbox(plan -> plan.profiles(120));
    Resource created;
    try (Poller poller = poller("profiles", "updated", 100)) {
      poller.pollOnce(consumer);
      consumer.clear();

      clock.advance(Duration.ofSeconds(1));
      int updated = sandbox.mutations().mutateNow("profile", 1);
      clock.advance(Duration.ofSeconds(1));
      updated += sandbox.mutations().mutateNow("profile", 1);
      created = sandbox.state().createProfile(Map.of("email", "new@example.com"));
      assertThat(updated).isEqualTo(2);

      clock.advance(LAG.plusSeconds(1));
      poller.pollOnce(consumer);
    }
    Set<String> changed = sandbox.state().profiles().all().stream()
        .filter(r -> ((Instant) r.attribute("updated")).isAfter(NOW))
        .map(Resource::id).collect(Collectors.toSet());
    assertThat(changed).contains(created.id()).hasSizeGreaterThanOrEqualTo(2).hasSizeLessThanOrEqualTo(3);
    assertThat(consumer.ids()).containsExactlyInAnyOrderElementsOf(changed);
  }

  @Test
  void fiveHundredObjectsSharingOneSecondAcrossPages() throws IOException {
    startSandbox(plan -> plan.profiles(640).sameSecond(500));
    try (Poller poller = poller("profiles", "created", 100)) {
      poller.pollOnce(consumer);
    }
    assertThat(consumer.ids()).hasSize(640).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(ids("profile"));
  }

  @Test
  void updatesDuringAScanLoseNothing() throws IOException {
    startSandbox(plan -> plan.profiles(400).sameSecond(150));
    try (Poller poller = poller("profiles", "updated", 20)) {
      int[] seen = {0};
      poller.pollOnce(message -> {
        consumer.accept(message);
        // Every 15 objects, a few random profiles change: some emitted, some not yet reached.
        if (++seen[0] % 15 == 0) sandbox.mutations().mutateNow("profile", 4);
      });
      assertThat(sandbox.mutations().appliedCount("profile")).isGreaterThan(80);
      clock.advance(LAG.plusSeconds(1));
      poller.pollOnce(consumer);
    }
    // Every profile was emitted, and the newest version emitted is the stored one.
    assertThat(latest(consumer.objects())).isEqualTo(sandboxUpdated());
  }

  @Test
  void concurrentUpdatesAtAStreamLoseNothing() throws Exception {
    startSandbox(plan -> plan.profiles(300).sameSecond(120));
    sandbox.mutations().updateProfilesPerSecond(400);
    try (Poller poller = poller("profiles", "updated", 10)) {
      for (int i = 0; i < 3; i++) {
        long applied = sandbox.mutations().appliedCount("profile");
        poller.pollOnce(consumer);
        clock.advance(Duration.ofSeconds(2));
        // Updates land while this poll runs or before the next one starts.
        await("updates since the poll started").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
            .until(() -> sandbox.mutations().appliedCount("profile") > applied);
      }
      sandbox.mutations().stop();
      clock.advance(LAG.plusSeconds(1));
      poller.pollOnce(consumer);
    }
    assertThat(sandbox.mutations().appliedCount("profile")).isGreaterThan(0);
    assertThat(latest(consumer.objects())).isEqualTo(sandboxUpdated());
  }

  @Test
  void lateVisibleWritesWithinTheLagAreEmitted() throws IOException {
    startSandbox(plan -> plan.profiles(10));
    try (Poller poller = poller("profiles", "updated", 100)) {
      poller.pollOnce(consumer); // Window ends at NOW - 5 s.
      // Written now but stamped 3 s ago, as a replica catching up would show it.
      Resource late = sandbox.state().createProfile(Map.of("email", "late@example.com",
          "created", NOW.minusSeconds(3), "updated", NOW.minusSeconds(3)));
      clock.advance(Duration.ofSeconds(10));
      poller.pollOnce(consumer);
      assertThat(consumer.ids()).hasSize(11).endsWith(late.id());
    }
  }

  @Test
  void resumesFromTheCheckpointFileOfAStoppedPoller() throws IOException {
    startSandbox(plan -> plan.profiles(150).sameSecond(60));
    FileCheckpointStore file = new FileCheckpointStore(dir.resolve("state.json"));
    PollerConfig config = PollerConfig.builder().objectType("profiles").timestampField("updated")
        .pageSize(25).lag(LAG).build();
    int[] accepted = {0};
    try (Poller first = poller(config, file)) {
      assertThatThrownBy(() -> first.pollOnce(message -> {
        if (++accepted[0] == 80) throw new IllegalStateException("killed");
        consumer.accept(message);
      })).isInstanceOf(ConsumerFailedException.class);
    }
    try (Poller second = poller(config, new FileCheckpointStore(dir.resolve("state.json")))) {
      second.pollOnce(consumer);
    }
    assertThat(new HashSet<>(consumer.ids())).isEqualTo(ids("profile"));
    // Only the page interrupted by the crash came twice.
    assertThat(consumer.ids().size() - 150).isBetween(0, 25);
  }

  @Test
  void invalidConfigurationsSendNothing() {
    startSandbox(plan -> plan.profiles(3));
    long before = sandbox.requests().total();
    assertThatThrownBy(() -> PollerConfig.builder().objectType("profiles")
        .timestampField("datetime").build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> PollerConfig.builder().objectType("campaigns")
        .timestampField("updated_at").build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> PollerConfig.builder().objectType("reviews")
        .timestampField("updated").build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> Poller.builder()
        .config(PollerConfig.builder().objectType("profiles").timestampField("updated").build())
        .baseUrl(sandbox.baseUrl()).checkpointStore(store).build())
        .isInstanceOfSatisfying(InvalidConfigurationException.class,
            e -> assertThat(e.field()).isEqualTo("api-key"));
    assertThat(sandbox.requests().total()).isEqualTo(before);
  }

  @Test
  void pollsEveryOtherObjectTypeTheSandboxServes() throws IOException {
    startSandbox(plan -> plan.lists(23).segments(12).templates(14).images(7).flows(9).forms(6)
        .reviews(11).campaigns(8));
    Map<String, String[]> cases = Map.of(
        "lists", new String[] {"list", "updated"},
        "segments", new String[] {"segment", "created"},
        "templates", new String[] {"template", "updated"},
        "images", new String[] {"image", "updated_at"},
        "flows", new String[] {"flow", "updated"},
        "forms", new String[] {"form", "created_at"},
        "reviews", new String[] {"review", "created"});
    for (Map.Entry<String, String[]> c : cases.entrySet()) {
      RecordingConsumer perType = new RecordingConsumer();
      try (Poller poller = poller(PollerConfig.builder().objectType(c.getKey())
          .timestampField(c.getValue()[1]).lag(LAG).build(), new InMemoryCheckpointStore())) {
        poller.pollOnce(perType);
      }
      assertThat(perType.ids()).as(c.getKey()).doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(ids(c.getValue()[0]));
    }
  }
}
