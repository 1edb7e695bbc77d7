package io.github.kvsdk.klaviyo.poller.source.internal;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.paging.FetchedPage;
import io.github.kvsdk.klaviyo.poller.source.Page;
import io.github.kvsdk.klaviyo.poller.source.PageRequest;
import io.github.kvsdk.klaviyo.poller.source.PageSource;
import io.github.kvsdk.klaviyo.poller.source.PolledObject;
import io.github.kvsdk.klaviyo.poller.source.UnreadablePageException;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Fetches listing pages through a {@link KlaviyoClient}'s HTTP stack, so the poller gets the
 * domain client's credentials, revision header, retries, rate limiting and typed errors
 * ({@code io.github.kvsdk.klaviyo.errors}). Each page is read whole, then parsed, each object kept as
 * the exact JSON Klaviyo sent.
 */
public final class KlaviyoClientPageSource implements PageSource {
  private final KlaviyoClient client;
  private final HttpUrl baseUrl;

  /**
   * Fetches pages through {@code client}, which supplies credentials, retries and rate limiting.
   *
   * @param client the client; not closed by this source
   */
  public KlaviyoClientPageSource(KlaviyoClient client) {
    this.client = Objects.requireNonNull(client, "client");
    this.baseUrl = client.baseUrl();
  }

  /** {@return the client requests go through} */
  public KlaviyoClient client() {
    return client;
  }

  @Override
  public Page fetch(PageRequest request) throws IOException {
    HttpUrl url;
    if (request.isFirstPage()) {
      HttpUrl.Builder builder = baseUrl.newBuilder().encodedPath(request.path());
      for (Map.Entry<String, String> parameter : request.query().entrySet()) {
        builder.addQueryParameter(parameter.getKey(), parameter.getValue());
      }
      url = builder.build();
    } else {
      url = HttpUrl.parse(request.nextUrl());
      // Never send the credentials anywhere but the configured host.
      if (url == null || !url.host().equals(baseUrl.host()) || url.port() != baseUrl.port()
          || !url.scheme().equals(baseUrl.scheme())) {
        throw new IOException("links.next points outside " + baseUrl.scheme() + "://"
            + baseUrl.host() + ":" + baseUrl.port() + ": " + request.nextUrl());
      }
    }
    FetchedPage page = fetch(url);
    try {
      return PageParser.parse(page.source(), request.timestampField());
    } catch (JsonEncodingException e) {
      throw new UnreadablePageException("Unreadable listing from " + url.encodedPath()
          + ": the body is not valid JSON" + jsonPath(e), false, e);
    } catch (JsonDataException e) {
      throw new UnreadablePageException("Unreadable listing from " + url.encodedPath()
          + ": " + e.getMessage(), false, e);
    } catch (IOException e) {
      // The JSON ended early. (A connection cut mid-body fails the read as a network error instead.)
      throw new UnreadablePageException("Unreadable listing from " + url.encodedPath()
          + ": the response body broke off (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", true, e);
    }
  }

  @Override
  public String accountId() throws IOException {
    HttpUrl url = baseUrl.newBuilder().encodedPath("/api/accounts").build();
    FetchedPage page = fetch(url);
    try {
      return readAccountId(page);
    } catch (JsonDataException | JsonEncodingException e) {
      throw new UnreadablePageException("Unreadable response from /api/accounts: "
          + e.getMessage(), false, e);
    } catch (UnreadablePageException e) {
      throw e;
    } catch (IOException e) {
      throw new UnreadablePageException("Unreadable response from /api/accounts: the response "
          + "body broke off (" + e.getClass().getSimpleName() + ")", true, e);
    }
  }

  /** Where in the document the JSON syntax broke, from the parser's message; "" if unknown. */
  private static String jsonPath(JsonEncodingException e) {
    String message = String.valueOf(e.getMessage());
    int at = message.lastIndexOf(" at path ");
    return at < 0 ? "" : " (at " + message.substring(at + " at path ".length()) + ")";
  }

  private static String readAccountId(FetchedPage page) throws IOException {
    JsonReader reader = JsonReader.of(page.source());
    String id = null;
    reader.beginObject();
    while (reader.hasNext()) {
      if (reader.nextName().equals("data")) {
        reader.beginArray();
        while (reader.hasNext()) {
          PolledObject account = PageParser.parseObject(reader.nextSource().readUtf8(), "");
          if (id == null) id = account.id();
        }
        reader.endArray();
      } else {
        reader.skipValue();
      }
    }
    if (id == null) {
      throw new UnreadablePageException("GET /api/accounts returned no account", false, null);
    }
    return id;
  }

  /**
   * Reads the whole response through the client; an error status or a network failure (after the client's
   * retries) is thrown as the client's typed {@link io.github.kvsdk.klaviyo.errors.KlaviyoException}.
   */
  private FetchedPage fetch(HttpUrl url) {
    Request request = new Request.Builder().url(url)
        .header("Accept", "application/vnd.api+json").build();
    return FetchedPage.execute(client.httpClient().newCall(request));
  }
}
