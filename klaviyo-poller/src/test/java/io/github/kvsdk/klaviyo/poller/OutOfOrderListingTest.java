package io.github.kvsdk.klaviyo.poller;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.poller.checkpoint.Checkpoint;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Listings that come slightly out of order, as Klaviyo's campaign listings have been seen to: each page
 * of ten ends with a row that belongs on the next page.
 */
final class OutOfOrderListingTest {
  private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
  private static final int PAGE_SIZE = 10;

  private final MutableClock clock = new MutableClock(T0.plus(Duration.ofHours(1)));
  private final OkHttpClient client = new OkHttpClient();
  private final Set<String> all = new HashSet<>();
  private FakeListingServer server;

  private void start(String field) throws IOException {
    server = new FakeListingServer(field, PAGE_SIZE);
    server.outOfOrderEvery = PAGE_SIZE;
    for (int i = 0; i < 35; i++) {
      server.put("row" + i, T0.minusSeconds(100 - i)); // One row a second.
      all.add("row" + i);
    }
  }

  @AfterEach
  void tearDown() {
    server.close();
    client.connectionPool().evictAll();
  }

  private Poller poller(String objectType, String field, String channel, InMemoryCheckpointStore store) {
    return Poller.builder()
        .config(PollerConfig.builder().objectType(objectType).timestampField(field).channel(channel)
            .lag(Duration.ofSeconds(10)).pageSize(PAGE_SIZE).build())
        .pageSource(new KlaviyoClientPageSource(KlaviyoClient.builder().apiKey("pk_test_key_0123456789ab")
            .baseUrl(server.baseUrl()).rateLimiting(false).okHttpClient(client).build()))
        .checkpointStore(store)
        .clock(clock)
        .build();
  }

  @Test
  void aPollerThatTrustsTheSortOrderWouldLoseRows() throws IOException {
    // Profiles are read as sorted prefixes; on this listing that loses the row each page pushed to the next.
    start("updated");
    RecordingConsumer consumer = new RecordingConsumer();
    poller("profiles", "updated", null, new InMemoryCheckpointStore()).pollOnce(consumer);
    Set<String> missed = new HashSet<>(all);
    consumer.ids().forEach(missed::remove);
    assertThat(missed).isNotEmpty();
  }

  @Test
  void campaignsAreReadInWindowsThatFitOneResponseSoNoRowIsLost() throws IOException {
    start("updated_at");
    RecordingConsumer consumer = new RecordingConsumer();
    InMemoryCheckpointStore store = new InMemoryCheckpointStore();
    PollResult result = poller("campaigns", "updated_at", "email", store).pollOnce(consumer);
    assertThat(result.complete()).isTrue();
    assertThat(consumer.ids()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
    // The whole window needed a cursor; its rows chose [start, 8th second) instead, and four more
    // windows of eight seconds (the last one with three rows) plus the empty rest fit one response
    // each. No cursor was ever followed.
    assertThat(server.requests).hasSize(7);
    assertThat(server.requests).noneMatch(url -> url.queryParameter("page[cursor]") != null);
    assertThat(result.checkpoint().idsAtBoundary()).isEmpty();

    // Changed rows come again, unchanged ones do not.
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    server.put("row3", now);
    server.put("row20", now);
    clock.advance(Duration.ofMinutes(1));
    RecordingConsumer next = new RecordingConsumer();
    poller("campaigns", "updated_at", "email", store).pollOnce(next);
    assertThat(next.ids()).containsExactlyInAnyOrder("row3", "row20");
  }

  @Test
  void rowsThatLeaveTheWindowDuringAListingMakeNoCursorSkipARow() throws IOException {
    start("updated_at");
    // Once the first rows were emitted (request 2), two of them are updated to "now", past the window.
    // Following an offset cursor now would skip two rows; the poller never follows one here.
    server.beforeRequest = n -> {
      if (n == 3) {
        server.put("row0", clock.instant());
        server.put("row1", clock.instant());
      }
    };
    RecordingConsumer consumer = new RecordingConsumer();
    poller("campaigns", "updated_at", "email", new InMemoryCheckpointStore()).pollOnce(consumer);
    assertThat(consumer.ids()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
    // Only single responses were trusted: no cursor, so no cursor could skip a row.
    assertThat(server.requests).noneMatch(url -> url.queryParameter("page[cursor]") != null);
  }

  @Test
  void aPollFinishesUnderContinuousUpdatesAndLosesNothing() throws IOException {
    // 600 campaigns, a few seconds apart, plus 25 sharing one second (more than a response holds);
    // before every request two random campaigns are updated and a second passes: two updates per
    // second of a clock that only requests move, so the run is the same every time.
    server = new FakeListingServer("updated_at", PAGE_SIZE);
    server.outOfOrderEvery = PAGE_SIZE;
    Map<String, Instant> latest = new HashMap<>();
    Instant dense = T0.minusSeconds(1_000);
    for (int i = 0; i < 600; i++) latest.put("c" + i, T0.minusSeconds(3_000 - 5L * i));
    for (int i = 0; i < 25; i++) latest.put("dense" + i, dense);
    latest.forEach(server::put);
    List<String> ids = new ArrayList<>(latest.keySet());
    ids.sort(null);
    Random random = new Random(11);
    Set<String> updatedDuringPoll = new HashSet<>();
    server.beforeRequest = n -> {
      clock.advance(Duration.ofSeconds(1));
      for (int k = 0; k < 2; k++) {
        String id = ids.get(random.nextInt(ids.size()));
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        latest.put(id, now);
        server.put(id, now);
        updatedDuringPoll.add(id);
      }
    };
    InMemoryCheckpointStore store = new InMemoryCheckpointStore();
    RecordingConsumer consumer = new RecordingConsumer();
    PollResult first = poller("campaigns", "updated_at", "email", store).pollOnce(consumer);

    assertThat(first.complete()).isTrue();
    assertThat(first.checkpoint().boundary()).isEqualTo(first.upperBound());
    // 625 rows in responses of 10: bounded by a small multiple of 63 responses, updates or not.
    assertThat(first.pages()).isLessThan(200);
    Set<String> untouched = new HashSet<>(latest.keySet());
    untouched.removeAll(updatedDuringPoll);
    assertThat(untouched).hasSizeGreaterThan(200);
    assertThat(consumer.ids()).containsAll(untouched);

    // The updates stop; once they are older than the lag, the next poll emits every row's newest
    // version that the first poll did not already emit.
    server.beforeRequest = n -> {};
    clock.advance(Duration.ofMinutes(1));
    RecordingConsumer next = new RecordingConsumer();
    PollResult second = poller("campaigns", "updated_at", "email", store).pollOnce(next);
    assertThat(second.complete()).isTrue();
    Set<String> versions = new HashSet<>();
    for (PolledObject object : consumer.objects()) versions.add(object.id() + "@" + object.timestamp());
    for (PolledObject object : next.objects()) versions.add(object.id() + "@" + object.timestamp());
    for (Map.Entry<String, Instant> row : latest.entrySet()) {
      assertThat(versions).as("newest version of %s", row.getKey())
          .contains(row.getKey() + "@" + row.getValue());
    }
  }

  @Test
  void aDenseSecondOfCampaignsThatKeepsChangingIsCarriedUnsettledAndLosesNothing()
      throws IOException {
    // 40 campaigns in one second (four responses) and 20 spread out; while the first poll reads
    // the dense second, the campaign it listed first leaves it before each of the first 20
    // requests, so no two of its three listings agree.
    server = new FakeListingServer("updated_at", PAGE_SIZE);
    server.outOfOrderEvery = PAGE_SIZE;
    Instant dense = T0.minusSeconds(500);
    Map<String, Instant> latest = new HashMap<>();
    for (int i = 0; i < 20; i++) latest.put("c" + i, T0.minusSeconds(3_000 - 5L * i));
    for (int i = 0; i < 40; i++) latest.put(String.format("dc%02d", i), dense);
    latest.forEach(server::put);
    int[] next = {39};
    server.beforeRequest = n -> {
      if (n <= 20) {
        String id = String.format("dc%02d", next[0]--);
        latest.put(id, clock.instant());
        server.put(id, clock.instant());
      }
    };
    InMemoryCheckpointStore store = new InMemoryCheckpointStore();
    Poller.Builder builder = Poller.builder()
        .relistingPageBudget(0)
        .config(PollerConfig.builder().objectType("campaigns").timestampField("updated_at")
            .channel("email").lag(Duration.ofSeconds(10)).build())
        .pageSource(new KlaviyoClientPageSource(KlaviyoClient.builder()
            .apiKey("pk_test_key_0123456789ab").baseUrl(server.baseUrl()).rateLimiting(false)
            .okHttpClient(client).build()))
        .checkpointStore(store)
        .clock(clock);
    RecordingConsumer consumer = new RecordingConsumer();
    PollResult first = builder.build().pollOnce(consumer);
    assertThat(first.checkpoint().boundary()).isEqualTo(first.upperBound());
    assertThat(first.checkpoint().unsettledSeconds()).containsOnlyKeys(dense);
    assertThat(first.checkpoint().unsettledSeconds().get(dense).emitted())
        .allSatisfy(key -> assertThat(key).endsWith("@" + dense.getEpochSecond()));

    server.beforeRequest = n -> {};
    clock.advance(Duration.ofMinutes(1));
    PollResult second = builder.build().pollOnce(consumer);
    assertThat(second.checkpoint().unsettledSeconds()).isEmpty();
    Set<String> versions = new HashSet<>();
    List<String> all = new ArrayList<>();
    for (PolledObject object : consumer.objects()) {
      versions.add(object.id() + "@" + object.timestamp());
      all.add(object.id() + "@" + object.timestamp());
    }
    for (Map.Entry<String, Instant> row : latest.entrySet()) {
      assertThat(versions).as("newest version of %s", row.getKey())
          .contains(row.getKey() + "@" + row.getValue());
    }
    assertThat(all).doesNotHaveDuplicates();
  }

  @Test
  void aCheckpointOfAPartlyReadWholeWindowIsResumedWithoutRepeats() throws IOException {
    // Saved by a version that listed the whole window at once: the boundary is the window's start
    // and the set holds keys of rows emitted anywhere in it.
    start("updated_at");
    Instant start = T0.minusSeconds(100);
    Set<String> emitted = new HashSet<>();
    Set<String> keys = new HashSet<>();
    for (int i : new int[] {0, 1, 20, 21, 34}) {
      emitted.add("row" + i);
      keys.add("row" + i + "@" + T0.minusSeconds(100 - i).getEpochSecond());
    }
    InMemoryCheckpointStore store = new InMemoryCheckpointStore();
    store.save(new CheckpointKey("ACC123", "campaigns", "updated_at"), new Checkpoint(start, keys));
    RecordingConsumer consumer = new RecordingConsumer();
    PollResult result = poller("campaigns", "updated_at", "email", store).pollOnce(consumer);
    assertThat(result.complete()).isTrue();
    Set<String> rest = new HashSet<>(all);
    rest.removeAll(emitted);
    assertThat(consumer.ids()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(rest);
    assertThat(result.checkpoint().idsAtBoundary()).isEmpty();
  }

  @Test
  void aWindowThatFitsOneResponseIsListedOnce() throws IOException {
    server = new FakeListingServer("updated_at", PAGE_SIZE);
    server.put("only", T0);
    RecordingConsumer consumer = new RecordingConsumer();
    poller("campaigns", "updated_at", "sms", new InMemoryCheckpointStore()).pollOnce(consumer);
    assertThat(consumer.ids()).containsExactly("only");
    assertThat(server.requests).hasSize(1);
  }
}
