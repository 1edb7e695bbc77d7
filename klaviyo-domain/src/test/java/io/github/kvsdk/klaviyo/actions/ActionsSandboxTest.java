package io.github.kvsdk.klaviyo.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.errors.NotFoundException;
import io.github.kvsdk.klaviyo.filter.Filter;
import io.github.kvsdk.klaviyo.filter.FilterValidationException;
import io.github.kvsdk.klaviyo.generated.model.GetListsResultData;
import io.github.kvsdk.klaviyo.generated.model.GetProfilesResultData;
import io.github.kvsdk.klaviyo.generated.model.MetricResponseObjectResource;
import io.github.kvsdk.klaviyo.generated.model.ProfileResponseObjectResource;
import io.github.kvsdk.klaviyo.paging.Page;
import io.github.kvsdk.klaviyo.query.QueryOptions;
import io.github.kvsdk.klaviyo.query.QueryValidationException;
import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import io.github.kvsdk.klaviyo.sandbox.resources.Resource;
import io.github.kvsdk.klaviyo.sandbox.seed.SeedPlan;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every documented action (Raw Request aside, which is {@code KlaviyoClient.raw()}),
 * end to end against the local Klaviyo emulator over real sockets.
 */
@Tag("sandbox") // runs against the sandbox; CI runs these for the pinned revision only
final class ActionsSandboxTest {
  static final byte[] PNG = Base64.getDecoder().decode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

  static KlaviyoSandbox sandbox;
  static KlaviyoClient client;
  static KlaviyoActions klaviyo;

  @BeforeAll
  static void start() {
    sandbox = KlaviyoSandbox.builder()
        .seed(SeedPlan.builder().profiles(25).lists(12).segments(2).events(30).campaigns(4).templates(3).images(2)
            .build())
        .rateLimits(false)
        .start();
    client = KlaviyoClient.builder().apiKey(sandbox.defaultApiKey()).baseUrl(sandbox.baseUrl()).build();
    klaviyo = client.actions();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static String anyId(String type) {
    return sandbox.state().table(type).all().get(0).id();
  }

  private static String newCampaign(String name, String channel) {
    return klaviyo.campaigns().create(CampaignAttributes.builder()
        .name(name)
        .messages(List.of(Map.of("channel", channel, "label", "Main",
            "content", Map.of("subject", "Hello", "from_email", "store@example.com", "from_label", "Store"))))
        .includedAudiences(List.of(anyId("list")))
        .sendStrategy(Map.of("method", "static", "options_static", Map.of("datetime", "2030-01-01T10:00:00+00:00")))
        .sendOptions(Map.of("use_smart_sending", true))
        .trackingOptions(Map.of("is_tracking_clicks", true, "is_tracking_opens", true))
        .build()).getData().getId();
  }

  private static List<Map<String, Object>> goldMembers() {
    return List.of(Map.of("conditions", List.of(Map.of("type", "profile-property", "property", "properties['plan']",
        "filter", Map.of("type", "string", "operator", "equals", "value", "gold")))));
  }

  // --- Lists ---

  @Test
  void createListDefaultsToNewsletter() {
    String id = klaviyo.lists().create().getData().getId();
    assertThat(sandbox.state().lists().get(id).orElseThrow().attributes()).containsEntry("name", "Newsletter");
    String named = klaviyo.lists().create("VIP").getData().getId();
    assertThat(sandbox.state().lists().get(named).orElseThrow().attributes()).containsEntry("name", "VIP");
  }

  @Test
  void createListAsyncCompletesWithTheList() throws Exception {
    String id = klaviyo.lists().createAsync("Async list").get(10, TimeUnit.SECONDS).getData().getId();
    assertThat(sandbox.state().lists().contains(id)).isTrue();
  }

  @Test
  void getListWithFields() {
    String id = anyId("list");
    assertThat(klaviyo.lists().get(id, QueryOptions.builder().fields("list", "name").build()).getData().getId())
        .isEqualTo(id);
    assertThatThrownBy(() -> klaviyo.lists().get(id, QueryOptions.builder().fields("list", "nmae").build()))
        .isInstanceOf(QueryValidationException.class)
        .hasMessageContaining("fields[list]");
  }

  @Test
  void listListsPagesThroughEveryList() {
    Page<GetListsResultData> first = klaviyo.lists().list(QueryOptions.none());
    assertThat(first.data()).hasSize(10);
    assertThat(first.hasNextPage()).isTrue();
    List<String> all = new ArrayList<>();
    klaviyo.lists().listAll(QueryOptions.none()).forEach(l -> all.add(l.getId()));
    assertThat(all).doesNotHaveDuplicates().hasSize(sandbox.state().lists().count());
  }

  @Test
  void updateListDefaultsToNewsletter() {
    String id = klaviyo.lists().create("Old name").getData().getId();
    klaviyo.lists().update(id, "New name");
    assertThat(sandbox.state().lists().get(id).orElseThrow().attributes()).containsEntry("name", "New name");
    klaviyo.lists().update(id);
    assertThat(sandbox.state().lists().get(id).orElseThrow().attributes()).containsEntry("name", "Newsletter");
  }

  @Test
  void anExplicitNullListNameIsRefusedInsteadOfSilentlyUsingTheDefault() {
    String id = klaviyo.lists().create("Kept name").getData().getId();
    long lists = sandbox.state().lists().count();
    assertThatThrownBy(() -> klaviyo.lists().update(id, null))
        .isInstanceOf(KlaviyoValidationException.class).hasMessageContaining("name");
    assertThatThrownBy(() -> klaviyo.lists().create(null))
        .isInstanceOf(KlaviyoValidationException.class).hasMessageContaining("name");
    assertThat(sandbox.state().lists().get(id).orElseThrow().attributes()).containsEntry("name", "Kept name");
    assertThat(sandbox.state().lists().count()).isEqualTo(lists);
  }

  @Test
  void deleteList() {
    String id = klaviyo.lists().create("Disposable").getData().getId();
    klaviyo.lists().delete(id);
    assertThat(sandbox.state().lists().contains(id)).isFalse();
    assertThatThrownBy(() -> klaviyo.lists().delete(id)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void listListProfilesReturnsTheMembers() {
    String listId = klaviyo.lists().create("Members").getData().getId();
    klaviyo.profiles().subscribe(listId, List.of(ProfileSubscription.email("member1@example.com"),
        ProfileSubscription.email("member2@example.com")));
    List<String> emails = new ArrayList<>();
    klaviyo.lists().allProfiles(listId, QueryOptions.builder().fields("profile", "email").build())
        .forEach(p -> emails.add((String) sandbox.state().profiles().get(p.getId()).orElseThrow().attribute("email")));
    assertThat(emails).containsExactlyInAnyOrder("member1@example.com", "member2@example.com");
  }

  // --- Profiles ---

  @Test
  void createProfileSendsEveryAttribute() {
    String id = klaviyo.profiles().create(ProfileAttributes.builder()
        .email("create@example.com").phoneNumber("+15005550006").externalId("ext-1")
        .firstName("Grace").lastName("Hopper").organization("Navy").title("Admiral")
        .image("https://example.com/g.png").location(Map.of("city", "Arlington", "country", "US"))
        .properties(Map.of("rank", "RADM")).build()).getData().getId();
    Map<String, Object> stored = sandbox.state().profiles().get(id).orElseThrow().attributes();
    assertThat(stored).containsEntry("email", "create@example.com").containsEntry("external_id", "ext-1")
        .containsEntry("first_name", "Grace").containsEntry("title", "Admiral");
    assertThat(stored.get("properties")).isEqualTo(Map.of("rank", "RADM"));
  }

  @Test
  void createProfileNeedsAnIdentifierBeforeSending() {
    long before = sandbox.requests().total();
    assertThatThrownBy(() -> klaviyo.profiles().create(ProfileAttributes.builder().firstName("Anon").build()))
        .isInstanceOf(KlaviyoValidationException.class)
        .hasMessageContaining("profile");
    assertThatThrownBy(() -> ProfileAttributes.builder().phoneNumber("555-1234"))
        .isInstanceOf(KlaviyoValidationException.class)
        .hasMessageContaining("E.164");
    assertThat(sandbox.requests().total()).isEqualTo(before);
  }

  @Test
  void getProfileWithAdditionalFields() {
    String id = anyId("profile");
    var profile = klaviyo.profiles().get(id,
        QueryOptions.builder().fields("profile", "email").additionalFields("profile", "subscriptions").build());
    assertThat(profile.getData().getId()).isEqualTo(id);
  }

  @Test
  void listProfilePagesWithFilterSortAndPageSize() {
    List<String> ids = new ArrayList<>();
    for (GetProfilesResultData p : klaviyo.profiles().listAll(QueryOptions.builder()
        .filter(Filter.greaterThan("created", Instant.parse("2000-01-01T00:00:00Z")))
        .sort("created").pageSize(7).build())) {
      ids.add(p.getId());
    }
    assertThat(ids).doesNotHaveDuplicates().hasSize(sandbox.state().profiles().count());
    assertThatThrownBy(() -> klaviyo.profiles().list(QueryOptions.builder()
        .filter(Filter.greaterOrEqual("created", Instant.EPOCH)).build()))
        .isInstanceOf(FilterValidationException.class)
        .hasMessageContaining("greater-or-equal");
  }

  @Test
  void updateProfileChangesOnlyTheGivenAttributes() {
    String id = klaviyo.profiles().create(ProfileAttributes.builder().email("update@example.com").firstName("Ann")
        .build()).getData().getId();
    klaviyo.profiles().update(id, ProfileAttributes.builder().lastName("Lee").build());
    assertThat(sandbox.state().profiles().get(id).orElseThrow().attributes())
        .containsEntry("first_name", "Ann").containsEntry("last_name", "Lee");
  }

  @Test
  void subscribeAndUnsubscribeProfiles() {
    String listId = anyId("list");
    BulkResult subscribed = klaviyo.profiles().subscribe(listId, List.of(ProfileSubscription.email("sub@example.com"),
        ProfileSubscription.emailAndSms("both@example.com", "+15005550007")));
    assertThat(subscribed.jobs()).hasSize(1);
    assertThat(subscribed.allAccepted()).isTrue();
    assertThat(subscribed.acceptedItems()).isEqualTo(2);
    assertThat(emailConsent("sub@example.com")).isEqualTo("SUBSCRIBED");
    assertThat(emailConsent("both@example.com")).isEqualTo("SUBSCRIBED");

    assertThat(klaviyo.profiles().unsubscribe(listId, List.of(ProfileSubscription.email("sub@example.com")))
        .accepted()).hasSize(1);
    assertThat(emailConsent("sub@example.com")).isEqualTo("UNSUBSCRIBED");
    assertThat(emailConsent("both@example.com")).isEqualTo("SUBSCRIBED");
  }

  @Test
  void unsubscribeSplitsIntoJobsOfAHundred() {
    List<ProfileSubscription> many = new ArrayList<>();
    for (int i = 0; i < 150; i++) many.add(ProfileSubscription.email("bulk" + i + "@example.com"));
    BulkResult result = klaviyo.profiles().unsubscribe(many);
    assertThat(result.accepted()).extracting(BulkJob::size).containsExactly(100, 50);
  }

  @Test
  void updateProfileWithAnExplicitNullClearsTheField() {
    String id = klaviyo.profiles().create(ProfileAttributes.builder().email("clear@example.com").title("CTO")
        .firstName("Cy").build()).getData().getId();
    assertThat(sandbox.state().profiles().get(id).orElseThrow().attributes()).containsEntry("title", "CTO");
    klaviyo.profiles().update(id, ProfileAttributes.builder().title(null).build());
    Map<String, Object> after = sandbox.state().profiles().get(id).orElseThrow().attributes();
    assertThat(after.get("title")).isNull();
    assertThat(after).containsEntry("first_name", "Cy");
  }

  @Test
  @SuppressWarnings("unchecked")
  void updateProfilePatchesProperties() {
    String id = klaviyo.profiles().create(ProfileAttributes.builder().email("patch@example.com")
        .properties(Map.of("skus", List.of("1"), "old", "x")).build()).getData().getId();
    klaviyo.profiles().update(id, ProfileAttributes.builder().locale("en-GB")
        .appendProperties(Map.of("skus", "2")).unsetProperties("old").build());
    Map<String, Object> after = sandbox.state().profiles().get(id).orElseThrow().attributes();
    assertThat(after).containsEntry("locale", "en-GB");
    assertThat((Map<String, Object>) after.get("properties")).isEqualTo(Map.of("skus", List.of("1", "2")));
  }

  @Test
  void eventValueKeepsEveryDigitInTheSandbox() {
    klaviyo.events().create(NewEvent.builder().metricName("Big Order (sdk)")
        .profile(ProfileAttributes.builder().email("big@example.com").build())
        .value(new BigDecimal("12345678901234567.89")).uniqueId("sdk-big-1").build());
    Resource event = sandbox.state().events().all().stream()
        .filter(e -> "sdk-big-1".equals(e.attributes().get("uuid"))).findFirst().orElseThrow();
    assertThat(new BigDecimal(String.valueOf(((Map<?, ?>) event.attributes().get("event_properties")).get("$value"))))
        .isEqualByComparingTo("12345678901234567.89");
  }

  @SuppressWarnings("unchecked")
  private static Object emailConsent(String email) {
    String id = sandbox.state().findProfileId(email, null, null);
    Map<String, Object> subs =
        (Map<String, Object>) sandbox.state().profiles().get(id).orElseThrow().attributes().get("subscriptions");
    return ((Map<String, Object>) ((Map<String, Object>) subs.get("email")).get("marketing")).get("consent");
  }

  // --- Events ---

  @Test
  void createEvent() {
    klaviyo.events().create(NewEvent.builder().metricName("Placed Order (sdk)")
        .profile(ProfileAttributes.builder().email("event@example.com").build())
        .properties(Map.of("order", "1001")).time(Instant.parse("2024-03-01T09:30:15Z"))
        .value(new BigDecimal("42.5")).valueCurrency("USD").uniqueId("sdk-order-1001").build());
    Resource event = sandbox.state().events().all().stream()
        .filter(e -> "sdk-order-1001".equals(e.attributes().get("uuid"))).findFirst().orElseThrow();
    assertThat(event.attributes().get("timestamp")).isEqualTo(1709285415L);
    assertThat(sandbox.state().findProfileId("event@example.com", null, null)).isNotNull();
  }

  @Test
  void bulkCreateEventsGroupsByProfile() {
    int before = sandbox.state().events().count();
    List<NewEvent> events = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      events.add(NewEvent.builder().metricName("Bulk Metric (sdk)")
          .profile(ProfileAttributes.builder().email("bulk" + (i % 2) + "@example.com").build())
          .properties(Map.of("n", i)).build());
    }
    assertThat(klaviyo.events().bulkCreate(events).accepted()).hasSize(1);
    assertThat(sandbox.state().events().count()).isEqualTo(before + 5);
    Map<String, Object> document = Events.bulkDocument(events);
    assertThat(document.toString()).contains("bulk0@example.com", "bulk1@example.com");
  }

  @Test
  void getEventWithFields() {
    String id = anyId("event");
    assertThat(klaviyo.events().get(id, QueryOptions.builder().fields("event", "datetime").include("metric").build())
        .getData().getId()).isEqualTo(id);
  }

  @Test
  void listEventsIteratesEveryEvent() {
    long count = klaviyo.events().listAll(QueryOptions.builder().sort("-datetime").build()).stream().count();
    assertThat(count).isEqualTo(sandbox.state().events().count());
  }

  @Test
  void includedResourcesResolveToGeneratedModelsByTheirType() {
    var page = klaviyo.events().list(QueryOptions.builder().include("metric", "profile").build());
    assertThat(page.included().types()).containsExactlyInAnyOrder("metric", "profile");
    List<MetricResponseObjectResource> metrics = page.included().ofType(MetricResponseObjectResource.class);
    assertThat(metrics).isNotEmpty()
        .allSatisfy(m -> assertThat(sandbox.state().metrics().contains(m.getId())).isTrue());
    assertThat(page.included().ofType(ProfileResponseObjectResource.class))
        .allSatisfy(p -> assertThat(sandbox.state().profiles().contains(p.getId())).isTrue());
    assertThat(page.included().resolved())
        .allSatisfy(r -> assertThat(r).isInstanceOfAny(MetricResponseObjectResource.class,
            ProfileResponseObjectResource.class));
  }

  // --- Campaigns ---

  @Test
  void createAndGetCampaign() {
    String id = newCampaign("Spring sale", "email");
    var campaign = klaviyo.campaigns().get(id, QueryOptions.builder().include("campaign-messages").build());
    assertThat(campaign.getData().getId()).isEqualTo(id);
    assertThat(sandbox.state().campaigns().get(id).orElseThrow().attributes()).containsEntry("name", "Spring sale");
  }

  @Test
  void listCampaignsDefaultsToTheSmsChannel() {
    String sms = newCampaign("Text blast", "sms");
    String email = newCampaign("Mail blast", "email");
    List<String> ids = new ArrayList<>();
    klaviyo.campaigns().listAll().forEach(c -> ids.add(c.getId()));
    assertThat(ids).contains(sms).doesNotContain(email);
  }

  @Test
  void updateCampaign() {
    String id = newCampaign("Before", "email");
    klaviyo.campaigns().update(id, CampaignAttributes.builder().name("After").build());
    assertThat(sandbox.state().campaigns().get(id).orElseThrow().attributes()).containsEntry("name", "After");
  }

  @Test
  void deleteCampaign() {
    String id = newCampaign("To delete", "sms");
    klaviyo.campaigns().delete(id);
    assertThatThrownBy(() -> klaviyo.campaigns().get(id)).isInstanceOf(NotFoundException.class);
  }

  // --- Segments ---

  @Test
  void createSegmentIsNotStarredByDefault() {
    String id = klaviyo.segments().create("Gold members", goldMembers()).getData().getId();
    assertThat(sandbox.state().segments().get(id).orElseThrow().attributes()).containsEntry("is_starred", false);
  }

  @Test
  void getListUpdateAndDeleteSegment() {
    String id = klaviyo.segments().create("Gold", goldMembers(), true).getData().getId();
    assertThat(klaviyo.segments().get(id).getData().getId()).isEqualTo(id);
    assertThat(klaviyo.segments().listAll(QueryOptions.none()).stream().map(s -> s.getId())).contains(id);
    klaviyo.segments().update(id, "Platinum", null, false);
    assertThat(sandbox.state().segments().get(id).orElseThrow().attributes())
        .containsEntry("name", "Platinum").containsEntry("is_starred", false);
    klaviyo.segments().delete(id);
    assertThat(sandbox.state().segments().contains(id)).isFalse();
  }

  // --- Templates ---

  @Test
  void createGetListUpdateAndDeleteTemplate() {
    String id = klaviyo.templates().create("Welcome", "CODE", "<html><body>Hi</body></html>", "Hi").getData().getId();
    assertThat(klaviyo.templates().get(id).getData().getId()).isEqualTo(id);
    assertThat(klaviyo.templates().listAll(QueryOptions.none()).stream().map(t -> t.getId())).contains(id);
    klaviyo.templates().update(id, TemplateAttributes.builder().name("Welcome v2").build());
    assertThat(sandbox.state().templates().get(id).orElseThrow().attributes()).containsEntry("name", "Welcome v2");
    klaviyo.templates().delete(id);
    assertThat(sandbox.state().templates().contains(id)).isFalse();
    assertThatThrownBy(() -> klaviyo.templates().create("X", "DRAG_AND_DROP", "<p/>", null))
        .isInstanceOf(KlaviyoValidationException.class)
        .hasMessageContaining("CODE");
  }

  // --- Images ---

  @Test
  void uploadImageFromADataUriAndFromBytes() {
    String fromUri = klaviyo.images().uploadFromUrl(
        "data:image/png;base64," + Base64.getEncoder().encodeToString(PNG), "pixel-uri").getData().getId();
    String fromBytes = klaviyo.images().upload(null, PNG, "pixel-file").getId();
    assertThat(klaviyo.images().get(fromUri).getData().getId()).isEqualTo(fromUri);
    assertThat(sandbox.state().table("image").get(fromBytes).orElseThrow().attributes())
        .containsEntry("name", "pixel-file");
    assertThatThrownBy(() -> klaviyo.images().upload(null, "not an image".getBytes(), "x"))
        .isInstanceOf(KlaviyoValidationException.class)
        .hasMessageContaining("JPEG, PNG or GIF");
  }

  @Test
  void listAndUpdateImages() {
    String id = anyId("image");
    assertThat(klaviyo.images().listAll(QueryOptions.builder().pageSize(1).build()).stream().map(i -> i.getId()))
        .contains(id);
    klaviyo.images().update(id, "renamed", true);
    assertThat(sandbox.state().table("image").get(id).orElseThrow().attributes())
        .containsEntry("name", "renamed").containsEntry("hidden", true);
  }

  // --- Accounts ---

  @Test
  void getAndListAccounts() {
    String id = sandbox.account().id();
    assertThat(klaviyo.accounts().get(id, QueryOptions.builder().fields("account", "timezone").build())
        .getData().getId()).isEqualTo(id);
    assertThat(klaviyo.accounts().list(QueryOptions.none()).getData()).extracting(a -> a.getId()).containsExactly(id);
  }
}
