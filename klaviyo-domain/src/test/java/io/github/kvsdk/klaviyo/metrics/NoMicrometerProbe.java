package io.github.kvsdk.klaviyo.metrics;

import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.query.QueryOptions;
import io.github.kvsdk.klaviyo.raw.RawRequest;
import io.github.kvsdk.klaviyo.testing.TestKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/**
 * Run by {@link WithoutMicrometerTest} in a class loader that cannot see Micrometer: builds a client without a
 * registry and makes a typed, an asynchronous and a raw call, reporting what happened.
 */
public final class NoMicrometerProbe implements Supplier<String> {
  private static final String ACCOUNTS = "{\"data\":[],\"links\":{\"self\":\"x\",\"next\":null,\"prev\":null}}";

  @Override
  public String get() {
    try {
      Class.forName("io.micrometer.core.instrument.MeterRegistry", false, getClass().getClassLoader());
      return "Micrometer is visible";
    } catch (ClassNotFoundException expected) {
      // The point of the probe.
    }
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      for (int i = 0; i < 3; i++) server.enqueue(new MockResponse.Builder().body(ACCOUNTS).build());
      try (KlaviyoClient client = KlaviyoClient.builder().apiKey(TestKeys.API_KEY).baseUrl(server.url("/")).build()) {
        client.accounts().list(QueryOptions.none());
        client.accounts().listAsync(QueryOptions.none()).join();
        int status = client.raw().send(RawRequest.get("/api/accounts")).statusCode();
        return "requests=" + server.getRequestCount() + " status=" + status;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
