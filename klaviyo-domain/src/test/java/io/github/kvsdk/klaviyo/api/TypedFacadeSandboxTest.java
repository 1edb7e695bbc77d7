package io.github.kvsdk.klaviyo.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.api.events.GetEventsParams;
import io.github.kvsdk.klaviyo.api.metrics.GetMetricsParams;
import io.github.kvsdk.klaviyo.api.profiles.GetProfileParams;
import io.github.kvsdk.klaviyo.api.profiles.GetProfilesParams;
import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.filter.Filter;
import io.github.kvsdk.klaviyo.generated.model.ProfileResponseObjectResource;
import io.github.kvsdk.klaviyo.paging.Page;
import io.github.kvsdk.klaviyo.query.QueryValidationException;
import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import io.github.kvsdk.klaviyo.sandbox.seed.SeedPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated typed facade, end to end against the sandbox, written as a newcomer would. */
@Tag("sandbox") // runs against the sandbox; CI runs these for the pinned revision only
final class TypedFacadeSandboxTest {
  static KlaviyoSandbox sandbox;
  static KlaviyoClient client;

  @BeforeAll
  static void start() {
    sandbox = KlaviyoSandbox.builder().seed(SeedPlan.builder().profiles(30).events(400).build()).rateLimits(false)
        .start();
    client = KlaviyoClient.builder().apiKey(sandbox.defaultApiKey()).baseUrl(sandbox.baseUrl()).build();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void findTheMetricNamedPlacedOrderAndListItsEventsWithTheirProfiles() {
    // 1. Find the metric by name: get_metrics cannot filter on name, so page through the metrics.
    String metricId = null;
    for (var metric : client.metrics().getMetricsAutoPager(GetMetricsParams.builder().build())) {
      if ("Placed Order".equals(metric.getAttributes().getName())) metricId = metric.getId();
    }
    assertThat(metricId).as("the sandbox seeds a Placed Order metric").isNotNull();

    // 2. Its events, with the profile of each included and resolved.
    int events = 0;
    Set<String> profilesSeen = new HashSet<>();
    for (var page : client.events().getEventsAutoPager(GetEventsParams.builder()
        .filter(Filter.equalTo("metric_id", metricId))
        .include("profile")
        .build()).pages()) {
      for (var event : page.data()) {
        String profileId = event.getRelationships().getProfile().getData().getId();
        ProfileResponseObjectResource profile =
            page.included().find(ProfileResponseObjectResource.class, profileId).orElseThrow();
        assertThat(profile.getId()).isEqualTo(profileId);
        profilesSeen.add(profileId);
        events++;
      }
    }
    String placedOrder = metricId;
    long expected = sandbox.state().events().all().stream()
        .filter(e -> e.related("metric").contains(placedOrder)).count();
    assertThat(events).isPositive().isEqualTo((int) expected);
    assertThat(profilesSeen).isNotEmpty();
  }

  @Test
  void everyListingPagesThroughTheCursorWithTheTypedPage() {
    List<String> ids = new ArrayList<>();
    Page<?> page = client.profiles().getProfiles(GetProfilesParams.builder().pageSize(7).sort("created").build());
    assertThat(page.data()).hasSize(7);
    client.profiles().getProfilesAutoPager(GetProfilesParams.builder().pageSize(7).build()).prefetching()
        .forEach(p -> ids.add(p.getId()));
    assertThat(ids).hasSize(30).doesNotHaveDuplicates();
  }

  @Test
  void asyncVariantsCompleteWithTheSameResult() throws Exception {
    String id = client.profiles().getProfiles().data().get(0).getId();
    var sync = client.profiles().getProfile(GetProfileParams.builder().id(id).build());
    var async = client.profiles().getProfileAsync(GetProfileParams.builder().id(id).build()).get();
    assertThat(async.getData().getId()).isEqualTo(sync.getData().getId()).isEqualTo(id);
  }

  @Test
  void asyncPagingWalksATypedListingWithoutBlocking() throws Exception {
    // The first page and each next page arrive as futures; no thread waits for a response.
    List<String> ids = new java.util.concurrent.CopyOnWriteArrayList<>();
    var first = client.profiles().getProfilesAsync(GetProfilesParams.builder().pageSize(9).build());
    var done = first.thenCompose(page -> walk(page, ids));
    done.get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(ids).hasSize(30).doesNotHaveDuplicates();
  }

  private static <T extends io.github.kvsdk.klaviyo.generated.model.GetProfilesResultData>
      java.util.concurrent.CompletableFuture<Void> walk(Page<T> page, List<String> ids) {
    page.data().forEach(p -> ids.add(p.getId()));
    return page.hasNextPage()
        ? page.nextPageAsync().thenCompose(next -> walk(next, ids))
        : java.util.concurrent.CompletableFuture.completedFuture(null);
  }

  @Test
  void queryValuesAreCheckedBeforeSendingUnlessSkipped() {
    long before = sandbox.requests().total();
    assertThatThrownBy(() -> client.profiles().getProfiles(GetProfilesParams.builder().sort("colour").build()))
        .isInstanceOf(QueryValidationException.class).hasMessageContaining("colour");
    assertThat(sandbox.requests().total()).isEqualTo(before);
    // Skipped: the request is sent and Klaviyo's (here the sandbox's) answer decides.
    assertThatThrownBy(() -> client.profiles().getProfiles(GetProfilesParams.builder().sort("colour").build(),
        RequestOptions.builder().skipValidation().build()))
        .isNotInstanceOf(QueryValidationException.class);
    assertThat(sandbox.requests().total()).isEqualTo(before + 1);
  }

  @Test
  void requiredInputsAndDotPathValuesAreRefusedByTheBuilder() {
    assertThatThrownBy(() -> GetProfileParams.builder().build())
        .isInstanceOf(KlaviyoValidationException.class).hasMessageContaining("id");
    assertThatThrownBy(() -> GetProfileParams.builder().id("..").build())
        .isInstanceOf(KlaviyoValidationException.class).hasMessageContaining("'..'");
  }

  @Test
  void requestOptionsApplyToOneRequest() {
    var page = client.profiles().getProfiles(GetProfilesParams.builder().pageSize(2).build(),
        RequestOptions.builder().callTimeout(Duration.ofSeconds(5)).build());
    assertThat(page.data()).hasSize(2);
  }
}
