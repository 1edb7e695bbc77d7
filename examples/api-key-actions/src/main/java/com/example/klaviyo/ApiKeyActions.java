package com.example.klaviyo;

import io.github.kvsdk.klaviyo.CredentialCheck;
import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.actions.BulkResult;
import io.github.kvsdk.klaviyo.actions.NewEvent;
import io.github.kvsdk.klaviyo.actions.ProfileAttributes;
import io.github.kvsdk.klaviyo.actions.ProfileSubscription;
import io.github.kvsdk.klaviyo.api.metrics.GetMetricsParams;
import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.errors.NotFoundException;
import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The documented actions with a private API key: check the key, create a list and a profile, subscribe the
 * profile, record an event, read it back through the typed API, and handle typed errors.
 *
 * <p>Runs against an embedded sandbox unless {@code KLAVIYO_BASE_URL} (and {@code KLAVIYO_API_KEY}) name
 * another one. It writes data: do not point it at a production account.
 */
public final class ApiKeyActions {
  public static void main(String[] args) {
    String baseUrl = System.getenv("KLAVIYO_BASE_URL");
    KlaviyoSandbox sandbox = baseUrl == null ? KlaviyoSandbox.start() : null;
    String apiKey = System.getenv().getOrDefault("KLAVIYO_API_KEY", KlaviyoSandbox.DEFAULT_API_KEY);
    try (KlaviyoClient client = KlaviyoClient.builder()
        .apiKey(apiKey)
        .baseUrl(sandbox != null ? sandbox.baseUrl() : baseUrl)
        .build()) {
      CredentialCheck check = client.verifyCredentials();
      System.out.println("Key accepted for account " + check.accountId());

      String listId = client.lists().create("Example newsletter").getData().getId();
      System.out.println("Created list " + listId);

      String profileId = client.profiles()
          .create(ProfileAttributes.builder().email("ada@example.com").firstName("Ada").build())
          .getData().getId();
      System.out.println("Created profile " + profileId);

      BulkResult subscribed = client.profiles().subscribe(listId, List.of(ProfileSubscription.email("ada@example.com")));
      System.out.println("Subscribe job accepted: " + subscribed.allAccepted());

      client.events().create(NewEvent.builder()
          .metricName("Placed Order")
          .profile(ProfileAttributes.builder().email("ada@example.com").build())
          .properties(Map.of("order_id", "1001", "items", List.of("book")))
          .value(new BigDecimal("42.50"))
          .build());
      System.out.println("Recorded a Placed Order event");

      // Every operation of the API is typed too, grouped by resource: here Get Metrics.
      client.metrics().getMetrics(GetMetricsParams.builder().build()).data().forEach(metric ->
          System.out.println("Metric: " + metric.getAttributes().getName()));

      try {
        client.profiles().get("01NOSUCHPROFILE0000000000");
      } catch (NotFoundException e) {
        System.out.println("Typed error for a missing profile: HTTP " + e.statusCode());
      }
      try {
        ProfileAttributes.builder().email("not an email").build();
      } catch (KlaviyoValidationException e) {
        System.out.println("Refused before sending: " + e.field() + " " + e.rule());
      }
    } finally {
      if (sandbox != null) sandbox.close();
    }
  }
}
