package io.github.kvsdk.klaviyo.sandbox.testing;

import com.networknt.schema.ValidationMessage;
import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import io.github.kvsdk.klaviyo.sandbox.internal.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A small real-socket HTTP client for the tests. Its interceptor checks every {@code /api/} response body
 * against the pinned spec ({@link SpecConformance}) and fails the call on any mismatch — except for
 * sparse-fieldset requests ({@code fields[...]}), which by design drop attributes the schemas require.
 */
public final class SandboxHttp {
  public static final MediaType JSON_API = MediaType.get("application/vnd.api+json");

  /** A response: status, headers, raw body and the body parsed as a JSON tree (null if empty). */
  public record Reply(int status, Headers headers, String body, Object json) {
    @SuppressWarnings("unchecked")
    public Map<String, Object> doc() {
      return (Map<String, Object>) json;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> data() {
      return (Map<String, Object>) doc().get("data");
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> dataList() {
      return (List<Map<String, Object>>) doc().get("data");
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> attributes() {
      return (Map<String, Object>) data().get("attributes");
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> firstError() {
      return ((List<Map<String, Object>>) doc().get("errors")).get(0);
    }

    @SuppressWarnings("unchecked")
    public String link(String name) {
      return (String) ((Map<String, Object>) doc().get("links")).get(name);
    }
  }

  /** Casts a JSON object node. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object node) {
    return (Map<String, Object>) node;
  }

  private final KlaviyoSandbox sandbox;
  private final OkHttpClient client;
  private final List<String> validated = new CopyOnWriteArrayList<>();
  private String authorization;
  private String revision;

  public SandboxHttp(KlaviyoSandbox sandbox) {
    this.sandbox = sandbox;
    this.authorization = "Klaviyo-API-Key " + sandbox.defaultApiKey();
    this.revision = sandbox.revision();
    this.client = new OkHttpClient.Builder()
        .addInterceptor(this::conformance)
        .callTimeout(Duration.ofSeconds(20))
        .retryOnConnectionFailure(false)
        .build();
  }

  /** Uses this {@code Authorization} header value from now on (null for none). */
  public SandboxHttp authorization(String value) {
    this.authorization = value;
    return this;
  }

  /** Uses this {@code revision} header value from now on (null for none). */
  public SandboxHttp revision(String value) {
    this.revision = value;
    return this;
  }

  /** The operations whose responses were validated, as "METHOD path status". */
  public List<String> validated() {
    return validated;
  }

  public OkHttpClient client() {
    return client;
  }

  public Reply get(String pathAndQuery) {
    return execute(request(pathAndQuery).get().build());
  }

  public Reply delete(String pathAndQuery) {
    return execute(request(pathAndQuery).delete().build());
  }

  public Reply delete(String path, String json) {
    return execute(request(path).delete(RequestBody.create(json, JSON_API)).build());
  }

  public Reply post(String path, String json) {
    return execute(request(path).post(RequestBody.create(json, JSON_API)).build());
  }

  public Reply patch(String path, String json) {
    return execute(request(path).patch(RequestBody.create(json, JSON_API)).build());
  }

  public Reply send(Request request) {
    return execute(request);
  }

  public Request.Builder request(String pathAndQuery) {
    Request.Builder b = new Request.Builder().url(sandbox.baseUrl() + pathAndQuery);
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (revision != null) {
      b.header("revision", revision);
    }
    return b;
  }

  private Reply execute(Request request) {
    try (Response response = client.newCall(request).execute()) {
      String body = response.body().string();
      Object json = body.isEmpty() || !body.startsWith("{") ? null : Json.parse(body);
      return new Reply(response.code(), response.headers(), body, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Response conformance(Interceptor.Chain chain) throws IOException {
    Request request = chain.request();
    Response response = chain.proceed(request);
    String path = request.url().encodedPath();
    boolean sparse = request.url().queryParameterNames().stream().anyMatch(n -> n.startsWith("fields["));
    if (!path.startsWith("/api/") || sparse) {
      return response;
    }
    ResponseBody body = response.body();
    MediaType type = body.contentType();
    String text = body.string();
    Set<ValidationMessage> problems =
        SpecConformance.get().problems(request.method(), path, response.code(), text);
    if (!problems.isEmpty()) {
      throw new AssertionError("Response of " + request.method() + " " + request.url() + " (" + response.code()
          + ") does not match the spec: " + problems + "\nBody: "
          + (text.length() > 1500 ? text.substring(0, 1500) + "..." : text));
    }
    validated.add(request.method() + " " + path + " " + response.code());
    return response.newBuilder().body(ResponseBody.create(text, type)).build();
  }
}
