package io.github.kvsdk.klaviyo.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.generated.model.GetEventsResultData;
import io.github.kvsdk.klaviyo.generated.model.MetricResponseObjectResource;
import io.github.kvsdk.klaviyo.paging.Page;
import io.github.kvsdk.klaviyo.query.QueryOptions;
import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import io.github.kvsdk.klaviyo.sandbox.seed.SeedPlan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Typed listings through {@code listAll(...).prefetching()}, end to end against the sandbox. */
@Tag("sandbox") // runs against the sandbox; CI runs these for the pinned revision only
final class PrefetchingSandboxTest {
  static KlaviyoSandbox sandbox;
  static KlaviyoActions klaviyo;

  @BeforeAll
  static void start() {
    // 450 events: three pages at get_events' fixed 200 per page.
    sandbox = KlaviyoSandbox.builder().seed(SeedPlan.builder().profiles(40).events(450).build()).rateLimits(false)
        .start();
    klaviyo = KlaviyoClient.builder().apiKey(sandbox.defaultApiKey()).baseUrl(sandbox.baseUrl()).build()
        .actions();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void prefetchingListsTheSameProfilesInTheSameOrder() {
    QueryOptions options = QueryOptions.builder().sort("created").pageSize(3).build();
    List<String> lazy = new ArrayList<>();
    klaviyo.profiles().listAll(options).forEach(p -> lazy.add(p.getId()));
    List<String> prefetched = new ArrayList<>();
    klaviyo.profiles().listAll(options).prefetching().forEach(p -> prefetched.add(p.getId()));
    assertThat(prefetched).hasSize(40).doesNotHaveDuplicates().isEqualTo(lazy);
  }

  @Test
  void prefetchedPagesBindTypedResourcesAndResolveTheirIncludedOnes() {
    List<Integer> sizes = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Page<GetEventsResultData> page : klaviyo.events()
        .listAll(QueryOptions.builder().include("metric").sort("-datetime").build()).prefetching().pages()) {
      sizes.add(page.data().size());
      page.data().forEach(e -> ids.add(e.getId()));
      List<MetricResponseObjectResource> metrics = page.included().ofType(MetricResponseObjectResource.class);
      assertThat(metrics).isNotEmpty()
          .allSatisfy(m -> assertThat(sandbox.state().metrics().contains(m.getId())).isTrue());
    }
    assertThat(sizes).containsExactly(200, 200, 50);
    assertThat(ids).hasSize(450);
  }
}
