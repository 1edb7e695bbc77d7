package io.github.kvsdk.klaviyo.paging;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import io.github.kvsdk.klaviyo.catalog.Operation;
import io.github.kvsdk.klaviyo.errors.internal.KlaviyoErrorMapper;
import io.github.kvsdk.klaviyo.errors.KlaviyoException;
import io.github.kvsdk.klaviyo.errors.KlaviyoUnexpectedResponseException;
import io.github.kvsdk.klaviyo.query.QueryOptions;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Pages of a list endpoint read as JSON trees, without model classes: each resource is a {@code Map} with
 * {@code type}, {@code id}, {@code attributes} and so on. The polling trigger uses this to list any
 * resource type the same way.
 *
 * <pre>{@code
 * JsonApiPages pages = JsonApiPages.create(klaviyoClient.httpClient());
 * HttpUrl url = JsonApiPages.listUrl(klaviyoClient.baseUrl(),
 *     OperationCatalog.packaged().operation("get_profiles"),
 *     QueryOptions.builder().filter(Filter.greaterThan("updated", since)).sort("updated").build());
 * for (Map<String, Object> profile : pages.autoPager(url)) { ... }
 * }</pre>
 *
 * <p>The client is expected to carry the SDK's interceptors (authentication, revision header, retries,
 * rate limiting). Next pages are requested by setting the cursor on the original URL rather than by
 * following {@code links.next} verbatim, so credentials are never sent to a host named in a response.
 */
public final class JsonApiPages {
  private static final String ACCEPT = "application/vnd.api+json";

  private final OkHttpClient client;
  private final IncludedTypes includedTypes;
  private final ResourceConverter converter;

  private JsonApiPages(OkHttpClient client, IncludedTypes includedTypes, ResourceConverter converter) {
    this.client = client;
    this.includedTypes = includedTypes;
    this.converter = converter;
  }

  /**
   * Pages fetched with {@code client}; included resources stay JSON trees.
   *
   * @param client the client requests go through
   * @return the paging helper
   */
  public static JsonApiPages create(OkHttpClient client) {
    return create(client, IncludedTypes.none(), null);
  }

  /**
   * Pages fetched with {@code client}; included resources bind to {@code includedTypes} via {@code converter}.
   *
   * @param client the client requests go through
   * @param includedTypes the model class of each included resource type
   * @param converter binds JSON trees to model classes
   * @return the paging helper
   */
  public static JsonApiPages create(OkHttpClient client, IncludedTypes includedTypes, ResourceConverter converter) {
    if (client == null) throw new NullPointerException("client == null");
    if (includedTypes == null) throw new NullPointerException("includedTypes == null");
    return new JsonApiPages(client, includedTypes, converter);
  }

  /**
   * Fetches the page at {@code url} now.
   *
   * @param url the URL of the first page
   * @return the first page; {@link io.github.kvsdk.klaviyo.paging.Page#nextPage()} fetches the next
   * @throws KlaviyoException (or a subclass from the SDK's error mapping) if the request fails or the
   *     response is not a JSON:API collection.
   */
  public Page<Map<String, Object>> fetch(HttpUrl url) {
    return new Listing(url).load(null);
  }

  /**
   * {@return the URL of {@code operation}'s first page with {@code options} as query parameters, after
   * checking the options against what the operation accepts}
   *
   * @param pathParameters values for the template's {@code {name}} segments, in order.
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @param baseUrl the API host
   * @param operation the listing operation
   * @throws io.github.kvsdk.klaviyo.errors.KlaviyoValidationException if an option is not accepted.
   */
  public static HttpUrl listUrl(HttpUrl baseUrl, Operation operation, QueryOptions options, String... pathParameters) {
    if (!operation.method().equals("GET")) {
      throw new IllegalArgumentException(operation + " is not a GET listing");
    }
    options.validateFor(operation);
    HttpUrl.Builder url = baseUrl.newBuilder();
    int next = 0;
    for (String segment : operation.pathTemplate().substring(1).split("/")) {
      if (segment.startsWith("{") && segment.endsWith("}")) {
        if (next >= pathParameters.length) {
          throw new IllegalArgumentException(operation + " needs a value for " + segment);
        }
        url.addPathSegment(pathParameters[next++]);
      } else {
        url.addPathSegment(segment);
      }
    }
    if (next != pathParameters.length) {
      throw new IllegalArgumentException(operation + " takes " + next + " path parameters, not " + pathParameters.length);
    }
    options.toQueryParameters().forEach(url::addQueryParameter);
    return url.build();
  }

  /**
   * Every resource of the listing at {@code url}; nothing is fetched until iteration starts.
   *
   * @param url the URL of the first page
   * @return a pager over every item, fetching each page when the iteration reaches it
   */
  public AutoPager<Map<String, Object>> autoPager(HttpUrl url) {
    if (url == null) throw new NullPointerException("url == null");
    return AutoPager.lazy(() -> fetch(url));
  }

  /**
   * Builds a page from a parsed JSON:API collection document.
   *
   * @param loader fetches the next page; called only through {@link Page#nextPage()}.
   * @param document the response document
   * @param includedTypes the model class of each included resource type
   * @param converter binds JSON trees to model classes
   * @return the first page; {@link io.github.kvsdk.klaviyo.paging.Page#nextPage()} fetches the next
   * @throws IllegalArgumentException if {@code document} has no {@code data} array.
   */
  public static Page<Map<String, Object>> parse(
      Map<String, Object> document,
      IncludedTypes includedTypes,
      ResourceConverter converter,
      PageLoader<Map<String, Object>> loader) {
    if (!(document.get("data") instanceof List<?> data)) {
      throw new IllegalArgumentException("not a JSON:API collection: 'data' is not an array");
    }
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> resources = (List<Map<String, Object>>) (List<?>) data;
    for (Object resource : resources) {
      if (!(resource instanceof Map)) throw new IllegalArgumentException("'data' holds a non-object: " + resource);
    }
    PageLinks links = PageLinks.none();
    if (document.get("links") instanceof Map<?, ?> l) {
      links = PageLinks.of(str(l.get("self")), str(l.get("next")), str(l.get("prev")), str(l.get("first")),
          str(l.get("last")));
    }
    Included included =
        Included.of(document.get("included") instanceof List<?> i ? i : List.of(), includedTypes, converter);
    return Page.of(resources, included, links, loader);
  }

  /** Returns {@code url} with {@code cursor} set in the parameter it came in. */
  static HttpUrl withCursor(HttpUrl url, Cursor cursor) {
    return url.newBuilder().setQueryParameter(cursor.parameter(), cursor.value()).build();
  }

  /** The pages of the listing whose first page is at {@code first}. */
  private final class Listing implements PageFetcher<Map<String, Object>> {
    private final HttpUrl first;

    Listing(HttpUrl first) {
      this.first = first;
    }

    private Request request(Cursor cursor) {
      HttpUrl url = cursor == null ? first : withCursor(first, cursor);
      return new Request.Builder().url(url).header("Accept", ACCEPT).get().build();
    }

    @Override
    public Call newCall(Cursor cursor) {
      return client.newCall(request(cursor));
    }

    @Override
    public Page<Map<String, Object>> bind(FetchedPage fetched) {
      Object document;
      try {
        document = JsonReader.of(fetched.source()).readJsonValue();
      } catch (JsonDataException | IOException e) {
        throw KlaviyoErrorMapper.fromBindingFailure(e, "GET", fetched.url().encodedPath());
      }
      if (!(document instanceof Map<?, ?>)) {
        throw new KlaviyoUnexpectedResponseException(
            "GET " + fetched.url().encodedPath() + " returned JSON that is not an object", null);
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) document;
      try {
        return parse(map, includedTypes, converter, this);
      } catch (IllegalArgumentException e) {
        throw new KlaviyoUnexpectedResponseException(
            "GET " + fetched.url().encodedPath() + " returned " + e.getMessage(), e);
      }
    }
  }

  private static String str(Object o) {
    return o instanceof String s ? s : null;
  }
}
