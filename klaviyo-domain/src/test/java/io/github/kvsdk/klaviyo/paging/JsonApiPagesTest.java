package io.github.kvsdk.klaviyo.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.Moshi;
import io.github.kvsdk.klaviyo.catalog.OperationCatalog;
import io.github.kvsdk.klaviyo.errors.KlaviyoException;
import io.github.kvsdk.klaviyo.errors.NotFoundException;
import io.github.kvsdk.klaviyo.filter.Filter;
import io.github.kvsdk.klaviyo.query.QueryOptions;
import io.github.kvsdk.klaviyo.query.QueryValidationException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** Paging over real sockets: a MockWebServer serves a three-page profile listing. */
final class JsonApiPagesTest {
  @StartStop private final MockWebServer server = new MockWebServer();
  private final OkHttpClient client = new OkHttpClient();
  private final List<RecordedRequest> requests = new ArrayList<>();

  /** Serves pages of two profiles; page N links to page N+1 through cursor cN+1. */
  private void serveProfiles(int pages, String nextHost) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        synchronized (requests) {
          requests.add(request);
        }
        String cursor = request.getUrl().queryParameter("page[cursor]");
        int page = cursor == null ? 1 : Integer.parseInt(cursor.substring(1));
        if (page > pages) return new MockResponse.Builder().code(400).body("{\"errors\":[]}").build();
        StringBuilder data = new StringBuilder();
        for (int i = 1; i <= 2; i++) {
          int n = (page - 1) * 2 + i;
          if (data.length() > 0) data.append(',');
          data.append("{\"type\":\"profile\",\"id\":\"p").append(n)
              .append("\",\"attributes\":{\"email\":\"p").append(n).append("@example.com\"}}");
        }
        String base = nextHost != null ? nextHost : request.getUrl().newBuilder().query(null).build().toString();
        String next = page < pages ? "\"" + base + "?page%5Bcursor%5D=c" + (page + 1) + "\"" : "null";
        String prev = page > 1 ? "\"" + base + "?page%5Bcursor%5D=c" + (page - 1) + "\"" : "null";
        String body = "{\"data\":[" + data + "],\"links\":{\"self\":\"" + request.getUrl() + "\",\"next\":" + next
            + ",\"prev\":" + prev + "}}";
        return new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/vnd.api+json")
            .body(body)
            .build();
      }
    });
  }

  private HttpUrl profilesUrl() {
    return server.url("/api/profiles").newBuilder()
        .addQueryParameter("filter", "greater-than(updated,2024-01-01T00:00:00Z)")
        .addQueryParameter("page[size]", "2")
        .build();
  }

  @Test
  void autoPagerFetchesEachPageOnlyWhenTheIterationReachesIt() {
    serveProfiles(3, null);
    AutoPager<Map<String, Object>> pager = JsonApiPages.create(client).autoPager(profilesUrl());
    assertThat(server.getRequestCount()).isZero();

    Iterator<Map<String, Object>> it = pager.iterator();
    assertThat(it.next().get("id")).isEqualTo("p1");
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(it.next().get("id")).isEqualTo("p2");
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(it.next().get("id")).isEqualTo("p3");
    assertThat(server.getRequestCount()).isEqualTo(2);

    List<Object> rest = new ArrayList<>();
    it.forEachRemaining(p -> rest.add(p.get("id")));
    assertThat(rest).containsExactly("p4", "p5", "p6");
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(it.hasNext()).isFalse();
    assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void nextPagesKeepTheOriginalQueryAndSendTheCursor() {
    serveProfiles(3, null);
    JsonApiPages.create(client).autoPager(profilesUrl()).forEach(p -> { });
    assertThat(requests).hasSize(3);
    assertThat(requests.get(0).getUrl().queryParameter("page[cursor]")).isNull();
    assertThat(requests.get(1).getUrl().queryParameter("page[cursor]")).isEqualTo("c2");
    assertThat(requests.get(2).getUrl().queryParameter("page[cursor]")).isEqualTo("c3");
    for (RecordedRequest request : requests) {
      assertThat(request.getUrl().queryParameter("filter")).isEqualTo("greater-than(updated,2024-01-01T00:00:00Z)");
      assertThat(request.getUrl().queryParameter("page[size]")).isEqualTo("2");
      assertThat(request.getHeaders().get("Accept")).isEqualTo("application/vnd.api+json");
    }
  }

  @Test
  void streamStopsRequestingPagesOnceItHasEnough() {
    serveProfiles(3, null);
    List<Object> ids = JsonApiPages.create(client).autoPager(profilesUrl()).stream()
        .limit(3).map(p -> p.get("id")).collect(Collectors.toList());
    assertThat(ids).containsExactly("p1", "p2", "p3");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void eachIterationStartsOverFromTheFirstPage() {
    serveProfiles(2, null);
    AutoPager<Map<String, Object>> pager = JsonApiPages.create(client).autoPager(profilesUrl());
    assertThat(pager.stream().count()).isEqualTo(4);
    assertThat(pager.stream().count()).isEqualTo(4);
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void pagesViewExposesDataLinksAndCursors() {
    serveProfiles(3, null);
    List<Page<Map<String, Object>>> pages = new ArrayList<>();
    JsonApiPages.create(client).autoPager(profilesUrl()).pages().forEach(pages::add);
    assertThat(pages).hasSize(3);
    assertThat(pages.get(0).hasNextPage()).isTrue();
    assertThat(pages.get(0).nextCursor().map(Cursor::value)).contains("c2");
    assertThat(pages.get(0).links().prev()).isEmpty();
    assertThat(pages.get(1).links().prevCursor().map(Cursor::value)).contains("c1");
    assertThat(pages.get(1).links().self()).hasValueSatisfying(s -> assertThat(s).contains("c2"));
    assertThat(pages.get(2).hasNextPage()).isFalse();
    assertThat(pages.get(2).data()).extracting(p -> p.get("id")).containsExactly("p5", "p6");
    assertThatThrownBy(() -> pages.get(2).nextPage())
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("last page");
  }

  @Test
  void nextPageGoesToTheOriginalHostWhateverHostTheLinkNames() {
    serveProfiles(2, "https://attacker.example/api/profiles");
    Page<Map<String, Object>> first = JsonApiPages.create(client).fetch(profilesUrl());
    assertThat(first.links().next()).hasValueSatisfying(n -> assertThat(n).startsWith("https://attacker.example"));
    Page<Map<String, Object>> second = first.nextPage();
    assertThat(second.data()).extracting(p -> p.get("id")).containsExactly("p3", "p4");
    assertThat(requests.get(1).getUrl().host()).isEqualTo(server.getHostName());
    assertThat(requests.get(1).getUrl().queryParameter("page[cursor]")).isEqualTo("c2");
  }

  @Test
  void anErrorResponseMidwayIsTheTypedApiError() {
    server.enqueue(new MockResponse.Builder().code(200)
        .body("{\"data\":[{\"type\":\"profile\",\"id\":\"p1\"}],\"links\":{\"self\":\"x\","
            + "\"next\":\"" + server.url("/api/profiles?page%5Bcursor%5D=c2") + "\"}}")
        .build());
    server.enqueue(new MockResponse.Builder().code(404)
        .body("{\"errors\":[{\"id\":\"e1\",\"status\":404,\"code\":\"not_found\",\"title\":\"Not found\","
            + "\"detail\":\"gone\"}]}")
        .build());
    Iterator<Map<String, Object>> it = JsonApiPages.create(client).autoPager(server.url("/api/profiles")).iterator();
    assertThat(it.next().get("id")).isEqualTo("p1");
    assertThatThrownBy(it::hasNext).isInstanceOf(NotFoundException.class);
  }

  @Test
  void aBodyThatIsNotAJsonApiCollectionIsAClearError() {
    server.enqueue(new MockResponse.Builder().code(200).body("<html>").build());
    assertThatThrownBy(() -> JsonApiPages.create(client).fetch(server.url("/api/profiles")))
        .isInstanceOf(KlaviyoException.class)
        .hasMessageContaining("malformed JSON");
    server.enqueue(new MockResponse.Builder().code(200).body("[{\"type\":\"profile\"}]").build());
    assertThatThrownBy(() -> JsonApiPages.create(client).fetch(server.url("/api/profiles")))
        .isInstanceOf(KlaviyoException.class)
        .hasMessage("GET /api/profiles returned JSON that is not an object");
    server.enqueue(new MockResponse.Builder().code(200).body("{\"data\":{\"type\":\"profile\"}}").build());
    assertThatThrownBy(() -> JsonApiPages.create(client).fetch(server.url("/api/profiles")))
        .isInstanceOf(KlaviyoException.class)
        .hasMessageContaining("GET /api/profiles returned not a JSON:API collection: 'data' is not an array");
  }

  @Test
  void includedResourcesAreResolvedByTheirType() {
    server.enqueue(new MockResponse.Builder().code(200).body("""
        {"data":[{"type":"list","id":"L1","attributes":{"name":"VIP"},
                  "relationships":{"tags":{"data":[{"type":"tag","id":"T1"}]}}}],
         "included":[{"type":"tag","id":"T1","attributes":{"name":"VIP"}},
                     {"type":"flow","id":"F1","attributes":{"name":"VIP"}},
                     {"type":"tag","id":"T2","attributes":{"name":"Gold"}}],
         "links":{"self":"x"}}
        """).build());
    IncludedTypes types = IncludedTypes.builder().add("tag", Tag.class).build();
    Page<Map<String, Object>> page = JsonApiPages.create(client, types,
        ResourceConverter.moshi(new Moshi.Builder().build())).fetch(server.url("/api/lists?include=tags"));

    Included included = page.included();
    assertThat(included.size()).isEqualTo(3);
    assertThat(included.types()).containsExactly("tag", "flow");
    assertThat(included.ofType(Tag.class)).extracting(t -> t.id + "=" + t.attributes.name)
        .containsExactly("T1=VIP", "T2=Gold");
    assertThat(included.find(Tag.class, "T2")).hasValueSatisfying(t -> assertThat(t.type).isEqualTo("tag"));
    assertThat(included.find(Tag.class, "F1")).isEmpty();
    assertThat(included.find("flow", "F1")).hasValueSatisfying(f -> assertThat(f.get("id")).isEqualTo("F1"));
    assertThat(included.resolved()).hasSize(3);
    assertThat(included.resolved().get(0)).isInstanceOf(Tag.class);
    assertThat(included.resolved().get(1)).isInstanceOf(Map.class);
    assertThatThrownBy(() -> included.ofType(String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("registered: [tag]");
  }

  @Test
  void listUrlFillsThePathAndRendersValidatedOptions() {
    HttpUrl base = HttpUrl.get("https://a.klaviyo.com/");
    OperationCatalog catalog = OperationCatalog.packaged();
    HttpUrl url = JsonApiPages.listUrl(base, catalog.operation("get_profiles_for_list"),
        QueryOptions.builder().filter(Filter.equalTo("email", "a@b.com")).pageSize(100).build(), "L1");
    assertThat(url.encodedPath()).isEqualTo("/api/lists/L1/profiles");
    assertThat(url.queryParameter("filter")).isEqualTo("equals(email,\"a@b.com\")");
    assertThat(url.queryParameter("page[size]")).isEqualTo("100");
    assertThatThrownBy(() -> JsonApiPages.listUrl(base, catalog.operation("get_profiles"),
            QueryOptions.builder().sort("-name").build()))
        .isInstanceOf(QueryValidationException.class);
    assertThatThrownBy(() -> JsonApiPages.listUrl(base, catalog.operation("get_profiles_for_list"),
            QueryOptions.none()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("{id}");
  }

  /** A minimal model bound by Moshi's reflective adapter. */
  static final class Tag {
    String type;
    String id;
    Attributes attributes;

    static final class Attributes {
      String name;
    }
  }
}
