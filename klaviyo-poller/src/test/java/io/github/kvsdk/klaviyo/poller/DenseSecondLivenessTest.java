package io.github.kvsdk.klaviyo.poller;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.poller.checkpoint.CheckpointKey;
import io.github.kvsdk.klaviyo.poller.checkpoint.InMemoryCheckpointStore;
import io.github.kvsdk.klaviyo.poller.config.PollerConfig;
import io.github.kvsdk.klaviyo.poller.source.PolledObject;
import io.github.kvsdk.klaviyo.poller.source.internal.KlaviyoClientPageSource;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A second holding far more profiles than a response while profiles keep changing: two listings of
 * it rarely agree, so no poll may wait for them to. Each poll stays bounded, the second is carried
 * as unsettled from poll to poll, and nothing is lost. The listing pages with offset cursors, which
 * skip rows whenever listed rows leave the second; the clock moves only with requests, so every
 * run is the same.
 */
final class DenseSecondLivenessTest {
  private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
  private static final Instant DENSE = T0.minusSeconds(1_000);
  private static final int PAGE_SIZE = 10;
  private static final int DENSE_ROWS = 300;
  private static final int SPREAD_ROWS = 200;

  private final MutableClock clock = new MutableClock(T0.plus(Duration.ofHours(1)));
  private final OkHttpClient client = new OkHttpClient();
  private final InMemoryCheckpointStore store = new InMemoryCheckpointStore();
  private final Map<String, Instant> latest = new HashMap<>();
  private FakeListingServer server;

  @AfterEach
  void tearDown() {
    server.close();
    client.connectionPool().evictAll();
  }

  private Poller poller() {
    return poller(PollRun.RELISTING_PAGES_PER_POLL);
  }

  /** A poller whose polls list a dense second again at least twice, then while under budget. */
  private Poller poller(int relistingPageBudget) {
    return Poller.builder()
        .relistingPageBudget(relistingPageBudget)
        .config(PollerConfig.builder().objectType("profiles").timestampField("updated")
            .lag(Duration.ofSeconds(10)).pageSize(PAGE_SIZE).build())
        .pageSource(new KlaviyoClientPageSource(KlaviyoClient.builder()
            .apiKey("pk_test_key_0123456789ab").baseUrl(server.baseUrl()).rateLimiting(false)
            .okHttpClient(client).build()))
        .checkpointStore(store)
        .clock(clock)
        .build();
  }

  @Test
  void pollsStayBoundedUnderContinuousUpdatesAndTheDenseSecondSettlesLater() throws IOException {
    // 300 profiles in one second (30 responses of 10) and 200 spread out; before every request a
    // second passes and two random profiles are updated to "now", past the window.
    server = new FakeListingServer("updated", PAGE_SIZE);
    for (int i = 0; i < SPREAD_ROWS; i++) latest.put("s" + i, T0.minusSeconds(3_000 - 5L * i));
    for (int i = 0; i < DENSE_ROWS; i++) latest.put("dense" + i, DENSE);
    latest.forEach(server::put);
    List<String> ids = new ArrayList<>(latest.keySet());
    ids.sort(null);
    Random random = new Random(11);
    server.beforeRequest = n -> {
      clock.advance(Duration.ofSeconds(1));
      for (int k = 0; k < 2; k++) {
        String id = ids.get(random.nextInt(ids.size()));
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        latest.put(id, now);
        server.put(id, now);
      }
    };
    CheckpointKey key = new CheckpointKey("ACC123", "profiles", "updated");

    RecordingConsumer firstPoll = new RecordingConsumer();
    PollResult first = poller().pollOnce(firstPoll);
    // The poll covered its whole window, but its listings of the dense second kept disagreeing:
    // the second is carried to the next poll instead of listed on and on.
    assertThat(first.complete()).isTrue();
    assertThat(first.checkpoint().boundary()).isEqualTo(first.upperBound());
    assertThat(first.checkpoint().unsettledSeconds()).containsOnlyKeys(DENSE);
    // 50 responses for the window plus the walk through the dense second and two more listings
    // of it (about 30 responses each).
    assertThat(first.pages()).isLessThan(50 + 3 * 31 + 10);

    // Updates go on; every poll lists the unsettled second at most twice, and it settles once a
    // listing sees no departures or fits a single response.
    RecordingConsumer later = new RecordingConsumer();
    int polls = 1;
    int maxPages = 0;
    while (!store.load(key).orElseThrow().unsettledSeconds().isEmpty()) {
      clock.advance(Duration.ofMinutes(1));
      PollResult result = poller().pollOnce(later);
      polls++;
      assertThat(result.complete()).isTrue();
      maxPages = Math.max(maxPages, result.pages());
      assertThat(polls).as("polls until the dense second settles").isLessThan(40);
    }
    assertThat(maxPages).isLessThan(2 * 31 + 40);

    // The updates stop; once they are older than the lag, one more poll emits the newest version
    // of everything: every profile's current version has come out, none is missing.
    server.beforeRequest = n -> {};
    clock.advance(Duration.ofMinutes(1));
    poller().pollOnce(later);
    Set<String> versions = new HashSet<>();
    for (RecordingConsumer consumer : List.of(firstPoll, later)) {
      for (PolledObject object : consumer.objects()) {
        versions.add(object.id() + "@" + object.timestamp());
      }
    }
    for (Map.Entry<String, Instant> row : latest.entrySet()) {
      assertThat(versions).as("newest version of %s", row.getKey())
          .contains(row.getKey() + "@" + row.getValue());
    }
    // No version was emitted twice: the unsettled second remembers what it emitted.
    List<String> all = new ArrayList<>();
    for (RecordingConsumer consumer : List.of(firstPoll, later)) {
      for (PolledObject object : consumer.objects()) all.add(object.id() + "@" + object.timestamp());
    }
    assertThat(all).doesNotHaveDuplicates();
  }

  @Test
  void aRowEveryListingOfTheFirstPollSkippedComesOutOfTheCarriedSecond() throws IOException {
    // 50 rows in one second, listed (ids descending) in pages of 10, and polls that list a dense
    // second exactly three times. While the first poll reads the second, rows already listed leave
    // it just before the page on which d09 would come, so each of its three listings skips d09:
    // the walk before offset 40 (one row leaves), the first re-listing before offset 30 and the
    // second before offset 20 (ten rows each).
    server = new FakeListingServer("updated", PAGE_SIZE);
    for (int i = 0; i < 50; i++) server.put(String.format("d%02d", i), DENSE);
    Instant moved = clock.instant();
    int[] listings = {0};
    int[] next = {49};
    Map<Integer, int[]> departuresBeforeOffset = Map.of(1, new int[] {40, 1}, 2, new int[] {30, 10},
        3, new int[] {20, 10});
    server.beforeRequest = n -> {
      okhttp3.HttpUrl url = server.requests.get(n - 1);
      String cursor = url.queryParameter("page[cursor]");
      if (cursor == null && url.queryParameter("filter").contains(DENSE.minusSeconds(1).toString())) {
        listings[0]++;
      }
      int[] plan = departuresBeforeOffset.get(listings[0]);
      if (plan != null && cursor != null && Integer.parseInt(cursor) == plan[0]) {
        for (int k = 0; k < plan[1]; k++) server.put(String.format("d%02d", next[0]--), moved);
      }
    };
    CheckpointKey key = new CheckpointKey("ACC123", "profiles", "updated");
    RecordingConsumer consumer = new RecordingConsumer();
    PollResult first = poller(0).pollOnce(consumer);
    assertThat(listings[0]).isEqualTo(3);
    // The boundary is past the second, and d09 never came out: a poll that dropped the second
    // after its listings would have lost d09 for good.
    assertThat(first.checkpoint().boundary()).isEqualTo(first.upperBound());
    assertThat(consumer.ids()).doesNotContain("d09").hasSize(49).doesNotHaveDuplicates();
    assertThat(first.checkpoint().unsettledSeconds()).containsOnlyKeys(DENSE);
    assertThat(first.checkpoint().unsettledSeconds().get(DENSE).emitted()).doesNotContain("d09");

    server.beforeRequest = n -> {};
    clock.advance(Duration.ofMinutes(1));
    RecordingConsumer next2 = new RecordingConsumer();
    PollResult second = poller(0).pollOnce(next2);
    // d09 comes out of the re-listing of the carried second (then settled: the next listing
    // agreed), followed by the 21 rows that left it, with their new timestamp.
    assertThat(next2.objects()).filteredOn(o -> o.timestamp().equals(DENSE))
        .extracting(PolledObject::id).containsExactly("d09");
    assertThat(next2.objects()).filteredOn(o -> o.timestamp().equals(moved)).hasSize(21);
    assertThat(second.checkpoint().unsettledSeconds()).isEmpty();
    assertThat(store.load(key).orElseThrow().unsettledSeconds()).isEmpty();
  }
}
