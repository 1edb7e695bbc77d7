package io.github.kvsdk.klaviyo.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonReader;
import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.api.events.CreateEventParams;
import io.github.kvsdk.klaviyo.api.profiles.UpdateProfileParams;
import io.github.kvsdk.klaviyo.errors.BadRequestException;
import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.filter.Filter;
import io.github.kvsdk.klaviyo.generated.json.KlaviyoMoshi;
import io.github.kvsdk.klaviyo.generated.model.CreateEventRequest;
import io.github.kvsdk.klaviyo.generated.model.UpdateProfileRequest;
import io.github.kvsdk.klaviyo.query.QueryOptions;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Writes send exactly what the caller set: explicit nulls, only the fields set, every digit, checked keys. */
final class WritesTest {
  private static final String PROFILE_RESULT =
      "{\"data\":{\"type\":\"profile\",\"id\":\"P1\",\"attributes\":{}}}";

  @StartStop private final MockWebServer server = new MockWebServer();
  private KlaviyoActions klaviyo;

  @BeforeEach
  void setUp() {
    klaviyo = KlaviyoClient.builder()
        .apiKey("pk_test_0123456789abcdef0123456789abcdef")
        .baseUrl(server.url("/").toString())
        .rateLimiting(false)
        .build()
        .actions();
  }

  private void respond(int code, String body) {
    server.enqueue(new MockResponse.Builder().code(code).addHeader("Content-Type", "application/vnd.api+json")
        .body(body).build());
  }

  private String sentBody() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).isNotNull();
    return request.getBody().utf8();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> tree(String json) throws IOException {
    return (Map<String, Object>) JsonReader.of(new Buffer().writeUtf8(json)).readJsonValue();
  }

  @SuppressWarnings("unchecked")
  private static Object at(Object tree, String... path) {
    Object node = tree;
    for (String key : path) {
      node = node instanceof List<?> list ? list.get(Integer.parseInt(key)) : ((Map<String, Object>) node).get(key);
    }
    return node;
  }

  // --- Explicit null clears a field ---

  @Test
  void updateProfileSendsAnExplicitNullAndNothingUnset() throws Exception {
    respond(200, PROFILE_RESULT);
    Map<String, Object> location = new HashMap<>();
    location.put("city", null);
    location.put("zip", "10017");
    klaviyo.profiles().update("P1", ProfileAttributes.builder().title(null).location(location).build());
    Map<String, Object> attributes = (Map<String, Object>) at(tree(sentBody()), "data", "attributes");
    assertThat(attributes).containsOnlyKeys("title", "location").containsEntry("title", null);
    assertThat((Map<String, Object>) attributes.get("location")).containsOnlyKeys("city", "zip")
        .containsEntry("city", null).containsEntry("zip", "10017");
  }

  @Test
  void updateTemplateClearsTheTextWhenSetToNull() throws Exception {
    respond(200, "{\"data\":{\"type\":\"template\",\"id\":\"T1\",\"attributes\":{}}}");
    klaviyo.templates().update("T1", TemplateAttributes.builder().text(null).build());
    assertThat(at(tree(sentBody()), "data", "attributes")).isEqualTo(new HashMap<>(Map.of()) {{ put("text", null); }});
  }

  @Test
  void theTypedFacadeSendsAnExplicitNullMemberOfAGeneratedModel() throws Exception {
    respond(200, PROFILE_RESULT);
    UpdateProfileRequest request = KlaviyoMoshi.shared().adapter(UpdateProfileRequest.class)
        .fromJson("{\"data\":{\"type\":\"profile\",\"id\":\"P1\",\"attributes\":{\"first_name\":\"Ada\"}}}");
    request.getData().getAttributes().title(null);
    klaviyo.profiles().updateProfile(UpdateProfileParams.builder().id("P1").body(request).build());
    String body = sentBody();
    assertThat(body).contains("\"title\":null");
    assertThat(at(tree(body), "data", "attributes")).isEqualTo(new HashMap<>(Map.of("first_name", "Ada")) {{
      put("title", null);
    }});
  }

  // --- An update sends only what was set ---

  @Test
  void updateCampaignSendsOnlyTheIncludedAudiences() throws Exception {
    respond(200, "{\"data\":{\"type\":\"campaign\",\"id\":\"C1\",\"attributes\":{}}}");
    klaviyo.campaigns().update("C1", CampaignAttributes.builder().includedAudiences(List.of("L1")).build());
    assertThat(at(tree(sentBody()), "data", "attributes"))
        .isEqualTo(Map.of("audiences", Map.of("included", List.of("L1"))));
  }

  @Test
  void updateCampaignCanClearOptionsAndSendsNothingElse() throws Exception {
    respond(200, "{\"data\":{\"type\":\"campaign\",\"id\":\"C1\",\"attributes\":{}}}");
    klaviyo.campaigns().update("C1", CampaignAttributes.builder().excludedAudiences(null).build());
    assertThat(at(tree(sentBody()), "data", "attributes"))
        .isEqualTo(Map.of("audiences", new HashMap<>() {{ put("excluded", null); }}));
  }

  // --- Numbers keep every digit; date-times in Klaviyo's form ---

  @Test
  void eventValueIsSentWithEveryDigit() throws Exception {
    server.enqueue(new MockResponse.Builder().code(202).build());
    klaviyo.events().create(NewEvent.builder().metricName("Placed Order")
        .profile(ProfileAttributes.builder().email("ada@example.com").build())
        .value(new BigDecimal("12345678901234567.89")).valueCurrency("USD").build());
    assertThat(sentBody()).contains("\"value\":12345678901234567.89");
  }

  @Test
  void bulkEventValueIsSentWithEveryDigit() throws Exception {
    server.enqueue(new MockResponse.Builder().code(202).build());
    klaviyo.events().bulkCreate(List.of(NewEvent.builder().metricName("Placed Order")
        .profile(ProfileAttributes.builder().email("ada@example.com").build())
        .value(new BigDecimal("0.10000000000000000001")).properties(Map.of("n", new BigDecimal("98765432109876543210")))
        .build()));
    assertThat(sentBody()).contains("\"value\":0.10000000000000000001", "\"n\":98765432109876543210");
  }

  @Test
  void theTypedFacadeSendsABigDecimalWithEveryDigit() throws Exception {
    server.enqueue(new MockResponse.Builder().code(202).build());
    CreateEventRequest request = KlaviyoMoshi.shared().adapter(CreateEventRequest.class).fromJson(
        "{\"data\":{\"type\":\"event\",\"attributes\":{\"properties\":{},"
            + "\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":{\"name\":\"Placed Order\"}}},"
            + "\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"ada@example.com\"}}}}}}");
    request.getData().getAttributes().value(new BigDecimal("12345678901234567.89"));
    klaviyo.events().createEvent(CreateEventParams.builder().body(request).build());
    assertThat(sentBody()).contains("\"value\":12345678901234567.89");
  }

  @Test
  void datetimeFilterValuesUseKlaviyosDocumentedForm() throws Exception {
    assertThat(Filter.greaterThan("updated", Instant.parse("2024-01-01T00:00:00Z")).expression())
        .isEqualTo("greater-than(updated,2024-01-01T00:00:00Z)");
    assertThat(Filter.greaterThan("updated", Instant.parse("2024-03-01T07:42:06.384863767Z")).expression())
        .isEqualTo("greater-than(updated,2024-03-01T07:42:06.384863Z)");
    assertThat(Filter.greaterThan("updated", Instant.parse("2024-03-01T07:42:06.5Z")).expression())
        .isEqualTo("greater-than(updated,2024-03-01T07:42:06.500000Z)");
    respond(200, "{\"data\":[],\"links\":{\"self\":\"x\"}}");
    klaviyo.profiles().list(QueryOptions.builder()
        .filter(Filter.greaterThan("updated", Instant.parse("2024-03-01T07:42:06.384863767Z"))).build());
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getUrl().queryParameter("filter"))
        .isEqualTo("greater-than(updated,2024-03-01T07:42:06.384863Z)");
  }

  // --- Inputs Klaviyo accepts are expressible ---

  @Test
  void updateProfileSendsLocaleAnonymousIdAndPatchProperties() throws Exception {
    // The request shape sent here is 2024-10-15's (anonymous_id on update_profile); later revisions changed it, and there the
    // same tree is refused before sending, which the build for those revisions shows.
    org.junit.jupiter.api.Assumptions.assumeTrue(
        io.github.kvsdk.klaviyo.KlaviyoClient.DEFAULT_REVISION.equals("2024-10-15"));
    respond(200, PROFILE_RESULT);
    klaviyo.profiles().update("P1", ProfileAttributes.builder().locale("en-US").anonymousId("anon-1")
        .appendProperties(Map.of("skus", "92538")).unappendProperties(Map.of("skus", "40571"))
        .unsetProperties("old_flag").build());
    Map<String, Object> sent = tree(sentBody());
    assertThat(at(sent, "data", "attributes")).isEqualTo(Map.of("locale", "en-US", "anonymous_id", "anon-1"));
    assertThat(at(sent, "data", "meta")).isEqualTo(Map.of("patch_properties", Map.of(
        "append", Map.of("skus", "92538"), "unappend", Map.of("skus", "40571"), "unset", "old_flag")));
  }

  @Test
  void patchPropertiesAndAnonymousIdAreRefusedWhereTheOperationHasNoPlaceForThem() {
    assertThatThrownBy(() -> klaviyo.profiles().create(ProfileAttributes.builder().email("a@example.com")
            .unsetProperties("x").build()))
        .isInstanceOf(KlaviyoValidationException.class).hasMessageContaining("Update Profile only");
    assertThatThrownBy(() -> klaviyo.profiles().create(ProfileAttributes.builder().email("a@example.com")
            .anonymousId("anon").build()))
        .isInstanceOf(KlaviyoValidationException.class).hasMessageContaining("data.attributes.anonymous_id");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void eventsCanReferToAnExistingProfileById() throws Exception {
    server.enqueue(new MockResponse.Builder().code(202).build());
    server.enqueue(new MockResponse.Builder().code(202).build());
    NewEvent event = NewEvent.builder().metricName("Viewed").profileId("01GDDKASAP8TKDDA2GRZDSVP4H").build();
    klaviyo.events().create(event);
    assertThat(at(tree(sentBody()), "data", "attributes", "profile", "data"))
        .isEqualTo(Map.of("type", "profile", "id", "01GDDKASAP8TKDDA2GRZDSVP4H", "attributes", Map.of()));
    klaviyo.events().bulkCreate(List.of(event));
    assertThat(at(tree(sentBody()), "data", "attributes", "events-bulk-create", "data", "0", "attributes",
        "profile", "data", "id")).isEqualTo("01GDDKASAP8TKDDA2GRZDSVP4H");
    assertThatThrownBy(() -> NewEvent.builder().metricName("Viewed").build())
        .isInstanceOf(KlaviyoValidationException.class).hasMessageContaining("profile id");
  }

  @Test
  void subscribeSendsConsentTimeHistoricalImportAndCustomSource() throws Exception {
    server.enqueue(new MockResponse.Builder().code(202).build());
    klaviyo.profiles().subscribe("L1",
        List.of(ProfileSubscription.email("a@example.com").consentedAt(Instant.parse("2023-05-01T10:00:00Z"))),
        SubscriptionOptions.builder().historicalImport(true).customSource("Store signup").build());
    Map<String, Object> sent = tree(sentBody());
    assertThat(at(sent, "data", "attributes", "historical_import")).isEqualTo(true);
    assertThat(at(sent, "data", "attributes", "custom_source")).isEqualTo("Store signup");
    assertThat(at(sent, "data", "attributes", "profiles", "data", "0", "attributes", "subscriptions", "email",
        "marketing")).isEqualTo(Map.of("consent", "SUBSCRIBED", "consented_at", "2023-05-01T10:00:00Z"));
  }

  @Test
  void consentTimesFollowKlaviyosHistoricalImportRule() {
    ProfileSubscription dated = ProfileSubscription.email("a@example.com").consentedAt(Instant.EPOCH);
    assertThatThrownBy(() -> klaviyo.profiles().subscribe(List.of(dated)))
        .isInstanceOf(KlaviyoValidationException.class).hasMessageContaining("historical import");
    assertThatThrownBy(() -> klaviyo.profiles().subscribe("L1", List.of(ProfileSubscription.email("b@example.com")),
            SubscriptionOptions.builder().historicalImport(true).build()))
        .isInstanceOf(KlaviyoValidationException.class).hasMessageContaining("consent time");
    assertThatThrownBy(() -> klaviyo.profiles().unsubscribe(List.of(dated)))
        .isInstanceOf(KlaviyoValidationException.class).hasMessageContaining("Subscribe Profiles only");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aMistypedKeyInACampaignTreeIsNamedBeforeSending() {
    // The request shape sent here is 2024-10-15's (the send_strategy.options_static shape); later revisions changed it, and there the
    // same tree is refused before sending, which the build for those revisions shows.
    org.junit.jupiter.api.Assumptions.assumeTrue(
        io.github.kvsdk.klaviyo.KlaviyoClient.DEFAULT_REVISION.equals("2024-10-15"));
    Map<String, Object> message = Map.of("channel", "email", "labl", "Main",
        "content", Map.of("subject", "Hi", "from_email", "s@example.com", "from_label", "Store"));
    assertThatThrownBy(() -> klaviyo.campaigns().create(CampaignAttributes.builder().name("C")
            .includedAudiences(List.of("L1")).messages(List.of(message)).build()))
        .isInstanceOf(KlaviyoValidationException.class)
        .hasMessageContaining("data.attributes.campaign-messages.data[0].attributes.labl");
    assertThatThrownBy(() -> klaviyo.campaigns().update("C1", CampaignAttributes.builder()
            .sendStrategy(Map.of("method", "static", "options_static", Map.of("datetim", "2030-01-01T10:00:00Z")))
            .build()))
        .isInstanceOf(KlaviyoValidationException.class)
        .hasMessageContaining("data.attributes.send_strategy.options_static.datetim");
    assertThatThrownBy(() -> klaviyo.campaigns().update("C1", CampaignAttributes.builder()
            .trackingOptions(Map.of("is_tracking_clickz", true)).build()))
        .isInstanceOf(KlaviyoValidationException.class)
        .hasMessageContaining("data.attributes.tracking_options.is_tracking_clickz");
    assertThatThrownBy(() -> klaviyo.campaigns().update("C1", CampaignAttributes.builder()
            .sendOptions(Map.of("use_smart_sendin", true)).build()))
        .isInstanceOf(KlaviyoValidationException.class)
        .hasMessageContaining("data.attributes.send_options.use_smart_sendin");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void validCampaignTreesPass() throws Exception {
    // The request shape sent here is 2024-10-15's (the send_strategy.options_static shape); later revisions changed it, and there the
    // same tree is refused before sending, which the build for those revisions shows.
    org.junit.jupiter.api.Assumptions.assumeTrue(
        io.github.kvsdk.klaviyo.KlaviyoClient.DEFAULT_REVISION.equals("2024-10-15"));
    respond(200, "{\"data\":{\"type\":\"campaign\",\"id\":\"C1\",\"attributes\":{}}}");
    klaviyo.campaigns().update("C1", CampaignAttributes.builder()
        .sendStrategy(Map.of("method", "static", "options_static", Map.of("datetime", "2030-01-01T10:00:00Z")))
        .sendOptions(Map.of("use_smart_sending", true))
        .trackingOptions(Map.of("is_tracking_clicks", true, "is_tracking_opens", true)).build());
    assertThat(at(tree(sentBody()), "data", "attributes", "tracking_options", "is_tracking_opens")).isEqualTo(true);
  }

  @Test
  void aMistypedKeyInASegmentConditionIsNamedBeforeSending() {
    List<Map<String, Object>> groups = List.of(Map.of("conditions", List.of(Map.of(
        "type", "profile-property", "property", "properties['plan']",
        "filter", Map.of("type", "string", "operator", "equals", "valeu", "gold")))));
    assertThatThrownBy(() -> klaviyo.segments().create("Gold", groups))
        .isInstanceOf(KlaviyoValidationException.class)
        .hasMessageContaining("valeu");
    assertThat(server.getRequestCount()).isZero();
  }

  // --- Defaults are visible, never triggered by null ---

  @Test
  void campaignListingsNeedAChannelUnlessTheDefaultIsAskedFor() throws Exception {
    assertThatThrownBy(() -> klaviyo.campaigns().list(null))
        .isInstanceOf(KlaviyoValidationException.class).hasMessageContaining("equals(messages.channel");
    assertThatThrownBy(() -> klaviyo.campaigns().list(QueryOptions.builder().sort("created_at").build()))
        .isInstanceOf(KlaviyoValidationException.class).hasMessageContaining("messages.channel");
    assertThatThrownBy(() -> klaviyo.campaigns().list(QueryOptions.builder()
            .filter(Filter.parse("equals(status,'Draft')")).build()))
        .isInstanceOf(KlaviyoValidationException.class).hasMessageContaining("messages.channel");
    assertThat(server.getRequestCount()).isZero();
    respond(200, "{\"data\":[],\"links\":{\"self\":\"x\"}}");
    klaviyo.campaigns().listAll().stream().count();
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getUrl().queryParameter("filter"))
        .isEqualTo("equals(messages.channel,\"sms\")");
  }

  @Test
  void createSegmentSendsTheStarredDefaultOnlyFromTheOverloadWithoutIt() throws Exception {
    List<Map<String, Object>> groups = List.of(Map.of("conditions", List.of(Map.of(
        "type", "profile-property", "property", "properties['plan']",
        "filter", Map.of("type", "string", "operator", "equals", "value", "gold")))));
    respond(201, "{\"data\":{\"type\":\"segment\",\"id\":\"S1\",\"attributes\":{}}}");
    respond(201, "{\"data\":{\"type\":\"segment\",\"id\":\"S2\",\"attributes\":{}}}");
    klaviyo.segments().create("Gold", groups);
    assertThat(at(tree(sentBody()), "data", "attributes", "is_starred")).isEqualTo(false);
    klaviyo.segments().create("Gold", groups, true);
    assertThat(at(tree(sentBody()), "data", "attributes", "is_starred")).isEqualTo(true);
  }

  // --- Bulk actions report progress ---

  @Test
  void bulkCreateReportsEveryJobAndKeepsGoingAfterAFailure() throws Exception {
    server.enqueue(new MockResponse.Builder().code(202).build());
    respond(400, "{\"errors\":[{\"id\":\"e\",\"status\":400,\"code\":\"invalid\",\"title\":\"Invalid input.\"}]}");
    server.enqueue(new MockResponse.Builder().code(202).build());
    BulkResult result = klaviyo.events().bulkCreate(events(2500));
    assertThat(result.jobs()).extracting(BulkJob::status)
        .containsExactly(BulkJob.Status.ACCEPTED, BulkJob.Status.FAILED, BulkJob.Status.ACCEPTED);
    assertThat(result.failed().get(0).error()).get().isInstanceOf(BadRequestException.class);
    assertThat(result.failed().get(0).firstItem()).isEqualTo(1000);
    assertThat(result.acceptedItems()).isEqualTo(1500);
    assertThat(result.allAccepted()).isFalse();
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void bulkCreateStopsOnTheFirstFailureWhenAsked() throws Exception {
    server.enqueue(new MockResponse.Builder().code(202).build());
    respond(400, "{\"errors\":[{\"id\":\"e\",\"status\":400,\"code\":\"invalid\",\"title\":\"Invalid input.\"}]}");
    BulkResult result = klaviyo.events().bulkCreate(events(2500), BulkOptions.builder().stopOnFailure(true).build());
    assertThat(result.jobs()).extracting(BulkJob::status)
        .containsExactly(BulkJob.Status.ACCEPTED, BulkJob.Status.FAILED, BulkJob.Status.NOT_SENT);
    assertThat(result.notDone()).hasSize(1);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void asyncSubscribeReportsEveryJob() throws Exception {
    for (int i = 0; i < 3; i++) server.enqueue(new MockResponse.Builder().code(202).build());
    List<ProfileSubscription> profiles = new ArrayList<>();
    for (int i = 0; i < 2500; i++) profiles.add(ProfileSubscription.email("p" + i + "@example.com"));
    BulkResult result = klaviyo.profiles().subscribeAsync("L1", profiles).get(10, TimeUnit.SECONDS);
    assertThat(result.accepted()).extracting(BulkJob::size).containsExactly(1000, 1000, 500);
    assertThat(result.allAccepted()).isTrue();
  }

  private static List<NewEvent> events(int count) {
    List<NewEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(NewEvent.builder().metricName("Viewed")
          .profile(ProfileAttributes.builder().email("p" + (i % 3) + "@example.com").build()).build());
    }
    return events;
  }
}
