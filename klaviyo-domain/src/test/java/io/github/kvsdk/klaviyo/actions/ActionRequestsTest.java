package io.github.kvsdk.klaviyo.actions;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonReader;
import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.errors.NotFoundException;
import io.github.kvsdk.klaviyo.filter.Filter;
import io.github.kvsdk.klaviyo.filter.FilterValidationException;
import io.github.kvsdk.klaviyo.query.QueryOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact requests actions send, checked on a MockWebServer. */
final class ActionRequestsTest {
  private static final String API_KEY = "pk_test_0123456789abcdef0123456789abcdef";

  @StartStop private final MockWebServer server = new MockWebServer();
  private KlaviyoActions klaviyo;

  @BeforeEach
  void setUp() {
    KlaviyoClient client = KlaviyoClient.builder()
        .apiKey(API_KEY)
        .baseUrl(server.url("/").toString())
        .rateLimiting(false)
        .build();
    klaviyo = client.actions();
  }

  private void accepted(int times) {
    for (int i = 0; i < times; i++) server.enqueue(new MockResponse.Builder().code(202).build());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(RecordedRequest request) throws IOException {
    return (Map<String, Object>) JsonReader.of(new Buffer().write(request.getBody())).readJsonValue();
  }

  @SuppressWarnings("unchecked")
  private static Object at(Object tree, String... path) {
    Object node = tree;
    for (String key : path) {
      node = node instanceof List<?> list ? list.get(Integer.parseInt(key)) : ((Map<String, Object>) node).get(key);
    }
    return node;
  }

  @Test
  void bulkCreateEventsSplitsIntoJobsOfTheApiMaximum() throws Exception {
    accepted(3);
    List<NewEvent> events = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      events.add(NewEvent.builder().metricName("Viewed")
          .profile(ProfileAttributes.builder().email("p" + (i % 3) + "@example.com").build())
          .properties(Map.of("i", i)).build());
    }
    BulkResult result = klaviyo.events().bulkCreate(events);
    assertThat(result.accepted()).extracting(BulkJob::size).containsExactly(1000, 1000, 500);

    List<Integer> perJob = new ArrayList<>();
    for (int job = 0; job < 3; job++) {
      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(request.getMethod()).isEqualTo("POST");
      assertThat(request.getUrl().encodedPath()).isEqualTo("/api/event-bulk-create-jobs");
      assertThat(request.getHeaders().get("revision")).isEqualTo(io.github.kvsdk.klaviyo.KlaviyoClient.DEFAULT_REVISION);
      Map<String, Object> body = json(request);
      assertThat(at(body, "data", "type")).isEqualTo("event-bulk-create-job");
      List<?> perProfile = (List<?>) at(body, "data", "attributes", "events-bulk-create", "data");
      assertThat(perProfile).hasSize(3); // three distinct profiles, grouped
      int events0 = 0;
      for (Object item : perProfile) {
        assertThat(at(item, "type")).isEqualTo("event-bulk-create");
        events0 += ((List<?>) at(item, "attributes", "events", "data")).size();
      }
      perJob.add(events0);
      assertThat(at(perProfile.get(0), "attributes", "events", "data", "0", "attributes", "metric", "data",
          "attributes", "name")).isEqualTo("Viewed");
    }
    assertThat(perJob).containsExactly(1000, 1000, 500);
  }

  @Test
  void subscribeSendsABulkJobWithTheListAndConsent() throws Exception {
    accepted(1);
    klaviyo.profiles().subscribe("L1", List.of(ProfileSubscription.emailAndSms("a@example.com", "+15005550006")));
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/profile-subscription-bulk-create-jobs");
    Map<String, Object> body = json(request);
    assertThat(at(body, "data", "type")).isEqualTo("profile-subscription-bulk-create-job");
    assertThat(at(body, "data", "relationships", "list", "data")).isEqualTo(Map.of("type", "list", "id", "L1"));
    Object profile = at(body, "data", "attributes", "profiles", "data", "0", "attributes");
    assertThat(at(profile, "email")).isEqualTo("a@example.com");
    assertThat(at(profile, "phone_number")).isEqualTo("+15005550006");
    assertThat(at(profile, "subscriptions", "email", "marketing", "consent")).isEqualTo("SUBSCRIBED");
    assertThat(at(profile, "subscriptions", "sms", "marketing", "consent")).isEqualTo("SUBSCRIBED");
  }

  @Test
  void unsubscribeSendsTheDeleteJob() throws Exception {
    accepted(1);
    klaviyo.profiles().unsubscribe(List.of(ProfileSubscription.sms("+15005550006")));
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/profile-subscription-bulk-delete-jobs");
    Map<String, Object> body = json(request);
    assertThat(at(body, "data", "relationships")).isNull();
    assertThat(at(body, "data", "attributes", "profiles", "data", "0", "attributes", "subscriptions", "sms",
        "marketing", "consent")).isEqualTo("UNSUBSCRIBED");
  }

  @Test
  void listCampaignsWithoutOptionsSendsTheDefaultFilter() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("{\"data\":[],\"links\":{\"self\":\"x\"}}").build());
    assertThat(klaviyo.campaigns().list().data()).isEmpty();
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getUrl().queryParameter("filter")).isEqualTo("equals(messages.channel,\"sms\")");
  }

  @Test
  void listCampaignsRejectsAFilterWithoutTheChannelBeforeSending() {
    assertThatThrownBy(() -> klaviyo.campaigns().list(QueryOptions.builder()
            .filter(Filter.equalTo("archived", false)).build()))
        .isInstanceOf(FilterValidationException.class)
        .hasMessageContaining("messages.channel");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void createListSendsTheDefaultName() throws Exception {
    server.enqueue(new MockResponse.Builder().code(201).addHeader("Content-Type", "application/vnd.api+json")
        .body("{\"data\":{\"type\":\"list\",\"id\":\"L9\",\"attributes\":{\"name\":\"Newsletter\"}}}").build());
    assertThat(klaviyo.lists().create().getData().getId()).isEqualTo("L9");
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(json(request)).isEqualTo(
        Map.of("data", Map.of("type", "list", "attributes", Map.of("name", "Newsletter"))));
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Klaviyo-API-Key " + API_KEY);
  }

  @Test
  void uploadFileSendsMultipartWithAPlainNameField() throws Exception {
    server.enqueue(new MockResponse.Builder().code(201)
        .body("{\"data\":{\"type\":\"image\",\"id\":\"I1\",\"attributes\":{}}}").build());
    byte[] gif = "GIF89a\u0001\u0000\u0001\u0000".getBytes(UTF_8);
    assertThat(klaviyo.images().uploadFile(gif, "pixel.gif", "Pixel").getData().getId()).isEqualTo("I1");
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/image-upload");
    assertThat(request.getHeaders().get("Content-Type")).startsWith("multipart/form-data");
    String body = request.getBody().utf8();
    assertThat(body).contains("name=\"file\"; filename=\"pixel.gif\"", "Content-Type: image/gif", "GIF89a");
    // A plain text field, not the JSON string "\"Pixel\"" a JSON converter would send.
    assertThat(body).containsPattern("Content-Disposition: form-data; name=\"name\"\r\n(?:[^\r\n]+\r\n)*\r\nPixel\r\n")
        .doesNotContain("\"Pixel\"");
    assertThat(body).doesNotContain("name=\"hidden\"");
  }

  @Test
  void uploadFromUrlSendsImportFromUrl() throws Exception {
    server.enqueue(new MockResponse.Builder().code(201)
        .body("{\"data\":{\"type\":\"image\",\"id\":\"I2\",\"attributes\":{}}}").build());
    klaviyo.images().uploadFromUrl("https://cdn.example.com/a.png", null);
    assertThat(json(server.takeRequest(5, TimeUnit.SECONDS))).isEqualTo(Map.of("data",
        Map.of("type", "image", "attributes", Map.of("import_from_url", "https://cdn.example.com/a.png"))));
  }

  @Test
  void invalidInputsFailBeforeAnyRequest() {
    assertThatThrownBy(() -> klaviyo.images().upload(null, null, "x"))
        .isInstanceOf(KlaviyoValidationException.class).hasMessageContaining("imageUrl");
    assertThatThrownBy(() -> klaviyo.images().uploadFromUrl("data:text/plain;base64,AAAA", null))
        .isInstanceOf(KlaviyoValidationException.class).hasMessageContaining("data URI");
    assertThatThrownBy(() -> klaviyo.images().uploadFile(new byte[Images.MAX_IMAGE_BYTES + 1], "big.png", null))
        .isInstanceOf(KlaviyoValidationException.class).hasMessageContaining("5 MB");
    assertThatThrownBy(() -> klaviyo.lists().create(" "))
        .isInstanceOf(KlaviyoValidationException.class).hasMessageContaining("name");
    assertThatThrownBy(() -> klaviyo.segments().create("S", List.of(Map.of("conditions", List.of()))))
        .isInstanceOf(KlaviyoValidationException.class).hasMessageContaining("conditions");
    assertThatThrownBy(() -> klaviyo.campaigns().create(CampaignAttributes.builder().name("C")
            .includedAudiences(List.of("L1")).messages(List.of(Map.of("channel", "fax"))).build()))
        .isInstanceOf(KlaviyoValidationException.class).hasMessageContaining("messages.channel");
    assertThatThrownBy(() -> klaviyo.events().create(null))
        .isInstanceOf(KlaviyoValidationException.class);
    assertThatThrownBy(() -> NewEvent.builder().metricName("M")
            .profile(ProfileAttributes.builder().email("a@b.co").build()).valueCurrency("usd").build())
        .isInstanceOf(KlaviyoValidationException.class).hasMessageContaining("ISO 4217");
    assertThatThrownBy(() -> klaviyo.profiles().get("P1", QueryOptions.builder().include("events").build()))
        .isInstanceOf(KlaviyoValidationException.class).hasMessageContaining("'events' cannot be included")
        .hasMessageContaining("allowed: [lists, ");
    assertThatThrownBy(() -> klaviyo.profiles().subscribe(List.of()))
        .isInstanceOf(KlaviyoValidationException.class).hasMessageContaining("at least one profile");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void asyncActionsCompleteWithTheTypedError() {
    server.enqueue(new MockResponse.Builder().code(404)
        .body("{\"errors\":[{\"id\":\"e1\",\"status\":404,\"code\":\"not_found\",\"title\":\"Not found\"}]}").build());
    CompletableFuture<?> future = klaviyo.templates().getAsync("T404", QueryOptions.none());
    assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(NotFoundException.class);
  }

  @Test
  void pagedAsyncListFetchesLaterPagesWithTheCursor() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("{\"data\":[{\"type\":\"template\",\"id\":\"T1\"}],"
        + "\"links\":{\"self\":\"s\",\"next\":\"" + server.url("/api/templates?page%5Bcursor%5D=abc") + "\"}}").build());
    server.enqueue(new MockResponse.Builder().code(200)
        .body("{\"data\":[{\"type\":\"template\",\"id\":\"T2\"}],\"links\":{\"self\":\"s\"}}").build());
    var first = klaviyo.templates().listAsync(QueryOptions.builder().sort("-updated").build()).get(5, TimeUnit.SECONDS);
    assertThat(first.data()).extracting(t -> t.getId()).containsExactly("T1");
    var second = first.nextPage();
    assertThat(second.data()).extracting(t -> t.getId()).containsExactly("T2");
    server.takeRequest(5, TimeUnit.SECONDS);
    RecordedRequest next = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(next.getUrl().queryParameter("page[cursor]")).isEqualTo("abc");
    assertThat(next.getUrl().queryParameter("sort")).isEqualTo("-updated");
  }
}
