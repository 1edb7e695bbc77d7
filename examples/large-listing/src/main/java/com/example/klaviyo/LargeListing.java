package com.example.klaviyo;

import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.filter.Filter;
import io.github.kvsdk.klaviyo.filter.FilterValidationException;
import io.github.kvsdk.klaviyo.generated.model.GetProfilesResultData;
import io.github.kvsdk.klaviyo.paging.Page;
import io.github.kvsdk.klaviyo.query.QueryOptions;
import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;

/**
 * Walks a large listing: every profile page by page with the auto-pager (one page in memory at a time),
 * the same with the next page fetched in the background, a server-side filter and sort with an early stop,
 * and a filter the SDK refuses before sending because Get Profiles does not allow it.
 *
 * <p>Runs against an embedded sandbox seeded with 5,000 profiles unless {@code KLAVIYO_BASE_URL} (and {@code
 * KLAVIYO_API_KEY}) name another one. It only reads.
 */
public final class LargeListing {
  public static void main(String[] args) {
    String baseUrl = System.getenv("KLAVIYO_BASE_URL");
    KlaviyoSandbox sandbox = baseUrl == null ? KlaviyoSandbox.builder().seedProfiles(5_000).start() : null;
    String apiKey = System.getenv().getOrDefault("KLAVIYO_API_KEY", KlaviyoSandbox.DEFAULT_API_KEY);
    try (KlaviyoClient client = KlaviyoClient.builder()
        .apiKey(apiKey)
        .baseUrl(sandbox != null ? sandbox.baseUrl() : baseUrl)
        .build()) {
      QueryOptions allProfiles = QueryOptions.builder().pageSize(100).fields("profile", "email", "updated").build();

      // Lazily, page by page: the next page is requested when iteration passes the end of this one.
      int pages = 0;
      long profiles = 0;
      for (Page<GetProfilesResultData> page : client.profiles().listAll(allProfiles).pages()) {
        pages++;
        profiles += page.data().size();
      }
      System.out.printf("All profiles: %d in %d pages%n", profiles, pages);

      // Prefetching: the next page is on its way while this one is processed. Close the stream when done.
      try (Stream<GetProfilesResultData> all = client.profiles().listAll(allProfiles).prefetching().stream()) {
        long withEmail = all.filter(p -> p.getAttributes().getEmail() != null).count();
        System.out.printf("Prefetching: %d profiles with an email%n", withEmail);
      }

      // A filter and a sort run on the server; stopping early fetches no further pages.
      Instant since = Instant.now().minus(Duration.ofDays(30));
      QueryOptions recent = QueryOptions.builder()
          .filter(Filter.greaterThan("updated", since))
          .sortDescending("updated")
          .pageSize(20)
          .build();
      List<GetProfilesResultData> newest = client.profiles().listAll(recent).stream().limit(5).toList();
      System.out.println("The 5 most recently updated profiles:");
      for (GetProfilesResultData profile : newest) {
        OffsetDateTime updated = profile.getAttributes().getUpdated();
        System.out.println("  " + profile.getId() + " updated " + updated);
      }

      // Get Profiles filters first_name with no operator at all: refused before any request is sent.
      try {
        client.profiles().listAll(QueryOptions.builder().filter(Filter.equalTo("first_name", "Ada")).build())
            .iterator().hasNext();
      } catch (FilterValidationException e) {
        System.out.println("Refused before sending: " + e.getMessage());
      }
    } finally {
      if (sandbox != null) sandbox.close();
    }
  }
}
