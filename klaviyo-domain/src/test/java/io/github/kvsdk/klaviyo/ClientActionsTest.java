package io.github.kvsdk.klaviyo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.actions.KlaviyoActions;
import io.github.kvsdk.klaviyo.actions.ProfileAttributes;
import io.github.kvsdk.klaviyo.query.QueryOptions;
import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import io.github.kvsdk.klaviyo.testing.TestKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The action facades reachable directly on {@link KlaviyoClient}. */
@Tag("sandbox") // runs against the sandbox; CI runs these for the pinned revision only
final class ClientActionsTest {
  @StartStop private final MockWebServer server = new MockWebServer();

  private KlaviyoClient client() {
    return KlaviyoClient.builder().apiKey(TestKeys.API_KEY).baseUrl(server.url("/")).rateLimiting(false).build();
  }

  @Test
  void everyFacadeIsTheOneOfTheCachedActionSet() {
    KlaviyoClient client = client();
    KlaviyoActions actions = client.actions();

    assertThat(client.actions()).isSameAs(actions);
    assertThat(client.accounts()).isSameAs(actions.accounts());
    assertThat(client.campaigns()).isSameAs(actions.campaigns());
    assertThat(client.events()).isSameAs(actions.events());
    assertThat(client.images()).isSameAs(actions.images());
    assertThat(client.lists()).isSameAs(actions.lists());
    assertThat(client.profiles()).isSameAs(actions.profiles());
    assertThat(client.segments()).isSameAs(actions.segments());
    assertThat(client.templates()).isSameAs(actions.templates());
  }

  @Test
  void concurrentFirstCallsCreateExactlyOneActionSet() throws Exception {
    int threads = 8;
    for (int round = 0; round < 20; round++) {
      KlaviyoClient client = client();
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<Object>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          boolean viaFacade = t % 2 == 0;
          results.add(pool.submit(() -> {
            start.await();
            // Half the threads arrive through a facade shortcut, half through actions().
            return viaFacade ? client.profiles() : client.actions().profiles();
          }));
        }
        start.countDown();
        Set<Object> distinct = ConcurrentHashMap.newKeySet();
        for (Future<Object> result : results) distinct.add(result.get(10, TimeUnit.SECONDS));
        assertThat(distinct).as("round %s", round).containsExactly(client.profiles());
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void derivedClientsBindTheirOwnActionsToTheirOwnSettings() throws Exception {
    KlaviyoClient client = client();
    KlaviyoClient pinned = client.withOptions(b -> b.revision("2025-01-15"));
    assertThat(pinned.actions()).isNotSameAs(client.actions());

    String created = "{\"data\":{\"type\":\"list\",\"id\":\"L1\",\"attributes\":{\"name\":\"Newsletter\"}}}";
    server.enqueue(new MockResponse.Builder().code(201).body(created).build());
    server.enqueue(new MockResponse.Builder().code(201).body(created).build());
    assertThat(pinned.lists().create().getData().getId()).isEqualTo("L1");
    assertThat(client.lists().create().getData().getId()).isEqualTo("L1");

    RecordedRequest viaPinned = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(viaPinned.getMethod()).isEqualTo("POST");
    assertThat(viaPinned.getUrl().encodedPath()).isEqualTo("/api/lists");
    assertThat(viaPinned.getHeaders().get("revision")).isEqualTo("2025-01-15");
    assertThat(viaPinned.getHeaders().get("Authorization")).isEqualTo("Klaviyo-API-Key " + TestKeys.API_KEY);
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("revision")).isEqualTo(io.github.kvsdk.klaviyo.KlaviyoClient.DEFAULT_REVISION);
  }

  @Test
  void profilesCreateAndGetRoundTripThroughTheSandbox() {
    try (KlaviyoSandbox sandbox = KlaviyoSandbox.builder().rateLimits(false).start()) {
      KlaviyoClient client = KlaviyoClient.builder()
          .apiKey(sandbox.defaultApiKey())
          .baseUrl(sandbox.baseUrl())
          .build();

      String id = client.profiles()
          .create(ProfileAttributes.builder().email("ada@example.com").firstName("Ada").build())
          .getData().getId();

      assertThat(sandbox.state().profiles().get(id).orElseThrow().attributes())
          .containsEntry("email", "ada@example.com")
          .containsEntry("first_name", "Ada");
      assertThat(client.profiles().get(id).getData().getId()).isEqualTo(id);
      assertThat(client.profiles().listAll(QueryOptions.none()).stream().map(p -> p.getId()))
          .contains(id);
    }
  }
}
