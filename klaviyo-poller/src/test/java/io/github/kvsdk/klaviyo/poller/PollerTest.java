package io.github.kvsdk.klaviyo.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.errors.AuthenticationException;
import io.github.kvsdk.klaviyo.errors.BadRequestException;
import io.github.kvsdk.klaviyo.errors.KlaviyoNetworkException;
import io.github.kvsdk.klaviyo.poller.checkpoint.Checkpoint;
import io.github.kvsdk.klaviyo.poller.checkpoint.CheckpointKey;
import io.github.kvsdk.klaviyo.poller.checkpoint.InMemoryCheckpointStore;
import io.github.kvsdk.klaviyo.poller.config.EmitMode;
import io.github.kvsdk.klaviyo.poller.config.InvalidConfigurationException;
import io.github.kvsdk.klaviyo.poller.config.PollerConfig;
import io.github.kvsdk.klaviyo.poller.source.Page;
import io.github.kvsdk.klaviyo.poller.source.PageRequest;
import io.github.kvsdk.klaviyo.poller.source.PageSource;
import io.github.kvsdk.klaviyo.poller.source.PolledObject;
import io.github.kvsdk.klaviyo.poller.source.UnreadablePageException;
import io.github.kvsdk.klaviyo.poller.source.internal.KlaviyoClientPageSource;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The polling algorithm over real HTTP against a listing with offset cursors. */
final class PollerTest {
  private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
  private static final Duration LAG = Duration.ofSeconds(10);

  private FakeListingServer server;
  private final MutableClock clock = new MutableClock(T0.plus(Duration.ofHours(1)));
  private final InMemoryCheckpointStore store = new InMemoryCheckpointStore();
  private final RecordingConsumer consumer = new RecordingConsumer();

  @BeforeEach
  void setUp() throws IOException {
    server = new FakeListingServer("updated", 20);
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private Poller poller(int pageSize) {
    return poller(b -> b.pageSize(pageSize));
  }

  private Poller poller(Consumer<PollerConfig.Builder> customizer) {
    PollerConfig.Builder config = PollerConfig.builder()
        .objectType("profiles").timestampField("updated").lag(LAG);
    customizer.accept(config);
    return Poller.builder()
        .config(config.build())
        .client(KlaviyoClient.builder().apiKey("pk_test_secret_0123456789")
            .baseUrl(server.baseUrl().toString()).rateLimiting(false).build())
        .checkpointStore(store)
        .clock(clock)
        .build();
  }

  /** Puts {@code count} rows named prefix0.. at {@code perSecond} rows per second from start. */
  private Set<String> seed(String prefix, int count, Instant start, int perSecond) {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < count; i++) {
      String id = prefix + i;
      server.put(id, start.plusSeconds(i / perSecond));
      ids.add(id);
    }
    return ids;
  }

  @Test
  void backfillEmitsEveryObjectExactlyOnce() throws IOException {
    Set<String> all = seed("p", 250, T0, 3);
    try (Poller poller = poller(20)) {
      PollResult result = poller.pollOnce(consumer);
      assertThat(consumer.counts()).containsOnlyKeys(all).allSatisfy((id, n) -> assertThat(n).isOne());
      assertThat(result.complete()).isTrue();
      assertThat(result.objectsEmitted()).isEqualTo(250);
      assertThat(result.checkpoint()).isEqualTo(new Checkpoint(clock.instant().minus(LAG), Set.of()));
      assertThat(store.load(new CheckpointKey("ACC123", "profiles", "updated")))
          .contains(result.checkpoint());
    }
  }

  @Test
  void emitsInTimestampOrder() throws IOException {
    seed("p", 90, T0, 2);
    try (Poller poller = poller(20)) {
      poller.pollOnce(consumer);
    }
    List<Instant> timestamps = consumer.objects().stream().map(o -> o.timestamp()).toList();
    assertThat(timestamps).isSorted().hasSize(90);
  }

  @Test
  void incrementalPollEmitsOnlyNewAndUpdatedObjects() throws IOException {
    seed("p", 100, T0, 1);
    try (Poller poller = poller(20)) {
      poller.pollOnce(consumer);
      consumer.clear();
      assertThat(poller.pollOnce(consumer).objectsEmitted()).isZero();

      Instant later = clock.instant();
      server.put("p3", later);
      server.put("p70", later.plusSeconds(1));
      server.put("new1", later.plusSeconds(2));
      clock.advance(Duration.ofMinutes(1));
      poller.pollOnce(consumer);
    }
    assertThat(consumer.ids()).containsExactly("p3", "p70", "new1");
  }

  @Test
  void fiveHundredObjectsSharingOneSecondAcrossPages() throws IOException {
    Set<String> all = seed("before", 30, T0.minusSeconds(60), 1);
    all.addAll(seed("same", 500, T0, 500));
    all.addAll(seed("after", 30, T0.plusSeconds(1), 1));
    try (Poller poller = poller(100)) {
      poller.pollOnce(consumer);
    }
    assertThat(consumer.counts()).containsOnlyKeys(all).allSatisfy((id, n) -> assertThat(n).isOne());
  }

  @Test
  void resumesInsideADenseSecondWithoutDuplicates() throws IOException {
    Set<String> all = seed("same", 300, T0, 300);
    int[] accepted = {0};
    PollConsumer crashesOnMessage200 = message -> {
      if (++accepted[0] == 200) throw new IllegalStateException("consumer crashed");
      consumer.accept(message);
    };
    try (Poller poller = poller(100)) {
      assertThatThrownBy(() -> poller.pollOnce(crashesOnMessage200))
          .isInstanceOf(ConsumerFailedException.class);
      Checkpoint saved = store.load(poller.checkpointKey()).orElseThrow();
      assertThat(saved.boundary()).isEqualTo(T0);
      assertThat(saved.idsAtBoundary()).hasSize(100);
      poller.pollOnce(consumer);
    }
    // The interrupted page is delivered again; the checkpointed first page is not.
    assertThat(consumer.counts()).containsOnlyKeys(all);
    assertThat(consumer.ids()).hasSize(199 + 200);
  }

  @Test
  void updatesDuringAScanLoseNothing() throws IOException {
    // One row per second: pages end past the boundary, so each page is a fresh query.
    Set<String> all = seed("p", 200, T0, 1);
    Instant updateTime = clock.instant();
    server.beforeRequest = n -> {
      if (n == 3) {
        // Rows already emitted and rows not yet reached leave the window, as updates do.
        for (int i = 0; i < 60; i += 3) server.put("p" + i, updateTime);
        server.put("p150", updateTime);
      }
    };
    try (Poller poller = poller(20)) {
      poller.pollOnce(consumer);
      clock.advance(Duration.ofMinutes(1));
      poller.pollOnce(consumer);
    }
    assertThat(consumer.counts()).containsOnlyKeys(all);
    // Updated rows arrive again with their new timestamp.
    assertThat(consumer.objects()).filteredOn(o -> o.id().equals("p150"))
        .extracting(o -> o.timestamp()).contains(updateTime);
  }

  @Test
  void updatesDuringAScanOfADenseSecondLoseNothing() throws IOException {
    Set<String> all = seed("same", 250, T0, 250);
    Instant updateTime = clock.instant();
    server.beforeRequest = n -> {
      // While the cursor walks the dense second, rows it already passed leave it, which shifts
      // an offset cursor over rows never listed.
      if (n == 2 || n == 3 || n == 5) {
        int moved = 0;
        for (int i = 249; i >= 0 && moved < 7; i--) {
          if (consumer.ids().contains("same" + i)) {
            server.put("same" + i, updateTime);
            moved++;
          }
        }
      }
    };
    try (Poller poller = poller(50)) {
      poller.pollOnce(consumer);
      Set<String> firstPoll = new HashSet<>(consumer.ids());
      assertThat(firstPoll).isEqualTo(all); // Everything not moved was listed in the first poll.
      clock.advance(Duration.ofMinutes(1));
      server.beforeRequest = n -> {};
      poller.pollOnce(consumer);
    }
    assertThat(consumer.counts()).containsOnlyKeys(all);
  }

  @Test
  void rowsJustAfterADenseSecondSurviveACursorShift() throws IOException {
    Set<String> all = seed("same", 30, T0, 30);
    server.put("after", T0.plusSeconds(5));
    all.add("after");
    Instant updateTime = clock.instant();
    // Requests: the first page from 1970, then the second from T0 at offsets 0, 10, 20, 30.
    // Before offset 30 (where "after" sits) a listed row leaves: the offset now points past
    // "after" and the cursor reports the end of the listing.
    server.beforeRequest = n -> {
      if (n == 5) server.put("same0", updateTime);
    };
    try (Poller poller = poller(10)) {
      poller.pollOnce(consumer);
      assertThat(server.requests.get(4).queryParameter("page[cursor]")).isEqualTo("30");
      assertThat(consumer.ids()).contains("after");
      clock.advance(Duration.ofMinutes(1));
      poller.pollOnce(consumer);
    }
    assertThat(consumer.counts()).containsOnlyKeys(all);
  }

  @Test
  void lateVisibleWritesWithinTheLagAreNotLost() throws IOException {
    seed("early", 5, T0, 1);
    clock.set(T0.plusSeconds(20));
    try (Poller poller = poller(20)) {
      poller.pollOnce(consumer); // Window ends at T0+10s.
      // A write stamped T0+12s becomes visible only now, 8 s late: within the 10 s lag, so the
      // window that closed at T0+10s could not have needed it.
      server.put("late", T0.plusSeconds(12));
      clock.set(T0.plusSeconds(30));
      poller.pollOnce(consumer);
    }
    assertThat(consumer.ids()).containsExactly("early0", "early1", "early2", "early3", "early4",
        "late");
  }

  @Test
  void objectsNewerThanTheLagWaitForALaterPoll() throws IOException {
    clock.set(T0.plusSeconds(100));
    server.put("old", T0.plusSeconds(80));
    server.put("fresh", T0.plusSeconds(95));
    try (Poller poller = poller(20)) {
      PollResult first = poller.pollOnce(consumer);
      assertThat(first.upperBound()).isEqualTo(T0.plusSeconds(90));
      assertThat(consumer.ids()).containsExactly("old");
      clock.advance(Duration.ofSeconds(10));
      poller.pollOnce(consumer);
    }
    assertThat(consumer.ids()).containsExactly("old", "fresh");
  }

  @Test
  void startTimeIsInclusiveAndEndTimeExclusive() throws IOException {
    seed("p", 10, T0, 1);
    try (Poller poller = poller(b -> b.startTime(T0.plusSeconds(2)).endTime(T0.plusSeconds(5)))) {
      PollResult result = poller.pollOnce(consumer);
      assertThat(result.checkpoint().boundary()).isEqualTo(T0.plusSeconds(5));
      server.put("late-but-before-end", T0.plusSeconds(3));
      clock.advance(Duration.ofHours(1));
      // The checkpoint covers the whole range; a finished range is not listed again.
      assertThat(poller.pollOnce(consumer).pages()).isZero();
    }
    assertThat(consumer.ids()).containsExactly("p2", "p3", "p4");
  }

  @Test
  void pageModeEmitsResultsWithObjectsVerbatim() throws IOException {
    seed("p", 45, T0, 1);
    try (Poller poller = poller(b -> b.pageSize(20).emitMode(EmitMode.PAGE))) {
      poller.pollOnce(consumer);
    }
    assertThat(consumer.messages).hasSize(3);
    PollMessage first = consumer.messages.get(0);
    assertThat(first.objects()).hasSize(20);
    assertThat(first.json()).startsWith("{\"results\":[{\"type\":\"profile\",\"id\":\"p0\"")
        .contains("\"score\":7,\"ratio\":0.5").endsWith("]}");
    assertThat(consumer.ids()).hasSize(45).doesNotHaveDuplicates();
  }

  @Test
  void consumerFailureDoesNotAdvanceTheCheckpoint() throws IOException {
    seed("p", 30, T0, 1);
    try (Poller poller = poller(20)) {
      PollConsumer failing = message -> {
        throw new IOException("downstream is down");
      };
      assertThatThrownBy(() -> poller.pollOnce(failing))
          .isInstanceOf(ConsumerFailedException.class)
          .hasRootCauseMessage("downstream is down");
      assertThat(store.load(poller.checkpointKey())).isEmpty();
      poller.pollOnce(consumer);
    }
    assertThat(consumer.ids()).hasSize(30).doesNotHaveDuplicates();
  }

  @Test
  void aBlankAccountIsAConfigurationError() {
    assertThatThrownBy(() -> Poller.builder().account(""))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("account").hasMessageContaining("must not be blank");
    assertThatThrownBy(() -> Poller.builder().account("  "))
        .isInstanceOf(InvalidConfigurationException.class);
  }

  @Test
  void apiErrorsAreTypedDomainErrorsWithoutTheKey() throws IOException {
    try (Poller poller = Poller.builder()
        .config(PollerConfig.builder().objectType("profiles").timestampField("created").build())
        .apiKey("pk_test_secret_0123456789").baseUrl(server.baseUrl().toString())
        .checkpointStore(store).clock(clock).build()) {
      // The fake only knows "updated", so it rejects a filter on "created" as Klaviyo would.
      assertThatThrownBy(() -> poller.pollOnce(consumer))
          .isInstanceOfSatisfying(BadRequestException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.errors()).singleElement()
                .satisfies(error -> assertThat(error.code()).isEqualTo("invalid"));
            assertThat(e).hasMessageContaining("unknown filter field created")
                .hasMessageNotContaining("pk_test_secret_0123456789");
          });
      assertThat(store.load(poller.checkpointKey())).isEmpty();
    }
  }

  @Test
  void scheduledLoopPollsUntilClosed() throws Exception {
    seed("p", 5, T0, 1);
    CountDownLatch firstBatch = new CountDownLatch(1);
    CountDownLatch secondBatch = new CountDownLatch(1);
    AtomicReference<Thread> loopThread = new AtomicReference<>();
    Poller poller = Poller.builder()
        .config(PollerConfig.builder().objectType("profiles").timestampField("updated").lag(LAG).build())
        .apiKey("pk_test_secret_0123456789").baseUrl(server.baseUrl().toString())
        .checkpointStore(store).clock(clock).interval(Duration.ofMillis(20))
        .build();
    poller.start(message -> {
      loopThread.set(Thread.currentThread());
      consumer.accept(message);
      List<String> ids = message.objects().stream().map(PolledObject::id).toList();
      if (ids.contains("p0")) firstBatch.countDown();
      if (ids.contains("later")) secondBatch.countDown();
    });
    // "later" is added only after the first poll has emitted, and time moves on past that poll's
    // window, so only a later poll of the loop can find it (adding it at once would race the
    // loop's first poll).
    assertThat(firstBatch.await(10, TimeUnit.SECONDS)).isTrue();
    clock.advance(Duration.ofMinutes(1));
    server.put("later", clock.instant().minusSeconds(30));
    assertThat(secondBatch.await(10, TimeUnit.SECONDS)).isTrue();
    poller.close();
    int requestsAtClose = server.requests.size();
    // The loop polls on its own thread: once that thread has ended, no poll can follow.
    loopThread.get().join(10_000);
    assertThat(loopThread.get().isAlive()).as("the loop's thread ended").isFalse();
    assertThat(server.requests).hasSize(requestsAtClose);
    assertThat(consumer.ids()).containsExactlyInAnyOrder("p0", "p1", "p2", "p3", "p4", "later");
  }

  @Test
  void scheduledLoopBacksOffOnFailuresThatMayHealAndStopsOnOthers() throws Exception {
    seed("p", 5, T0, 1);
    KlaviyoClientPageSource pages = new KlaviyoClientPageSource(KlaviyoClient.builder()
        .apiKey("pk_test_secret_0123456789").baseUrl(server.baseUrl().toString())
        .rateLimiting(false).build());
    // Three failures that may heal, then a rejected key.
    List<Exception> faults = new java.util.ArrayList<>(List.of(
        new UnreadablePageException("body ended early", true, null),
        new KlaviyoNetworkException("connection reset", new IOException("reset")),
        new UnreadablePageException("not JSON", false, null),
        new AuthenticationException("Klaviyo rejected the private API key (HTTP 401)", 401,
            Headers.of(), List.of(), null)));
    List<Long> attempts = new java.util.concurrent.CopyOnWriteArrayList<>();
    PageSource failing = new PageSource() {
      @Override
      public Page fetch(PageRequest request) throws IOException {
        attempts.add(System.nanoTime());
        Exception fault = faults.remove(0);
        if (fault instanceof IOException io) throw io;
        throw (RuntimeException) fault;
      }

      @Override
      public String accountId() throws IOException {
        return pages.accountId();
      }
    };
    List<Exception> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
    Poller poller = Poller.builder()
        .config(PollerConfig.builder().objectType("profiles").timestampField("updated").lag(LAG)
            .build())
        .pageSource(failing).checkpointStore(store).clock(clock)
        .interval(Duration.ofHours(1)).retryDelay(Duration.ofMillis(100))
        .listener(new PollListener() {
          @Override
          public void pollFailed(Exception e) {
            reported.add(e);
          }
        })
        .build();
    java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
    java.io.PrintStream originalErr = System.err;
    System.setErr(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
    java.util.concurrent.CompletableFuture<Void> stopped;
    try {
      stopped = poller.start(consumer);
      // The rejected key stops the loop and surfaces to the caller through the returned future.
      assertThatThrownBy(() -> stopped.get(30, TimeUnit.SECONDS))
          .isInstanceOf(java.util.concurrent.ExecutionException.class)
          .hasCauseInstanceOf(AuthenticationException.class);
    } finally {
      System.setErr(originalErr);
      originalErr.print(log.toString(java.nio.charset.StandardCharsets.UTF_8));
    }
    assertThat(reported).hasSize(4);
    assertThat(attempts).hasSize(4);
    assertThat(faults).isEmpty();
    // 100 ms, then 200 ms, then 400 ms between attempts (at least: the machine may be slower).
    for (int i = 1; i < 4; i++) {
      long waitedMillis = (attempts.get(i) - attempts.get(i - 1)) / 1_000_000;
      assertThat(waitedMillis).as("pause before attempt %d", i + 1).isGreaterThanOrEqualTo(100L << (i - 1));
    }
    assertThat(log.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("Poll of profiles failed (1 in a row), retrying in 100 ms")
        .contains("Poll of profiles failed (2 in a row), retrying in 200 ms")
        .contains("Poll of profiles failed (3 in a row), retrying in 400 ms")
        .contains("Poll of profiles failed, stopping: ")
        .doesNotContain("pk_test_secret_0123456789");
    assertThat(store.load(poller.checkpointKey())).isEmpty();
    poller.close();
    assertThat(stopped).isCompletedExceptionally();
  }

  @Test
  void closingTheLoopCompletesTheFutureStartReturned() throws Exception {
    seed("p", 5, T0, 1);
    CountDownLatch emitted = new CountDownLatch(5);
    Poller poller = Poller.builder()
        .config(PollerConfig.builder().objectType("profiles").timestampField("updated").lag(LAG).build())
        .apiKey("pk_test_secret_0123456789").baseUrl(server.baseUrl().toString())
        .checkpointStore(store).clock(clock).interval(Duration.ofHours(1))
        .build();
    java.util.concurrent.CompletableFuture<Void> stopped = poller.start(message -> {
      consumer.accept(message);
      emitted.countDown();
    });
    assertThat(emitted.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(stopped).isNotDone();
    poller.close(); // Returns at once: the next poll, an hour away, is dropped.
    assertThat(stopped.get(10, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void closeLetsTheCurrentPageFinishAndSavesItsCheckpoint() throws Exception {
    seed("p", 100, T0, 1);
    CountDownLatch inPageTwo = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Poller poller = Poller.builder()
        .config(PollerConfig.builder().objectType("profiles").timestampField("updated").lag(LAG)
            .pageSize(20).build())
        .client(KlaviyoClient.builder().apiKey("pk_test_secret_0123456789")
            .baseUrl(server.baseUrl().toString()).rateLimiting(false).build())
        .checkpointStore(store).clock(clock).interval(Duration.ofHours(1))
        .build();
    poller.start(message -> {
      consumer.accept(message);
      if (consumer.messages.size() == 25) {
        inPageTwo.countDown();
        release.await();
      }
    });
    assertThat(inPageTwo.await(10, TimeUnit.SECONDS)).isTrue();
    Thread closer = new Thread(() -> {
      try {
        poller.close();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    closer.start();
    // close() has asked the loop to stop and waits (with its shutdown timeout) for the page in progress.
    await("close() waits for the page in progress").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
        .until(() -> closer.getState() == Thread.State.TIMED_WAITING);
    release.countDown();
    closer.join(10_000);
    assertThat(closer.isAlive()).isFalse();
    // The interrupted page (p20..p38: the next query starts at p19's second, already emitted)
    // was finished and checkpointed; nothing after it was fetched.
    assertThat(consumer.ids()).hasSize(39).doesNotHaveDuplicates().endsWith("p38");
    assertThat(server.requests).hasSize(2);
    assertThat(store.load(poller.checkpointKey()).orElseThrow())
        .isEqualTo(new Checkpoint(T0.plusSeconds(38), Set.of("p38")));
  }

  @Test
  void firstPageQueryUsesOperatorsTheEndpointAllows() {
    Instant boundary = T0;
    Instant upper = T0.plusSeconds(60);
    assertThat(queryFor("profiles", "updated", null).firstPageQuery(boundary, upper))
        .containsEntry("filter",
            "greater-than(updated,2024-03-01T11:59:59Z),less-than(updated,2024-03-01T12:01:00Z)")
        .containsEntry("sort", "updated")
        .containsEntry("page[size]", "100");
    assertThat(queryFor("events", "datetime", null).firstPageQuery(boundary, upper))
        .containsEntry("filter",
            "greater-or-equal(datetime,2024-03-01T12:00:00Z),less-than(datetime,2024-03-01T12:01:00Z)")
        .doesNotContainKey("page[size]");
    assertThat(queryFor("reviews", "created", null).firstPageQuery(boundary, upper))
        .containsEntry("filter",
            "greater-or-equal(created,2024-03-01T12:00:00Z),less-or-equal(created,2024-03-01T12:00:59Z)");
    assertThat(queryFor("lists", "updated", null).firstPageQuery(boundary, upper))
        .containsEntry("filter", "greater-than(updated,2024-03-01T11:59:59Z)");
    assertThat(queryFor("campaigns", "updated_at", "sms").firstPageQuery(boundary, upper))
        .containsEntry("filter", "equals(messages.channel,\"sms\"),"
            + "greater-or-equal(updated_at,2024-03-01T12:00:00Z),"
            + "less-than(updated_at,2024-03-01T12:01:00Z)")
        .containsEntry("sort", "updated_at");
  }

  @Test
  void greaterThanOnlyEndpointsStopAtTheUpperBoundThemselves() throws IOException {
    server.close();
    server = new FakeListingServer("updated", 10);
    clock.set(T0.plusSeconds(100));
    Set<String> inWindow = seed("l", 25, T0, 1);
    server.put("too-new", T0.plusSeconds(95));
    server.put("newer", T0.plusSeconds(99));
    try (Poller poller = Poller.builder()
        .config(PollerConfig.builder().objectType("lists").timestampField("updated").lag(LAG).build())
        .apiKey("pk_test_secret_0123456789").baseUrl(server.baseUrl().toString())
        .checkpointStore(store).clock(clock).build()) {
      poller.pollOnce(consumer);
      assertThat(consumer.ids()).containsExactlyInAnyOrderElementsOf(inWindow);
      assertThat(server.requests).allSatisfy(url -> assertThat(url.queryParameter("filter"))
          .doesNotContain("less"));
      clock.advance(Duration.ofSeconds(30));
      poller.pollOnce(consumer);
    }
    assertThat(consumer.ids()).endsWith("too-new", "newer").hasSize(27);
  }

  private Poller queryFor(String type, String field, String channel) {
    return Poller.builder()
        .config(PollerConfig.builder().objectType(type).timestampField(field).channel(channel).build())
        .apiKey("pk_test_secret_0123456789").baseUrl("http://localhost:1/")
        .checkpointStore(store).build();
  }
}
