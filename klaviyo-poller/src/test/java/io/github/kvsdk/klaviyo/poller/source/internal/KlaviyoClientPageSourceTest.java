package io.github.kvsdk.klaviyo.poller.source.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.errors.BadRequestException;
import io.github.kvsdk.klaviyo.errors.KlaviyoApiException;
import io.github.kvsdk.klaviyo.errors.ServerException;
import io.github.kvsdk.klaviyo.poller.source.Page;
import io.github.kvsdk.klaviyo.poller.source.PageRequest;
import io.github.kvsdk.klaviyo.poller.source.PolledObject;
import io.github.kvsdk.klaviyo.poller.source.UnreadablePageException;
import io.github.kvsdk.klaviyo.retry.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The page source over the domain client, against a real socket. */
final class KlaviyoClientPageSourceTest {
  private final MockWebServer server = new MockWebServer();
  private KlaviyoClient client;
  private KlaviyoClientPageSource source;

  @BeforeEach
  void setUp() throws IOException {
    server.start();
    client = KlaviyoClient.builder()
        .apiKey("pk_secret_value_0123456789")
        .baseUrl(server.url("/").toString())
        .rateLimiting(false)
        .retryPolicy(RetryPolicy.builder().maxRetries(2).fixedDelay(Duration.ofMillis(1)).build())
        .build();
    source = new KlaviyoClientPageSource(client);
  }

  @AfterEach
  void tearDown() {
    server.close();
    client.httpClient().connectionPool().evictAll();
  }

  @Test
  void firstPageSendsAuthRevisionAndEncodedQuery() throws Exception {
    server.enqueue(new MockResponse.Builder().body("{\"data\":[],\"links\":{\"next\":null}}").build());
    Map<String, String> query = new LinkedHashMap<>();
    query.put("filter", "greater-than(updated,2024-01-01T00:00:00Z)");
    query.put("sort", "updated");
    query.put("page[size]", "100");
    Page page = source.fetch(PageRequest.first("/api/profiles", query, "updated"));
    assertThat(page.objects()).isEmpty();
    assertThat(page.nextUrl()).isNull();

    RecordedRequest request = server.takeRequest();
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Klaviyo-API-Key pk_secret_value_0123456789");
    assertThat(request.getHeaders().get("revision")).isEqualTo(io.github.kvsdk.klaviyo.KlaviyoClient.DEFAULT_REVISION);
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/profiles");
    assertThat(request.getUrl().queryParameter("filter"))
        .isEqualTo("greater-than(updated,2024-01-01T00:00:00Z)");
    assertThat(request.getUrl().queryParameter("page[size]")).isEqualTo("100");
    assertThat(request.getTarget()).contains("filter=greater-than%28updated%2C2024-01-01T00%3A00%3A00Z%29")
        .contains("page%5Bsize%5D=100");
  }

  @Test
  void parsesObjectsVerbatimWithTheirTimestampsAndTheNextLink() throws Exception {
    String next = server.url("/api/profiles?page%5Bcursor%5D=abc").toString();
    String profile = "{\"type\":\"profile\",\"id\":\"01A\",\"attributes\":{\"email\":\"a@b.co\","
        + "\"updated\":\"2024-03-01T12:00:00+00:00\",\"score\":7,\"nested\":{\"x\":[1,2.5]}},"
        + "\"links\":{\"self\":\"x\"}}";
    String noTimestamp = "{\"type\":\"profile\",\"id\":\"01B\",\"attributes\":{\"updated\":null}}";
    server.enqueue(new MockResponse.Builder().body("{\"data\":[" + profile + "," + noTimestamp
        + "],\"links\":{\"self\":\"s\",\"next\":\"" + next + "\"},\"included\":[]}").build());
    Page page = source.fetch(PageRequest.first("/api/profiles", Map.of(), "updated"));
    assertThat(page.objects()).hasSize(2);
    assertThat(page.objects().get(0).id()).isEqualTo("01A");
    assertThat(page.objects().get(0).timestamp()).isEqualTo(Instant.parse("2024-03-01T12:00:00Z"));
    assertThat(page.objects().get(0).json()).isEqualTo(profile);
    assertThat(page.objects().get(1).timestamp()).isNull();
    assertThat(page.nextUrl()).isEqualTo(next);

    server.enqueue(new MockResponse.Builder().body("{\"data\":[]}").build());
    source.fetch(PageRequest.next(next, "updated"));
    server.takeRequest();
    assertThat(server.takeRequest().getUrl().queryParameter("page[cursor]")).isEqualTo("abc");
  }

  @Test
  void readsEpochSecondTimestamps() throws Exception {
    server.enqueue(new MockResponse.Builder().body("{\"data\":[{\"type\":\"event\",\"id\":\"e1\","
        + "\"attributes\":{\"timestamp\":1709294400}}]}").build());
    Page page = source.fetch(PageRequest.first("/api/events", Map.of(), "timestamp"));
    assertThat(page.objects().get(0).timestamp()).isEqualTo(Instant.parse("2024-03-01T12:00:00Z"));
  }

  @Test
  void refusesToSendTheKeyToAnotherHost() {
    assertThatThrownBy(() -> source.fetch(
        PageRequest.next("https://evil.example/api/profiles?page%5Bcursor%5D=x", "updated")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("links.next points outside")
        .hasMessageNotContaining("pk_secret_value_0123456789");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void errorResponsesBecomeTypedDomainErrorsWithoutTheKey() {
    server.enqueue(new MockResponse.Builder().code(400).body("{\"errors\":[{\"id\":\"1\","
        + "\"status\":400,\"code\":\"invalid\",\"title\":\"Invalid input.\",\"detail\":"
        + "\"'gte' is not a valid operator for 'updated'\",\"source\":{\"parameter\":\"filter\"}}]}")
        .build());
    assertThatThrownBy(() -> source.fetch(PageRequest.first("/api/profiles", Map.of(), "updated")))
        .isInstanceOfSatisfying(BadRequestException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.errors()).singleElement()
              .satisfies(error -> assertThat(error.code()).isEqualTo("invalid"));
        })
        .hasMessageContaining("'gte' is not a valid operator for 'updated'")
        .hasMessageNotContaining("pk_secret_value_0123456789");
  }

  @Test
  void serverErrorsAreRetriedByTheDomainClient() throws Exception {
    server.enqueue(new MockResponse.Builder().code(503).body("{\"errors\":[]}").build());
    server.enqueue(new MockResponse.Builder().body("{\"data\":[{\"type\":\"profile\",\"id\":\"p1\","
        + "\"attributes\":{\"updated\":\"2024-03-01T12:00:00+00:00\"}}]}").build());
    Page page = source.fetch(PageRequest.first("/api/profiles", Map.of(), "updated"));
    assertThat(page.objects()).extracting(PolledObject::id).containsExactly("p1");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void persistentServerErrorsSurfaceAsServerExceptions() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder().code(503).body("<html>unavailable</html>").build());
    }
    assertThatThrownBy(() -> source.fetch(PageRequest.first("/api/profiles", Map.of(), "updated")))
        .isInstanceOfSatisfying(ServerException.class,
            e -> assertThat(((KlaviyoApiException) e).statusCode()).isEqualTo(503));
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void malformedListingIsAnIoError() {
    server.enqueue(new MockResponse.Builder().body("{\"data\":[{\"type\":\"profile\","
        + "\"attributes\":{\"updated\":\"yesterday\"}}]}").build());
    assertThatThrownBy(() -> source.fetch(PageRequest.first("/api/profiles", Map.of(), "updated")))
        .isInstanceOfSatisfying(UnreadablePageException.class,
            e -> assertThat(e.incomplete()).isFalse())
        .hasMessageContaining("Unreadable listing from /api/profiles");
  }

  @Test
  void invalidJsonIsAnUnreadablePageNamingWhereItBroke() {
    server.enqueue(new MockResponse.Builder().body("{\"data\":[],\"links\":{next:}}").build());
    assertThatThrownBy(() -> source.fetch(PageRequest.first("/api/profiles", Map.of(), "updated")))
        .isInstanceOfSatisfying(UnreadablePageException.class,
            e -> assertThat(e.incomplete()).isFalse())
        .hasMessageStartingWith("Unreadable listing from /api/profiles: the body is not valid JSON (at $.links")
        .hasMessageNotContaining("setLenient");
  }

  @Test
  void aBodyThatBreaksOffIsAnIncompleteUnreadablePage() {
    server.enqueue(new MockResponse.Builder().body("{\"data\":[{\"type\":\"profile\",\"id\":\"a\"").build());
    assertThatThrownBy(() -> source.fetch(PageRequest.first("/api/profiles", Map.of(), "updated")))
        .isInstanceOfSatisfying(UnreadablePageException.class,
            e -> assertThat(e.incomplete()).isTrue())
        .hasMessageContaining("Unreadable listing from /api/profiles: the response body broke off");
  }

  @Test
  void accountIdComesFromTheAccountsEndpoint() throws Exception {
    server.enqueue(new MockResponse.Builder().body("{\"data\":[{\"type\":\"account\",\"id\":\"XyZ123\","
        + "\"attributes\":{\"contact_information\":{}}}],\"links\":{}}").build());
    assertThat(source.accountId()).isEqualTo("XyZ123");
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/api/accounts");
  }
}
