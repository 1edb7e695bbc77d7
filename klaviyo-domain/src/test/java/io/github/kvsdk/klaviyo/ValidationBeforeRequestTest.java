package io.github.kvsdk.klaviyo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kvsdk.klaviyo.catalog.OperationCatalog;
import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.filter.Filter;
import io.github.kvsdk.klaviyo.generated.api.ProfilesApi;
import io.github.kvsdk.klaviyo.http.KlaviyoCalls;
import io.github.kvsdk.klaviyo.raw.RawRequest;
import io.github.kvsdk.klaviyo.testing.TestKeys;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Bad input is refused with a KlaviyoValidationException naming the input and the rule, before any request. */
class ValidationBeforeRequestTest {
  @StartStop private final MockWebServer server = new MockWebServer();

  private KlaviyoClient client() {
    return KlaviyoClient.builder().apiKey(TestKeys.API_KEY).baseUrl(server.url("/")).rateLimiting(false).build();
  }

  private static void refused(ThrowingCallable call, String field, String rule) {
    assertThatThrownBy(call).isInstanceOfSatisfying(KlaviyoValidationException.class, e -> {
      assertThat(e.field()).isEqualTo(field);
      assertThat(e.rule()).contains(rule);
    });
  }

  @Test
  void dotSegmentsAsPathParametersAreRefused() {
    try (KlaviyoClient client = client()) {
      refused(() -> client.profiles().get(".."), "id", "'.' or '..'");
      refused(() -> client.profiles().get("."), "id", "'.' or '..'");
      refused(() -> KlaviyoCalls.execute(getProfileThroughTheGeneratedService(client, "..")), "id", "'.' or '..'");
      // Bad input is refused before a future exists, as for every async method.
      refused(() -> client.profiles().getAsync("..", io.github.kvsdk.klaviyo.query.QueryOptions.none()), "id",
          "'.' or '..'");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void nullFilterExpressionIsRefused() {
    refused(() -> Filter.parse(null), "filter", "null");
  }

  @Test
  void baseUrlWithTheApiPathIsRefused() {
    refused(() -> KlaviyoClient.builder().baseUrl("https://a.klaviyo.com/api"), "baseUrl", "without the /api path");
    refused(() -> KlaviyoClient.builder().baseUrl("https://a.klaviyo.com/api/"), "baseUrl", "without the /api path");
    KlaviyoClient.builder().baseUrl("https://a.klaviyo.com/"); // The host alone is fine.
  }

  @Test
  void revisionsKlaviyoCannotHavePublishedAreRefused() {
    refused(() -> KlaviyoClient.builder().revision("1999-01-01"), "revision", "2022-10-17");
    refused(() -> KlaviyoClient.builder().revision("2030-01-01"), "revision", "future");
    KlaviyoClient.builder().revision("2022-10-17").revision(LocalDate.now(ZoneOffset.UTC).toString())
        .revision("2024-10-15.pre");
  }

  @Test
  void filterValuesOfTheWrongKindAreRefused() {
    var profiles = OperationCatalog.packaged().operation("get_profiles");
    refused(() -> Filter.parse("greater-than(updated,42)").validateFor(profiles), "updated", "date-time");
    refused(() -> Filter.parse("equals(email,null)").validateFor(profiles), "email", "never with null");
    Filter.parse("greater-than(updated,2024-01-01T00:00:00Z)").validateFor(profiles);
    Filter.greaterThan("updated", Instant.parse("2024-01-01T00:00:00Z")).validateFor(profiles);
  }

  @Test
  void filterValidationRunsBeforeAListingIsSent() {
    try (KlaviyoClient client = client()) {
      refused(() -> client.profiles().list(io.github.kvsdk.klaviyo.query.QueryOptions.builder()
          .filter(Filter.parse("greater-than(updated,42)")).build()), "updated", "date-time");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aCallersAuthorizationHeaderIsRefused() {
    refused(() -> RawRequest.builder().url("/api/accounts").header("Authorization", "Klaviyo-API-Key pk_other"),
        "headers", "Authorization is set by the client");
    refused(() -> RawRequest.builder().url("/api/accounts").header("authorization", "Bearer x"),
        "headers", "Authorization is set by the client");
  }

  /**
   * The generated service's get_profile with every optional parameter null. Called reflectively because its
   * parameter list grows with the revision the SDK is built for.
   */
  private static retrofit2.Call<?> getProfileThroughTheGeneratedService(KlaviyoClient client, String id) {
    try {
      java.lang.reflect.Method method = java.util.Arrays.stream(ProfilesApi.class.getMethods())
          .filter(m -> m.getName().equals("getProfile")).findFirst().orElseThrow();
      Object[] args = new Object[method.getParameterCount()];
      args[0] = id;
      args[1] = client.revision();
      return (retrofit2.Call<?>) method.invoke(client.service(ProfilesApi.class), args);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw (RuntimeException) e.getCause();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
