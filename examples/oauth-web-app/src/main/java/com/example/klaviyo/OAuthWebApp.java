package com.example.klaviyo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.kvsdk.klaviyo.CredentialCheck;
import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.actions.ProfileAttributes;
import io.github.kvsdk.klaviyo.oauth.AuthorizationRequest;
import io.github.kvsdk.klaviyo.oauth.FileTokenStore;
import io.github.kvsdk.klaviyo.oauth.OAuthClientCredentials;
import io.github.kvsdk.klaviyo.oauth.OAuthSession;
import io.github.kvsdk.klaviyo.oauth.OAuthTokenClient;
import io.github.kvsdk.klaviyo.query.QueryOptions;
import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A web app connecting to a Klaviyo account with OAuth: {@code /connect} sends the browser to Klaviyo with a
 * PKCE challenge, {@code /callback} checks the state and exchanges the code; tokens are kept in a {@link
 * FileTokenStore}, so a restarted app calls the API without asking the user again.
 *
 * <p>There is no browser here and the sandbox has no consent page, so {@link #browser} plays both: it follows
 * the app's redirect, approves the request by asking the sandbox for an authorization code bound to the
 * request's PKCE challenge, and returns to the app's callback as Klaviyo's redirect would.
 *
 * <p>Runs against an embedded sandbox unless {@code KLAVIYO_BASE_URL} names another sandbox.
 */
public final class OAuthWebApp {
  private static final String CLIENT_ID = "example-app";
  private static final String CLIENT_SECRET = "example-app-secret";
  private static final String[] SCOPES = {"accounts:read", "profiles:read", "profiles:write"};

  public static void main(String[] args) throws Exception {
    String baseUrl = System.getenv("KLAVIYO_BASE_URL");
    KlaviyoSandbox sandbox = baseUrl == null ? KlaviyoSandbox.start() : null;
    String klaviyo = sandbox != null ? sandbox.baseUrl() : baseUrl;
    Path tokenFile = Files.createTempDirectory("klaviyo-oauth-example").resolve("tokens.json");
    HttpServer app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    String redirectUri = "http://127.0.0.1:" + app.getAddress().getPort() + "/callback";
    try {
      registerApp(klaviyo, redirectUri);
      OAuthSession session = session(klaviyo, tokenFile);

      // The app's two endpoints. A real app keeps the pending request in the user's session.
      Map<String, AuthorizationRequest> pending = new ConcurrentHashMap<>();
      app.createContext("/connect", exchange -> {
        AuthorizationRequest request = AuthorizationRequest.builder()
            .clientId(CLIENT_ID).redirectUri(redirectUri).scopes(SCOPES).build();
        pending.put(request.state(), request);
        exchange.getResponseHeaders().add("Location", request.url().toString());
        respond(exchange, 302, "");
      });
      app.createContext("/callback", exchange -> {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        AuthorizationRequest request = pending.remove(query.getOrDefault("state", ""));
        if (request == null || query.get("code") == null) {
          respond(exchange, 400, "Unknown or missing state");
          return;
        }
        session.completeAuthorization(query.get("code"), request.pkce().verifier(), redirectUri);
        respond(exchange, 200, "Connected to Klaviyo");
      });
      app.start();

      String page = browser(klaviyo, "http://127.0.0.1:" + app.getAddress().getPort() + "/connect");
      System.out.println("Browser shows: " + page);
      System.out.println("Tokens saved to " + tokenFile.getFileName() + " with permissions "
          + Files.getPosixFilePermissions(tokenFile));

      try (KlaviyoClient client = KlaviyoClient.builder().oauth(session).baseUrl(klaviyo).build()) {
        CredentialCheck check = client.verifyCredentials();
        System.out.println("Connected account: " + check.accountId() + " (" + check.credentialKind() + ")");
        client.profiles().create(ProfileAttributes.builder().email("grace@example.com").build());
        System.out.println("Created a profile with the OAuth token");
      }

      // After a restart: a new session over the same token file needs no new authorization.
      OAuthSession restarted = session(klaviyo, tokenFile);
      try (KlaviyoClient client = KlaviyoClient.builder().oauth(restarted).baseUrl(klaviyo).build()) {
        int profiles = client.profiles().list(QueryOptions.builder().pageSize(100).build()).data().size();
        System.out.println("After a restart, tokens from the file list " + profiles + " profiles");
      }

      restarted.revoke(); // The user disconnects the app: tokens revoked at Klaviyo and removed from the store.
      System.out.println("Revoked; tokens left in the store: " + restarted.tokens().isPresent());
    } finally {
      app.stop(0);
      if (sandbox != null) sandbox.close();
      try (var files = Files.list(tokenFile.getParent())) {
        for (Path file : files.toList()) Files.delete(file);
      }
      Files.delete(tokenFile.getParent());
    }
  }

  private static OAuthSession session(String klaviyo, Path tokenFile) {
    return OAuthSession.builder()
        .tokenClient(OAuthTokenClient.builder()
            .credentials(OAuthClientCredentials.of(CLIENT_ID, CLIENT_SECRET))
            .baseUrl(klaviyo)
            .build())
        .tokenStore(new FileTokenStore(tokenFile))
        .build();
  }

  /** Registers the app with the sandbox, as one creates an app in Klaviyo's developer settings. */
  private static void registerApp(String klaviyo, String redirectUri) throws IOException, InterruptedException {
    admin(klaviyo, "/__admin/oauth/clients", "{\"client_id\":\"" + CLIENT_ID + "\",\"client_secret\":\""
        + CLIENT_SECRET + "\",\"redirect_uri\":\"" + redirectUri + "\"}");
  }

  /**
   * The user's browser: opens {@code connectUrl}, follows the app's redirect to Klaviyo, approves there (the
   * sandbox issues the code), follows Klaviyo's redirect back to the app and returns the page it shows.
   */
  private static String browser(String klaviyo, String connectUrl) throws IOException, InterruptedException {
    HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    HttpResponse<String> connect = browser.send(HttpRequest.newBuilder(URI.create(connectUrl)).build(),
        HttpResponse.BodyHandlers.ofString());
    URI authorize = URI.create(connect.headers().firstValue("Location").orElseThrow());
    Map<String, String> request = query(authorize.getRawQuery());
    System.out.println("Redirected to " + authorize.getHost() + authorize.getPath() + " with code_challenge_method="
        + request.get("code_challenge_method") + ", scope=" + request.get("scope"));

    // The user approves: Klaviyo issues a code bound to the PKCE challenge and redirects back with the state.
    String scopes = "\"" + String.join("\",\"", request.get("scope").split(" ")) + "\"";
    String body = admin(klaviyo, "/__admin/oauth/codes", "{\"client_id\":\"" + request.get("client_id")
        + "\",\"scopes\":[" + scopes + "],\"code_challenge\":\"" + request.get("code_challenge")
        + "\",\"redirect_uri\":\"" + request.get("redirect_uri") + "\"}");
    Matcher code = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
    if (!code.find()) throw new IllegalStateException("The sandbox issued no code: " + body);
    URI callback = URI.create(request.get("redirect_uri") + "?code=" + encode(code.group(1))
        + "&state=" + encode(request.get("state")));
    HttpResponse<String> page = browser.send(HttpRequest.newBuilder(callback).build(),
        HttpResponse.BodyHandlers.ofString());
    if (page.statusCode() != 200) throw new IllegalStateException("Callback failed: " + page.body());
    return page.body();
  }

  private static String admin(String klaviyo, String path, String json) throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(klaviyo + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> values = new LinkedHashMap<>();
    if (rawQuery == null) return values;
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
