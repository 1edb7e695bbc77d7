package io.github.kvsdk.klaviyo.sandbox.internal.http;

import io.github.kvsdk.klaviyo.sandbox.auth.ApiKeys;
import io.github.kvsdk.klaviyo.sandbox.auth.Credential;
import io.github.kvsdk.klaviyo.sandbox.faults.Fault;
import io.github.kvsdk.klaviyo.sandbox.faults.Faults;
import io.github.kvsdk.klaviyo.sandbox.http.RequestLog;
import io.github.kvsdk.klaviyo.sandbox.internal.json.Json;
import io.github.kvsdk.klaviyo.sandbox.internal.spec.ApiSpec;
import io.github.kvsdk.klaviyo.sandbox.internal.spec.Operation;
import io.github.kvsdk.klaviyo.sandbox.internal.spec.PathRouter;
import io.github.kvsdk.klaviyo.sandbox.oauth.SandboxOAuth;
import io.github.kvsdk.klaviyo.sandbox.ratelimit.RateLimit;
import io.github.kvsdk.klaviyo.sandbox.ratelimit.RateLimiter;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request pipeline: faults, admin and OAuth endpoints, routing by the spec, revision check,
 * authentication, scopes, rate limits, then the operation's handler; every error as Klaviyo's document.
 */
public final class SandboxHttpHandler implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(SandboxHttpHandler.class);
  private static final HttpString CONTENT_TYPE = new HttpString("Content-Type");
  private static final HttpString CONTENT_LENGTH = new HttpString("Content-Length");
  private static final String JSON_API = "application/vnd.api+json";
  private static final Set<String> BODY_METHODS = Set.of("POST", "PATCH", "PUT", "DELETE");
  /**
   * The rate-limit budget every credential draws on: Klaviyo's limits are per account, so all API keys,
   * OAuth tokens and the public key of the sandbox's one account share each operation's windows.
   */
  private static final String ACCOUNT_QUOTA = "account";

  private final ApiSpec spec;
  private final Map<String, ApiHandler> handlers;
  private final ApiKeys apiKeys;
  private final SandboxOAuth oauth;
  private final RateLimiter rateLimiter;
  private final Faults faults;
  private final AdminEndpoint admin;
  private final RequestLog requestLog;
  private final RequestValidator validator;
  private final Predicate<String> publicKeys;

  /**
   * Creates the pipeline; nothing is served until it is installed in a server.
   *
   * @param spec the operations served and their schemas
   * @param handlers the handler of each emulated operation, by operation id
   * @param apiKeys the private API keys accepted
   * @param oauth the OAuth server whose access tokens are accepted
   * @param rateLimiter enforces the spec's per-operation quotas
   * @param faults the faults injected into matching requests
   * @param admin serves the {@code /__admin/} requests; null to answer them as unknown paths
   * @param requestLog records every served request
   * @param publicKeys accepts the public API keys (site ids) of the {@code /client/} endpoints'
   *     {@code company_id}
   */
  public SandboxHttpHandler(ApiSpec spec, Map<String, ApiHandler> handlers, ApiKeys apiKeys, SandboxOAuth oauth,
      RateLimiter rateLimiter, Faults faults, AdminEndpoint admin, RequestLog requestLog,
      Predicate<String> publicKeys) {
    this.validator = new RequestValidator(spec.schemas());
    this.publicKeys = publicKeys;
    this.spec = spec;
    this.handlers = Map.copyOf(handlers);
    this.apiKeys = apiKeys;
    this.oauth = oauth;
    this.rateLimiter = rateLimiter;
    this.faults = faults;
    this.admin = admin;
    this.requestLog = requestLog;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (exchange.isInIoThread()) {
      if (servesInline(exchange)) {
        // Body-less API reads touch only memory: answer on the I/O thread, without a worker hand-off.
        String path = exchange.getRequestPath();
        String[] operationId = new String[1];
        ApiResponse response = route(exchange, "GET", path, new byte[0], operationId);
        byte[] bytes = prepare(exchange, response, null, "GET", path, operationId[0]);
        exchange.getResponseSender().send(ByteBuffer.wrap(bytes));
        return;
      }
      exchange.dispatch(this);
      return;
    }
    exchange.startBlocking();
    String method = exchange.getRequestMethod().toString();
    String path = exchange.getRequestPath();
    Fault fault = path.startsWith("/__admin/") ? null : faults.next(method, path);
    if (fault != null) {
      switch (fault.kind()) {
        case DELAY -> sleep(fault);
        case CONNECTION_RESET -> {
          requestLog.record(method, path, null, 0);
          exchange.getConnection().close();
          return;
        }
        case STATUS -> {
          ApiException e = ApiException.status(fault.statusCode(), faultCode(fault.statusCode()),
              "Injected fault.", "Fault injected by the sandbox: HTTP " + fault.statusCode() + ".");
          if (fault.statusCode() == 429) {
            e = ApiException.throttled(1);
          }
          ApiResponse r = ApiResponse.of(e.status(), e.document());
          e.headers().forEach(r::header);
          send(exchange, r, null, method, path, null);
          return;
        }
        default -> {
          // Truncated and malformed bodies are applied to the real response below.
        }
      }
    }
    String[] operationId = new String[1];
    byte[] body;
    try {
      body = exchange.getInputStream().readAllBytes();
    } catch (io.undertow.server.RequestTooBigException e) {
      ApiException tooBig = ApiException.status(413, "request_too_large", "Request entity too large.",
          "The request body is larger than the sandbox accepts.");
      send(exchange, ApiResponse.of(413, tooBig.document()), null, method, path, null);
      exchange.getConnection().close();
      return;
    } catch (IOException e) {
      exchange.getConnection().close();
      return;
    }
    ApiResponse response = route(exchange, method, path, body, operationId);
    send(exchange, response, fault, method, path, operationId[0]);
  }

  private boolean servesInline(HttpServerExchange exchange) {
    return exchange.getRequestMethod().equals(Methods.GET)
        && faults.isEmpty()
        && exchange.getRequestPath().startsWith("/api/")
        && exchange.getRequestContentLength() <= 0
        && !exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING);
  }

  /** Serves one request; never throws: errors become Klaviyo error documents. */
  private ApiResponse route(HttpServerExchange exchange, String method, String path, byte[] body,
      String[] operationId) {
    ApiResponse response;
    try {
      String rawPath = path;
      path = decodePath(rawPath);
      Map<String, String> query = parseQuery(exchange.getQueryString());
      if (path.startsWith("/__admin/") && admin != null) {
        response = admin.handle(method, path, query, body);
      } else if (path.equals("/oauth/token") || path.equals("/oauth/revoke")) {
        response = oauth(exchange, method, path, body);
      } else {
        PathRouter.Match match = spec.match(method, path);
        if (match == null) {
          throw spec.hasPath(path)
              ? ApiException.methodNotAllowed(method)
              : ApiException.notFound("No API endpoint matches " + method + " " + path + ".");
        }
        Operation op = match.operation();
        operationId[0] = op.operationId();
        response = api(exchange, op, match.pathParameters(), method, rawPath, query, body);
      }
    } catch (ApiException e) {
      response = ApiResponse.of(e.status(), e.document());
      e.headers().forEach(response::header);
    } catch (RuntimeException | LinkageError | AssertionError e) {
      // A sandbox bug must still answer with an error document, not a bare 500 from the server.
      log.error("Sandbox failed on {} {}", method, path, e);
      ApiException err = ApiException.status(500, "server_error", "A server error occurred.",
          "The sandbox failed: " + e.getClass().getSimpleName());
      response = ApiResponse.of(500, err.document());
    }
    return response;
  }

  private ApiResponse api(HttpServerExchange exchange, Operation op, Map<String, String> pathParameters,
      String method, String path, Map<String, String> query, byte[] body) {
    Revisions.check(exchange.getRequestHeaders().getFirst("revision"), spec.revision());
    Credential credential;
    if (op.isPublic()) {
      String companyId = query.get("company_id");
      if (companyId == null || !publicKeys.test(companyId)) {
        throw ApiException.invalidParameter("company_id", "'" + (companyId == null ? "" : companyId)
            + "' is not a valid public API key (company_id).");
      }
      credential = new Credential("public:" + companyId, null);
    } else {
      credential = authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
    }
    for (String scope : op.scopes()) {
      if (!credential.grants(scope)) {
        throw ApiException.permissionDenied("This request requires the scope '" + scope + "', which the "
            + "credential was not granted.");
      }
    }
    RateLimiter.Decision decision = null;
    for (Map.Entry<String, RateLimit> stricter : query.isEmpty() ? Map.<String, RateLimit>of().entrySet()
        : op.additionalFieldLimits().entrySet()) {
      // Asking for an expensive additional field (a list's profile_count) counts against its own quota.
      String[] parameter = stricter.getKey().split("=", 2);
      String asked = query.get(parameter[0]);
      if (asked != null && java.util.Arrays.asList(asked.split(",")).contains(parameter[1])) {
        decision = rateLimiter.acquire(ACCOUNT_QUOTA, op.operationId() + " " + stricter.getKey(),
            stricter.getValue());
        if (decision != null && !decision.allowed()) {
          throw ApiException.throttled(decision.retryAfterSeconds());
        }
      }
    }
    RateLimiter.Decision general = rateLimiter.acquire(ACCOUNT_QUOTA, op.operationId(), op.rateLimit());
    if (decision == null) {
      decision = general;
    } else if (general != null && !general.allowed()) {
      decision = general;
    }
    if (decision != null && !decision.allowed()) {
      throw ApiException.throttled(decision.retryAfterSeconds());
    }
    for (String name : query.keySet()) {
      if (!op.queryParameters().contains(name)) {
        throw ApiException.invalidParameter(name, "'" + name + "' is not a valid query parameter for this endpoint.");
      }
    }
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    if (body.length > 0 && BODY_METHODS.contains(method)) {
      checkContentType(op, contentType);
    }
    String base = exchange.getRequestScheme() + "://" + exchange.getHostAndPort();
    ApiRequest request = new ApiRequest(op, path, pathParameters, query,
        exchange.getQueryString() == null ? "" : exchange.getQueryString(), contentType, body, credential, base);
    validator.check(request);
    ApiHandler handler = handlers.get(op.operationId());
    if (handler == null) {
      throw ApiException.notEmulated(op.operationId());
    }
    ApiResponse response = handler.handle(request);
    if (decision != null) {
      response.header("RateLimit-Limit", Integer.toString(decision.limit()));
      response.header("RateLimit-Remaining", Integer.toString(decision.remaining()));
      response.header("RateLimit-Reset", Long.toString(decision.resetSeconds()));
    }
    return response;
  }

  private static void checkContentType(Operation op, String contentType) {
    String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (op.operationId().equals("upload_image_from_file")) {
      if (!ct.startsWith("multipart/form-data")) {
        throw ApiException.unsupportedMediaType(contentType);
      }
      return;
    }
    if (!(ct.startsWith(JSON_API) || ct.startsWith("application/json"))) {
      throw ApiException.unsupportedMediaType(contentType);
    }
  }

  private Credential authenticate(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      throw ApiException.notAuthenticated();
    }
    String a = authorization.trim();
    Credential credential;
    if (a.regionMatches(true, 0, "Klaviyo-API-Key ", 0, 16)) {
      credential = apiKeys.lookup(a.substring(16).trim());
    } else if (a.regionMatches(true, 0, "Bearer ", 0, 7)) {
      credential = oauth.authenticate(a.substring(7).trim());
    } else {
      throw ApiException.notAuthenticated();
    }
    if (credential == null) {
      throw ApiException.authenticationFailed();
    }
    return credential;
  }

  private ApiResponse oauth(HttpServerExchange exchange, String method, String path, byte[] body) {
    if (!method.equals("POST")) {
      throw ApiException.methodNotAllowed(method);
    }
    Map<String, String> form = parseQuery(new String(body, StandardCharsets.UTF_8));
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    SandboxOAuth.Result result = path.equals("/oauth/token")
        ? oauth.token(form, authorization)
        : oauth.revoke(form, authorization);
    return ApiResponse.of(result.status(), result.body()).header("Content-Type", "application/json");
  }

  private void send(HttpServerExchange exchange, ApiResponse response, Fault fault, String method, String path,
      String operationId) throws IOException {
    byte[] bytes = prepare(exchange, response, fault, method, path, operationId);
    OutputStream out = exchange.getOutputStream();
    if (fault != null && fault.kind() == Fault.Kind.TRUNCATED_BODY) {
      out.write(bytes, 0, bytes.length / 2);
      out.flush();
      exchange.getConnection().close();
      return;
    }
    out.write(bytes);
    out.close();
  }

  /** Records the request, sets status and headers, and returns the body bytes to send. */
  private byte[] prepare(HttpServerExchange exchange, ApiResponse response, Fault fault, String method,
      String path, String operationId) {
    requestLog.record(method, path, operationId, response.status());
    exchange.setStatusCode(response.status());
    byte[] bytes = response.raw() != null ? response.raw()
        : response.body() == null ? new byte[0] : Json.writeBytes(response.body());
    String contentType = JSON_API;
    for (Map.Entry<String, String> h : response.headers().entrySet()) {
      if (h.getKey().equalsIgnoreCase("Content-Type")) {
        contentType = h.getValue();
      } else {
        exchange.getResponseHeaders().put(new HttpString(h.getKey()), h.getValue());
      }
    }
    if (bytes.length > 0) {
      exchange.getResponseHeaders().put(CONTENT_TYPE, contentType);
    }
    if (fault != null && fault.kind() == Fault.Kind.MALFORMED_BODY) {
      bytes = malformed(bytes);
      exchange.getResponseHeaders().put(CONTENT_TYPE, contentType);
    }
    exchange.getResponseHeaders().put(CONTENT_LENGTH, bytes.length);
    return bytes;
  }

  private static byte[] malformed(byte[] body) {
    String text = body.length == 0 ? "{\"data\": " : new String(body, 0, Math.max(1, body.length - 1),
        StandardCharsets.UTF_8) + ",,<html>";
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String faultCode(int status) {
    return switch (status) {
      case 429 -> "throttled";
      case 500 -> "server_error";
      case 503 -> "service_unavailable";
      case 504 -> "gateway_timeout";
      default -> status >= 500 ? "server_error" : "error";
    };
  }

  private static void sleep(Fault fault) {
    try {
      Thread.sleep(fault.delayDuration().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Percent-decodes a request path ({@code +} stays a plus); the server leaves decoding to the sandbox so
   * that malformed encoding gets Klaviyo's error document rather than an empty 400.
   */
  static String decodePath(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.status(400, "invalid", "Invalid input.", "Malformed percent-encoding in the path '" + raw
          + "'.");
    }
  }

  /** Decodes {@code a=1&b=2} (query strings and form bodies); the first value of a repeated name wins. */
  static Map<String, String> parseQuery(String raw) {
    if (raw == null || raw.isEmpty()) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.putIfAbsent(name, value);
    }
    return out;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidParameter(s, "Malformed percent-encoding in '" + s + "'.");
    }
  }
}
