package io.github.kvsdk.klaviyo.poller;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.poller.checkpoint.InMemoryCheckpointStore;
import io.github.kvsdk.klaviyo.poller.config.PollerConfig;
import io.github.kvsdk.klaviyo.poller.source.KlaviyoClientPageSource;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
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
  void campaignsAreReadWholeSoNoRowIsLost() throws IOException {
    start("updated_at");
    RecordingConsumer consumer = new RecordingConsumer();
    InMemoryCheckpointStore store = new InMemoryCheckpointStore();
    PollResult result = poller("campaigns", "updated_at", "email", store).pollOnce(consumer);
    assertThat(result.complete()).isTrue();
    assertThat(consumer.ids()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
    // Four pages, listed twice: the second listing matched the first, so its cursor skipped nothing.
    assertThat(server.requests).hasSize(8);
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
    // Before page 2 is served, two rows of page 1 are updated to "now", past the window: the offset cursor
    // then skips two rows, which only a second listing finds.
    server.beforeRequest = n -> {
      if (n == 2) {
        server.put("row0", clock.instant());
        server.put("row1", clock.instant());
      }
    };
    RecordingConsumer consumer = new RecordingConsumer();
    poller("campaigns", "updated_at", "email", new InMemoryCheckpointStore()).pollOnce(consumer);
    assertThat(consumer.ids()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
    assertThat(server.requests.size()).isGreaterThan(8); // Listed until two listings agreed.
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
