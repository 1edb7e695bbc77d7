package io.github.kvsdk.klaviyo.sandbox.internal.admin;

import io.github.kvsdk.klaviyo.sandbox.faults.Fault;
import io.github.kvsdk.klaviyo.sandbox.faults.Faults;
import io.github.kvsdk.klaviyo.sandbox.http.RequestLog;
import io.github.kvsdk.klaviyo.sandbox.internal.http.AdminEndpoint;
import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiException;
import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiResponse;
import io.github.kvsdk.klaviyo.sandbox.internal.json.Json;
import io.github.kvsdk.klaviyo.sandbox.internal.json.JsonSyntaxException;
import io.github.kvsdk.klaviyo.sandbox.mutation.MutationDriver;
import io.github.kvsdk.klaviyo.sandbox.oauth.SandboxOAuth;
import io.github.kvsdk.klaviyo.sandbox.ratelimit.RateLimiter;
import io.github.kvsdk.klaviyo.sandbox.resources.Resource;
import io.github.kvsdk.klaviyo.sandbox.resources.ResourceTable;
import io.github.kvsdk.klaviyo.sandbox.resources.SandboxState;
import io.github.kvsdk.klaviyo.sandbox.seed.SeedPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The sandbox's own HTTP API under {@code /__admin/}, for driving a standalone sandbox from other
 * processes. JSON in and out; no authentication (the server binds to loopback).
 *
 * <ul>
 *   <li>{@code GET /__admin/state}: object counts per type, request count, settings.</li>
 *   <li>{@code GET /__admin/state/{type}}: ids of all objects of a type (such as {@code profile}).</li>
 *   <li>{@code POST /__admin/faults} {@code {"kind":"status","status":503,"path":"/api/profiles*","method":"GET",
 *       "times":2,"probability":1.0,"delay_ms":0}}; {@code DELETE /__admin/faults}.</li>
 *   <li>{@code POST /__admin/rate-limits} {@code {"enabled":true}}.</li>
 *   <li>{@code POST /__admin/seed} {@code {"profiles":100,"events":10,"same_second":5}}.</li>
 *   <li>{@code POST /__admin/mutations} {@code {"type":"profile","per_second":5}}; {@code DELETE} stops all.</li>
 *   <li>{@code POST /__admin/oauth/clients} {@code {"client_id","client_secret","redirect_uri"}}.</li>
 *   <li>{@code POST /__admin/oauth/codes} {@code {"client_id","scopes":[..],"code_challenge","redirect_uri"}}.</li>
 *   <li>{@code GET /__admin/images/{id}.{ext}}: the bytes of an uploaded image.</li>
 * </ul>
 */
public final class AdminApi implements AdminEndpoint {
  private final SandboxState state;
  private final Faults faults;
  private final RateLimiter rateLimiter;
  private final MutationDriver mutations;
  private final SandboxOAuth oauth;
  private final RequestLog requests;
  private final Consumer<SeedPlan> seeder;

  /**
   * Over the sandbox's parts (given rather than the sandbox itself, which depends on this package); {@code
   * seeder} creates a plan's sample data as the sandbox's {@code seed} method does.
   *
   * @param state the stored objects
   * @param faults the faults to inject
   * @param rateLimiter the sandbox's rate limiter
   * @param mutations the driver of background changes
   * @param oauth the OAuth authorization server
   * @param requests the log of served requests
   * @param seeder creates the sample data of a plan
   */
  public AdminApi(SandboxState state, Faults faults, RateLimiter rateLimiter, MutationDriver mutations,
      SandboxOAuth oauth, RequestLog requests, Consumer<SeedPlan> seeder) {
    this.state = state;
    this.faults = faults;
    this.rateLimiter = rateLimiter;
    this.mutations = mutations;
    this.oauth = oauth;
    this.requests = requests;
    this.seeder = seeder;
  }

  @Override
  public ApiResponse handle(String method, String path, Map<String, String> query, byte[] body) {
    String p = path.substring("/__admin".length());
    if (p.endsWith("/") && p.length() > 1) {
      p = p.substring(0, p.length() - 1);
    }
    if (method.equals("GET") && p.equals("/state")) {
      return ApiResponse.ok(state());
    }
    if (method.equals("GET") && p.startsWith("/state/")) {
      ResourceTable table;
      try {
        table = state.table(p.substring(7));
      } catch (IllegalArgumentException e) {
        throw ApiException.notFound("Unknown type '" + p.substring(7) + "'.");
      }
      List<String> ids = table.all().stream().map(Resource::id).toList();
      return ApiResponse.ok(Map.of("type", table.type(), "count", ids.size(), "ids", ids));
    }
    if (method.equals("GET") && p.startsWith("/images/")) {
      return image(p.substring(8));
    }
    Map<String, Object> json = method.equals("DELETE") ? Map.of() : object(body);
    switch (method + " " + p) {
      case "POST /faults" -> {
        Fault fault = fault(json);
        faults.add(fault);
        return ApiResponse.created(Map.of("fault", fault.toString()));
      }
      case "DELETE /faults" -> {
        faults.clear();
        return ApiResponse.noContent();
      }
      case "POST /rate-limits" -> {
        rateLimiter.enabled(Boolean.TRUE.equals(json.get("enabled")));
        return ApiResponse.ok(Map.of("enabled", rateLimiter.enabled()));
      }
      case "POST /seed" -> {
        SeedPlan.Builder plan = SeedPlan.builder();
        for (SeedPlan.Type type : SeedPlan.Type.values()) {
          plan.count(type, intValue(json, type.name().toLowerCase(Locale.ROOT), 0));
        }
        plan.sameSecond(intValue(json, "same_second", 0));
        seeder.accept(plan.build());
        return ApiResponse.ok(state());
      }
      case "POST /mutations" -> {
        Object type = json.getOrDefault("type", "profile");
        Object perSecond = json.get("per_second");
        if (!(perSecond instanceof Number n)) {
          throw ApiException.invalidBody("/per_second", "'per_second' is a required number.");
        }
        try {
          mutations.updatePerSecond(type.toString(), n.doubleValue());
        } catch (IllegalArgumentException e) {
          throw ApiException.invalidBody("/type", e.getMessage());
        }
        return ApiResponse.ok(Map.of("type", type, "per_second", n));
      }
      case "DELETE /mutations" -> {
        mutations.stop();
        return ApiResponse.noContent();
      }
      case "POST /oauth/clients" -> {
        oauth.registerClient(string(json, "client_id"), string(json, "client_secret"),
            (String) json.get("redirect_uri"));
        return ApiResponse.created(Map.of("client_id", json.get("client_id")));
      }
      case "POST /oauth/codes" -> {
        List<String> scopes = new ArrayList<>();
        if (json.get("scopes") instanceof List<?> list) {
          list.forEach(s -> scopes.add(String.valueOf(s)));
        }
        try {
          String code = oauth.issueAuthorizationCode(string(json, "client_id"), scopes,
              string(json, "code_challenge"), (String) json.get("redirect_uri"));
          return ApiResponse.created(Map.of("code", code));
        } catch (IllegalArgumentException e) {
          throw ApiException.invalidBody("/", e.getMessage());
        }
      }
      default -> throw ApiException.notFound("No admin endpoint " + method + " " + path + ".");
    }
  }

  private Map<String, Object> state() {
    Map<String, Object> counts = new LinkedHashMap<>();
    for (ResourceTable t : state.tables()) {
      counts.put(t.type(), t.count());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("counts", counts);
    out.put("requests", requests.total());
    out.put("rate_limits", rateLimiter.enabled());
    out.put("time_scale", rateLimiter.timeScale());
    out.put("faults", faults.list().stream().map(Fault::toString).toList());
    return out;
  }

  private ApiResponse image(String name) {
    String id = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
    Resource image = state.images().get(id)
        .orElseThrow(() -> ApiException.notFound("No image " + id + "."));
    Object bytes = image.attributes().get("$bytes");
    if (!(bytes instanceof byte[] b)) {
      throw ApiException.notFound("Image " + id + " has no stored bytes.");
    }
    return ApiResponse.bytes(200, "image/" + image.attributes().get("format"), b);
  }

  private static Fault fault(Map<String, Object> json) {
    String kind = String.valueOf(json.getOrDefault("kind", "status")).toLowerCase(Locale.ROOT);
    Fault fault;
    try {
      fault = switch (kind) {
        case "status" -> Fault.status(intValue(json, "status", 503));
        case "delay" -> Fault.delay(Duration.ofMillis(intValue(json, "delay_ms", 1000)));
        case "connection_reset", "reset" -> Fault.connectionReset();
        case "truncated_body", "truncated" -> Fault.truncatedBody();
        case "malformed_body", "malformed" -> Fault.malformedBody();
        default -> throw new IllegalArgumentException("Unknown fault kind '" + kind + "'");
      };
      if (json.get("path") instanceof String path) {
        fault = fault.path(path);
      }
      if (json.get("method") instanceof String m) {
        fault = fault.method(m);
      }
      if (json.get("times") instanceof Number n) {
        fault = fault.times(n.intValue());
      }
      if (json.get("probability") instanceof Number pr) {
        fault = fault.probability(pr.doubleValue());
      }
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidBody("/", e.getMessage());
    }
    return fault;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(byte[] body) {
    if (body.length == 0) {
      return Map.of();
    }
    try {
      Object parsed = Json.parse(body);
      if (parsed instanceof Map<?, ?> m) {
        return (Map<String, Object>) m;
      }
    } catch (JsonSyntaxException e) {
      throw ApiException.invalidBody("/", "Malformed JSON: " + e.getMessage());
    }
    throw ApiException.invalidBody("/", "The body must be a JSON object.");
  }

  private static int intValue(Map<String, Object> json, String name, int fallback) {
    Object v = json.get(name);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Number n)) {
      throw ApiException.invalidBody("/" + name, "'" + name + "' must be a number.");
    }
    return n.intValue();
  }

  private static String string(Map<String, Object> json, String name) {
    Object v = json.get(name);
    if (!(v instanceof String s) || s.isEmpty()) {
      throw ApiException.invalidBody("/" + name, "'" + name + "' is a required string.");
    }
    return s;
  }
}
