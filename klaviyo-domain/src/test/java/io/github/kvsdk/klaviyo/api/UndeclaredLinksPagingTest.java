package io.github.kvsdk.klaviyo.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.api.lists.GetProfileIdsForListParams;
import io.github.kvsdk.klaviyo.testing.TestKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * Relationship listings such as get_profile_ids_for_list declare no {@code links} in their schema, although
 * Klaviyo's documents carry them: the typed pager reads {@code links.next} from the response itself.
 */
final class UndeclaredLinksPagingTest {
  @StartStop private final MockWebServer server = new MockWebServer();

  @Test
  void theAutoPagerFollowsTheNextLinkOfADocumentWhoseSchemaHasNoLinks() throws Exception {
    String next = server.url("/api/lists/L1/relationships/profiles?page%5Bcursor%5D=c2").toString();
    server.enqueue(new MockResponse.Builder().body("{\"data\":[{\"type\":\"profile\",\"id\":\"P1\"},"
        + "{\"type\":\"profile\",\"id\":\"P2\"}],\"links\":{\"self\":\"x\",\"next\":\"" + next + "\"}}").build());
    server.enqueue(new MockResponse.Builder().body("{\"data\":[{\"type\":\"profile\",\"id\":\"P3\"}],"
        + "\"links\":{\"self\":\"y\",\"next\":null}}").build());
    try (KlaviyoClient client = KlaviyoClient.builder().apiKey(TestKeys.API_KEY).baseUrl(server.url("/"))
        .rateLimiting(false).build()) {
      List<String> ids = new ArrayList<>();
      client.lists().getProfileIdsForListAutoPager(GetProfileIdsForListParams.builder().id("L1").build())
          .forEach(p -> ids.add(p.getId()));
      assertThat(ids).containsExactly("P1", "P2", "P3");
    }
    RecordedRequest first = server.takeRequest(5, TimeUnit.SECONDS);
    RecordedRequest second = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(first.getUrl().encodedPath()).isEqualTo("/api/lists/L1/relationships/profiles");
    assertThat(second.getUrl().queryParameter("page[cursor]")).isEqualTo("c2");
  }
}
