package io.github.kvsdk.klaviyo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kvsdk.klaviyo.errors.AuthenticationException;
import io.github.kvsdk.klaviyo.errors.PermissionException;
import io.github.kvsdk.klaviyo.testing.TestKeys;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** {@link KlaviyoClient#verifyCredentials()}: one Get Accounts call, and errors that say what failed. */
class CredentialCheckTest {
  @StartStop private final MockWebServer server = new MockWebServer();

  private KlaviyoClient client() {
    return KlaviyoClient.builder().apiKey(TestKeys.API_KEY).baseUrl(server.url("/")).build();
  }

  @Test
  void returnsTheAccountAndCredentialKind() throws Exception {
    server.enqueue(new MockResponse.Builder()
        .body("{\"data\":[{\"type\":\"account\",\"id\":\"AbC123\",\"attributes\":{}}]}").build());
    try (KlaviyoClient client = client()) {
      CredentialCheck check = client.verifyCredentials();
      assertThat(check.accountId()).isEqualTo("AbC123");
      assertThat(check.credentialKind()).isEqualTo(CredentialKind.PRIVATE_API_KEY);
    }
    RecordedRequest request = server.takeRequest();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/accounts");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aRejectedKeyIsNamedWithoutTheSecret() {
    server.enqueue(new MockResponse.Builder().code(401).body("{\"errors\":[{\"id\":\"e\",\"status\":401,"
        + "\"code\":\"not_authenticated\",\"title\":\"Not authenticated\",\"detail\":\"Incorrect API key.\"}]}")
        .build());
    try (KlaviyoClient client = client()) {
      assertThatThrownBy(client::verifyCredentials).isInstanceOf(AuthenticationException.class)
          .hasMessageContaining("private API key").hasMessageContaining("Incorrect API key")
          .hasMessageNotContaining(TestKeys.API_KEY);
    }
  }

  @Test
  void aMissingScopeIsNamed() {
    server.enqueue(new MockResponse.Builder().code(403).body("{\"errors\":[{\"id\":\"e\",\"status\":403,"
        + "\"code\":\"permission_denied\",\"title\":\"Permission denied\"}]}").build());
    try (KlaviyoClient client = client()) {
      assertThatThrownBy(client::verifyCredentials).isInstanceOf(PermissionException.class)
          .hasMessageContaining("accounts:read").hasMessageNotContaining(TestKeys.API_KEY);
    }
  }
}
