package com.example.klaviyo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.retry.RetryPolicy;
import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import io.github.kvsdk.klaviyo.sandbox.faults.Fault;
import io.github.kvsdk.klaviyo.sandbox.resources.Resource;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tests application code against the embedded sandbox: a real HTTP server on a free loopback port with
 * Klaviyo's behaviour, whose state the test can read and whose faults it can inject.
 */
class NewsletterSignupTest {
  private static KlaviyoSandbox sandbox;
  private static KlaviyoClient client;
  private NewsletterSignup signup;

  @BeforeAll
  static void startSandbox() {
    sandbox = KlaviyoSandbox.start();
    client = KlaviyoClient.builder()
        .apiKey(sandbox.defaultApiKey())
        .baseUrl(sandbox.baseUrl())
        .retryPolicy(RetryPolicy.builder().fixedDelay(Duration.ofMillis(10)).build()) // Quick retries in tests.
        .build();
  }

  @AfterAll
  static void stopSandbox() {
    client.close();
    sandbox.close();
  }

  @BeforeEach
  void createList() {
    signup = new NewsletterSignup(client, client.lists().create("Weekly news").getData().getId());
  }

  @Test
  void signUpCreatesTheProfileTheSandboxThenHolds() {
    String profileId = signup.signUp("ada@example.com", "Ada");

    Resource profile = sandbox.state().profiles().get(profileId).orElseThrow();
    assertEquals("ada@example.com", profile.attribute("email"));
    assertEquals("Ada", profile.attribute("first_name"));
  }

  @Test
  void aMalformedEmailIsRefusedBeforeAnythingIsSent() {
    int profilesBefore = sandbox.state().profiles().count();

    assertThrows(KlaviyoValidationException.class, () -> signup.signUp("not-an-email", "Bob"));

    assertEquals(profilesBefore, sandbox.state().profiles().count());
  }

  @Test
  void readsSurviveTwoServerErrors() {
    Fault outage = Fault.status(503).method("GET").path("/api/lists/*").times(2);
    sandbox.faults().add(outage);
    try {
      assertEquals("Weekly news", signup.listName());
      assertEquals(2, sandbox.faults().firedCount(outage));
    } finally {
      sandbox.faults().clear();
    }
  }
}
