package io.github.kvsdk.klaviyo.poller;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.poller.checkpoint.Checkpoint;
import io.github.kvsdk.klaviyo.poller.checkpoint.CheckpointKey;
import io.github.kvsdk.klaviyo.poller.checkpoint.CheckpointStore;
import io.github.kvsdk.klaviyo.poller.checkpoint.FileCheckpointStore;
import io.github.kvsdk.klaviyo.poller.checkpoint.InMemoryCheckpointStore;
import io.github.kvsdk.klaviyo.poller.config.EmitMode;
import io.github.kvsdk.klaviyo.poller.config.PollerConfig;
import io.github.kvsdk.klaviyo.poller.source.Page;
import io.github.kvsdk.klaviyo.poller.source.PageRequest;
import io.github.kvsdk.klaviyo.poller.source.PageSource;
import io.github.kvsdk.klaviyo.poller.source.internal.KlaviyoClientPageSource;
import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import io.github.kvsdk.klaviyo.sandbox.seed.SeedPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the poller at every step between fetching a page, emitting its objects and saving the
 * checkpoint, restarts it on the same store, and checks that nothing is lost and that only the
 * interrupted page is delivered twice.
 */
@Tag("sandbox") // runs against the sandbox; CI runs these for the pinned revision only
final class CrashRecoveryTest {
  private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
  private static final int PAGE_SIZE = 10;

  private FakeListingServer server;
  private final MutableClock clock = new MutableClock(T0.plus(Duration.ofHours(1)));
  private final OkHttpClient client = new OkHttpClient();
  private final Set<String> all = new HashSet<>();
  private HttpUrl base;
  private String apiKey = "pk_test_key_0123456789ab";
  private String objectType = "profiles";
  private String timestampField = "updated";
  private String channel;

  @BeforeEach
  void setUp() throws IOException {
    server = new FakeListingServer("updated", 20);
    base = server.baseUrl();
    seedRows();
  }

  private void seedRows() {
    for (int i = 0; i < 20; i++) put("spread" + i, T0.minusSeconds(100 - i));
    for (int i = 0; i < 25; i++) put("dense" + i, T0); // Spans three pages.
    for (int i = 0; i < 8; i++) put("after" + i, T0.plusSeconds(1 + i / 3));
  }

  private void put(String id, Instant timestamp) {
    server.put(id, timestamp);
    all.add(id);
  }

  @AfterEach
  void tearDown() {
    server.close();
    client.connectionPool().evictAll();
  }

  @Test
  void crashAtEveryStepLosesNothingIndividually() throws IOException {
    crashAtEveryStep(EmitMode.INDIVIDUALLY);
  }

  @Test
  void crashAtEveryStepAgainstTheSandboxLosesNothing() throws IOException {
    try (KlaviyoSandbox sandbox = KlaviyoSandbox.builder().clock(clock)
        .seed(SeedPlan.builder().profiles(24).sameSecond(12)
            .between(T0.minus(Duration.ofDays(1)), T0).build())
        .start()) {
      base = HttpUrl.get(sandbox.baseUrl());
      apiKey = sandbox.defaultApiKey();
      all.clear();
      sandbox.state().profiles().all().forEach(r -> all.add(r.id()));
      crashAtEveryStep(EmitMode.INDIVIDUALLY);
    }
  }

  @Test
  void crashAtEveryStepOfAnOutOfOrderCampaignListingLosesNothing() throws IOException {
    server.close();
    server = new FakeListingServer("updated_at", PAGE_SIZE);
    server.outOfOrderEvery = PAGE_SIZE;
    base = server.baseUrl();
    Set<String> ids = Set.copyOf(all);
    all.clear();
    seedRows();
    assertThat(all).isEqualTo(ids);
    objectType = "campaigns";
    timestampField = "updated_at";
    channel = "email";
    crashAtEveryStep(EmitMode.INDIVIDUALLY);
  }

  @Test
  void crashAtEveryStepLosesNothingInPageMode() throws IOException {
    crashAtEveryStep(EmitMode.PAGE);
  }

  private void crashAtEveryStep(EmitMode mode) throws IOException {
    Steps clean = new Steps(Integer.MAX_VALUE);
    RecordingConsumer cleanRun = new RecordingConsumer();
    runUntilComplete(clean, new InMemoryCheckpointStore(), cleanRun, mode);
    assertThat(cleanRun.ids()).hasSize(all.size()).containsExactlyInAnyOrderElementsOf(all);
    int totalSteps = clean.count;
    assertThat(totalSteps).isGreaterThan(20);

    Set<String> kinds = new HashSet<>();
    for (int crashAt = 1; crashAt <= totalSteps; crashAt++) {
      Steps steps = new Steps(crashAt);
      RecordingConsumer consumer = new RecordingConsumer();
      runUntilComplete(steps, new InMemoryCheckpointStore(), consumer, mode);
      assertThat(steps.crashedAt).as("crash %d happened", crashAt).isNotNull();
      kinds.add(steps.crashedAt);
      assertThat(new HashSet<>(consumer.ids())).as("crash at step %d (%s)", crashAt, steps.crashedAt)
          .isEqualTo(all);
      // Only what was emitted after the last saved checkpoint comes again: at most one page.
      assertThat(consumer.ids().size() - all.size())
          .as("duplicates after crash at step %d (%s)", crashAt, steps.crashedAt)
          .isBetween(0, PAGE_SIZE);
    }
    assertThat(kinds).containsExactlyInAnyOrder(
        "before fetch", "after fetch", "before accept", "after accept", "before save", "after save");
  }

  @Test
  void crashAtEveryStepWhileADenseSecondIsCarriedUnsettledLosesNothing() throws IOException {
    // Listed rows of the dense second keep leaving it while the first poll reads it, so its
    // listings disagree and it is carried unsettled into later polls. A crash at any step of any
    // of those polls loses nothing.
    DenseRun clean = new DenseRun(new Steps(Integer.MAX_VALUE));
    clean.run();
    assertThat(clean.carriedUnsettled).isTrue();
    assertThat(clean.emittedIds()).isEqualTo(clean.all);
    int totalSteps = clean.steps.count;
    assertThat(totalSteps).isGreaterThan(100);
    Set<String> kinds = new HashSet<>();
    for (int crashAt = 1; crashAt <= totalSteps; crashAt++) {
      DenseRun run = new DenseRun(new Steps(crashAt));
      run.run();
      assertThat(run.steps.crashedAt).as("crash %d happened", crashAt).isNotNull();
      kinds.add(run.steps.crashedAt);
      assertThat(run.emittedIds()).as("crash at step %d (%s)", crashAt, run.steps.crashedAt)
          .isEqualTo(run.all);
      // Repeats are versions (id and timestamp) emitted after the last save before the crash.
      List<String> versions = new ArrayList<>();
      for (var object : run.consumer.objects()) versions.add(object.id() + "@" + object.timestamp());
      assertThat(versions.size() - new HashSet<>(versions).size())
          .as("repeats after crash at step %d (%s)", crashAt, run.steps.crashedAt)
          .isBetween(0, PAGE_SIZE);
    }
    assertThat(kinds).containsExactlyInAnyOrder(
        "before fetch", "after fetch", "before accept", "after accept", "before save", "after save");
  }

  /**
   * One server, clock and store: 20 spread rows, 25 rows in one second and 8 after it; before
   * every 2nd request up to the 16th, the listed-first row still in the dense second is updated
   * to "now". Polls (restarting after a crash) until the dense second is settled, then once more
   * a minute later for the updated rows.
   */
  private final class DenseRun {
    final Steps steps;
    final Set<String> all = new HashSet<>();
    final RecordingConsumer consumer = new RecordingConsumer();
    final MutableClock runClock = new MutableClock(T0.plus(Duration.ofHours(1)));
    final InMemoryCheckpointStore runStore = new InMemoryCheckpointStore();
    boolean carriedUnsettled;

    DenseRun(Steps steps) {
      this.steps = steps;
    }

    Set<String> emittedIds() {
      return new HashSet<>(consumer.ids());
    }

    void run() throws IOException {
      try (FakeListingServer listing = new FakeListingServer("updated", 20)) {
        for (int i = 0; i < 20; i++) listing.put("spread" + i, T0.minusSeconds(100 - i));
        for (int i = 0; i < 25; i++) listing.put(String.format("dense%02d", i), T0);
        for (int i = 0; i < 8; i++) listing.put("after" + i, T0.plusSeconds(1 + i / 3));
        for (int i = 0; i < 20; i++) all.add("spread" + i);
        for (int i = 0; i < 25; i++) all.add(String.format("dense%02d", i));
        for (int i = 0; i < 8; i++) all.add("after" + i);
        int[] nextToMove = {24}; // Ids descending: the first row listed in the second.
        listing.beforeRequest = n -> {
          if (n % 2 == 0 && n <= 16 && nextToMove[0] >= 0) {
            listing.put(String.format("dense%02d", nextToMove[0]--), runClock.instant());
          }
        };
        HttpUrl url = listing.baseUrl();
        boolean settled = false;
        for (int attempt = 0; attempt < 20; attempt++) {
          Poller poller = Poller.builder()
              .relistingPageBudget(0) // Three listings per poll: the second stays unsettled.
              .config(PollerConfig.builder().objectType("profiles").timestampField("updated")
                  .lag(Duration.ofSeconds(10)).pageSize(PAGE_SIZE).build())
              .pageSource(steps.source(new KlaviyoClientPageSource(KlaviyoClient.builder()
                  .apiKey(apiKey).baseUrl(url).rateLimiting(false).okHttpClient(client).build())))
              .checkpointStore(steps.store(runStore))
              .clock(runClock)
              .build();
          try {
            PollResult result = poller.pollOnce(message -> {
              steps.step("before accept");
              consumer.accept(message);
              steps.step("after accept");
            });
            assertThat(result.complete()).isTrue();
            if (!result.checkpoint().unsettledSeconds().isEmpty()) carriedUnsettled = true;
            if (settled) return; // The poll after settling picked up the updated rows.
            settled = result.checkpoint().unsettledSeconds().isEmpty();
            runClock.advance(Duration.ofMinutes(1));
          } catch (Crash | ConsumerFailedException e) {
            // The process died; the next iteration is the restarted process.
          }
        }
        throw new AssertionError("the dense second did not settle");
      }
    }
  }

  @Test
  void crashAfterSaveRedeliversNothing() throws IOException {
    // The 4th save is the end of a page: restarting after it must not emit anything twice.
    Steps steps = new Steps(-1);
    steps.crashAfterSave = 4;
    RecordingConsumer consumer = new RecordingConsumer();
    runUntilComplete(steps, new InMemoryCheckpointStore(), consumer, EmitMode.INDIVIDUALLY);
    assertThat(steps.crashedAt).isEqualTo("after save");
    assertThat(consumer.ids()).hasSize(all.size()).doesNotHaveDuplicates();
  }

  @Test
  void resumesFromACheckpointFileAfterARestart(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("state.json");
    RecordingConsumer consumer = new RecordingConsumer();
    Steps steps = new Steps(40); // Somewhere inside the dense second.
    runUntilComplete(steps, new FileCheckpointStore(file), consumer, EmitMode.INDIVIDUALLY);
    assertThat(steps.crashedAt).isNotNull();
    assertThat(new HashSet<>(consumer.ids())).isEqualTo(all);
    Optional<Checkpoint> saved = new FileCheckpointStore(file)
        .load(new CheckpointKey("ACC123", "profiles", "updated"));
    assertThat(saved).hasValueSatisfying(c -> assertThat(c.boundary()).isEqualTo(
        clock.instant().minusSeconds(10)));
  }

  /** Polls with fresh poller instances (a restarted process) until one poll completes. */
  private void runUntilComplete(Steps steps, CheckpointStore store, RecordingConsumer consumer,
      EmitMode mode) throws IOException {
    for (int attempt = 0; attempt < 5; attempt++) {
      Poller poller = Poller.builder()
          .config(PollerConfig.builder().objectType(objectType).timestampField(timestampField)
              .channel(channel).lag(Duration.ofSeconds(10)).pageSize(PAGE_SIZE).emitMode(mode).build())
          .pageSource(steps.source(new KlaviyoClientPageSource(KlaviyoClient.builder()
              .apiKey(apiKey).baseUrl(base).rateLimiting(false).okHttpClient(client).build())))
          .checkpointStore(steps.store(store))
          .clock(clock)
          .build();
      try {
        PollResult result = poller.pollOnce(message -> {
          steps.step("before accept");
          consumer.accept(message);
          steps.step("after accept");
        });
        assertThat(result.complete()).isTrue();
        return;
      } catch (Crash | ConsumerFailedException e) {
        // The process died; the next iteration is the restarted process.
      }
    }
    throw new AssertionError("did not complete after restarts");
  }

  private static final class Crash extends RuntimeException {
    Crash(String where) {
      super("crash " + where);
    }
  }

  /** Counts steps and throws {@link Crash} at one of them. */
  private static final class Steps {
    final int crashAt;
    int count;
    int saves;
    int crashAfterSave = -1;
    String crashedAt;
    final List<String> log = new ArrayList<>();

    Steps(int crashAt) {
      this.crashAt = crashAt;
    }

    void step(String where) {
      count++;
      if (where.equals("after save") && ++saves == crashAfterSave && crashedAt == null) {
        crashedAt = where;
        throw new Crash(where);
      }
      if (count == crashAt) {
        crashedAt = where;
        throw new Crash(where);
      }
    }

    PageSource source(PageSource delegate) {
      return new PageSource() {
        @Override
        public Page fetch(PageRequest request) throws IOException {
          step("before fetch");
          Page page = delegate.fetch(request);
          step("after fetch");
          return page;
        }

        @Override
        public String accountId() throws IOException {
          return delegate.accountId();
        }
      };
    }

    CheckpointStore store(CheckpointStore delegate) {
      return new CheckpointStore() {
        @Override
        public Optional<Checkpoint> load(CheckpointKey key) throws IOException {
          return delegate.load(key);
        }

        @Override
        public void save(CheckpointKey key, Checkpoint checkpoint) throws IOException {
          step("before save");
          delegate.save(key, checkpoint);
          step("after save");
        }
      };
    }
  }
}
