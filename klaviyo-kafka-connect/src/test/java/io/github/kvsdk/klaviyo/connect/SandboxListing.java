package io.github.kvsdk.klaviyo.connect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a listing of the sandbox over HTTP, as the connector does, and keeps every resource object
 * and every member as the exact text the sandbox sent: the reference a record's value is compared
 * with, byte for byte.
 */
final class SandboxListing {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonFactory FACTORY = new JsonFactory();

  private SandboxListing() {}

  /** Every object of {@code path} (such as {@code /api/profiles}), by id, following {@code links.next}. */
  static Map<String, String> objects(String baseUrl, String path, String apiKey) {
    Map<String, String> objects = new LinkedHashMap<>();
    String next = baseUrl + path;
    while (next != null) {
      String body = get(next, apiKey);
      next = null;
      try (JsonParser parser = FACTORY.createParser(body)) {
        expect(parser.nextToken(), JsonToken.START_OBJECT);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.getCurrentName();
          JsonToken value = parser.nextToken();
          if (name.equals("data")) {
            expect(value, JsonToken.START_ARRAY);
            while (parser.nextToken() == JsonToken.START_OBJECT) {
              String object = slice(body, parser);
              objects.put(ConnectTestCluster.JSON.readTree(object).path("id").asText(), object);
            }
          } else if (name.equals("links")) {
            String link = ConnectTestCluster.JSON.readTree(slice(body, parser)).path("next").asText(null);
            next = link == null || link.equals("null") ? null : link;
          } else {
            parser.skipChildren();
          }
        }
      } catch (IOException e) {
        throw new AssertionError("Unreadable listing " + path + ": " + body, e);
      }
    }
    return objects;
  }

  /** The members of one JSON object, each as the exact text of its value. */
  static Map<String, String> members(String object) {
    Map<String, String> members = new LinkedHashMap<>();
    try (JsonParser parser = FACTORY.createParser(object)) {
      expect(parser.nextToken(), JsonToken.START_OBJECT);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.getCurrentName();
        parser.nextToken();
        members.put(name, slice(object, parser));
      }
    } catch (IOException e) {
      throw new AssertionError("Unreadable object: " + object, e);
    }
    return members;
  }

  /** The text of the value whose first token is the parser's current one; leaves the parser after it. */
  private static String slice(String text, JsonParser parser) throws IOException {
    int start = (int) parser.getTokenLocation().getCharOffset();
    parser.skipChildren();
    int end = (int) parser.getCurrentLocation().getCharOffset();
    return text.substring(start, end);
  }

  private static void expect(JsonToken actual, JsonToken expected) {
    if (actual != expected) throw new AssertionError("Expected " + expected + ", was " + actual);
  }

  private static String get(String url, String apiKey) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Klaviyo-API-Key " + apiKey)
        .header("revision", "2024-10-15")
        .header("Accept", "application/vnd.api+json")
        .timeout(Duration.ofSeconds(30))
        .GET().build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError("GET " + url + " -> " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new AssertionError("GET " + url + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
