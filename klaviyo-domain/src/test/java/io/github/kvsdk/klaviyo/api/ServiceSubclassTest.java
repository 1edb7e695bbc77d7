package io.github.kvsdk.klaviyo.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.actions.Profiles;
import io.github.kvsdk.klaviyo.api.metrics.MetricsService;
import io.github.kvsdk.klaviyo.api.profiles.ProfilesService;
import io.github.kvsdk.klaviyo.testing.TestKeys;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** A user's subclass of a service obtained from the client sends through that client. */
final class ServiceSubclassTest {
  @StartStop private final MockWebServer server = new MockWebServer();

  /** A user's convenience over the metrics service. */
  static final class MyMetrics extends MetricsService {
    MyMetrics(MetricsService base) {
      super(base);
    }

    int metricCount() {
      return getMetrics().data().size();
    }
  }

  /** A user's convenience over the profiles service the client hands out (the profile actions). */
  static final class MyProfiles extends ProfilesService {
    MyProfiles(ProfilesService base) {
      super(base);
    }

    boolean anyProfile() {
      return !getProfiles().data().isEmpty();
    }
  }

  @Test
  void aSubclassOfTheClientsServiceSendsWithTheClientsCredentialAndRevision() throws Exception {
    KlaviyoClient client = client();
    MyMetrics metrics = new MyMetrics(client.metrics());
    server.enqueue(new MockResponse.Builder().body("{\"data\":[{\"type\":\"metric\",\"id\":\"M1\"}]}").build());

    assertThat(metrics.metricCount()).isEqualTo(1);

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/metrics");
    assertThat(request.getHeaders().get("Authorization")).startsWith("Klaviyo-API-Key ");
    assertThat(request.getHeaders().get("revision")).isEqualTo(client.revision());
  }

  @Test
  void theProfileActionsAreAProfilesServiceToExtend() throws Exception {
    KlaviyoClient client = client();
    Profiles actions = client.profiles();
    MyProfiles profiles = new MyProfiles(actions);
    server.enqueue(new MockResponse.Builder().body("{\"data\":[]}").build());

    assertThat(profiles.anyProfile()).isFalse();

    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo("/api/profiles");
  }

  @Test
  void aSubclassNeedsABase() {
    assertThatThrownBy(() -> new MyMetrics(null)).isInstanceOf(NullPointerException.class).hasMessage("base");
  }

  private KlaviyoClient client() {
    return KlaviyoClient.builder().apiKey(TestKeys.API_KEY).baseUrl(server.url("/")).rateLimiting(false).build();
  }
}
