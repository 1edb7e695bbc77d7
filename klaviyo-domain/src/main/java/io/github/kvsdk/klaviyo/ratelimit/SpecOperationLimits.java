package io.github.kvsdk.klaviyo.ratelimit;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import io.github.kvsdk.klaviyo.catalog.Operation;
import io.github.kvsdk.klaviyo.catalog.OperationCatalog;
import io.github.kvsdk.klaviyo.catalog.RateLimit;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okio.Okio;

/**
 * Every operation's {@code x-klaviyo-ratelimit}, read once from a spec document and matched against request
 * paths by path template. Literal segments win over placeholders, so {@code /api/profiles/{id}} and
 * {@code /api/profile-import} never collide, and {@code /api/lists/{id}/profiles} beats a hypothetical
 * {@code /api/lists/{id}/{relationship}}. Thread-safe and immutable after construction.
 */
public final class SpecOperationLimits implements OperationLimits {
  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete", "head", "options");

  /** Template routes indexed by method and segment count, so a lookup scans only plausible candidates. */
  private final Map<String, List<Route>> routes;

  private SpecOperationLimits(Map<String, List<Route>> routes) {
    this.routes = routes;
  }

  /**
   * {@return the limits of the pinned spec, taken from the operation catalogue the build extracted from it
   * ({@link OperationCatalog#packaged()}), so no client parses the 1.7 MB spec at run time} Built on first
   * use, then shared by every client in the JVM.
   */
  public static SpecOperationLimits packaged() {
    return Packaged.INSTANCE;
  }

  /**
   * {@return the limits the OpenAPI document states; operations without {@code x-klaviyo-ratelimit} are not
   * limited}
   *
   * @param spec a Klaviyo OpenAPI document as JSON (UTF-8); the caller closes it
   * @throws java.io.UncheckedIOException if the document cannot be read or is not JSON
   */
  public static SpecOperationLimits parse(InputStream spec) {
    Object root;
    try {
      JsonAdapter<Object> adapter = new Moshi.Builder().build().adapter(Object.class);
      root = adapter.fromJson(Okio.buffer(Okio.source(spec)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the OpenAPI document", e);
    }
    List<Route> routes = new ArrayList<>();
    if (root instanceof Map<?, ?> document && document.get("paths") instanceof Map<?, ?> paths) {
      for (Map.Entry<?, ?> path : paths.entrySet()) {
        if (!(path.getValue() instanceof Map<?, ?> operations)) continue;
        String template = path.getKey().toString();
        for (Map.Entry<?, ?> operation : operations.entrySet()) {
          String method = operation.getKey().toString();
          if (!METHODS.contains(method) || !(operation.getValue() instanceof Map<?, ?> op)) continue;
          if (!(op.get("x-klaviyo-ratelimit") instanceof Map<?, ?> limit)) continue;
          routes.add(new Route(method.toUpperCase(Locale.ROOT), template, Limit.parse(
              (String) limit.get("burst"), (String) limit.get("steady"), (String) limit.get("daily"))));
        }
      }
    }
    return index(routes);
  }

  /** Indexes routes by method and segment count, most literal segments first. */
  private static SpecOperationLimits index(List<Route> all) {
    Map<String, List<Route>> routes = new HashMap<>();
    for (Route route : all) {
      routes.computeIfAbsent(route.index(), k -> new ArrayList<>()).add(route);
    }
    routes.values().forEach(list -> list.sort(Comparator.comparingInt(Route::literalSegments).reversed()));
    routes.replaceAll((k, v) -> List.copyOf(v));
    return new SpecOperationLimits(Map.copyOf(routes));
  }

  /** {@return the number of operations with a declared limit} */
  public int size() {
    return routes.values().stream().mapToInt(List::size).sum();
  }

  @Override
  public Optional<OperationLimit> forRequest(String method, String encodedPath) {
    String[] segments = segments(encodedPath);
    List<Route> candidates = routes.get(method.toUpperCase(Locale.ROOT) + " " + segments.length);
    if (candidates == null) return Optional.empty();
    for (Route route : candidates) {
      if (route.matches(segments)) return Optional.of(route.operationLimit);
    }
    return Optional.empty();
  }

  private static String[] segments(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    if (trimmed.endsWith("/")) trimmed = trimmed.substring(0, trimmed.length() - 1);
    return trimmed.split("/", -1);
  }

  private static final class Route {
    final String method;
    final String[] segments; // null entries are placeholders
    final OperationLimit operationLimit;

    Route(String method, String template, Limit limit) {
      this.method = method;
      String[] raw = segments(template);
      this.segments = new String[raw.length];
      for (int i = 0; i < raw.length; i++) {
        segments[i] = raw[i].startsWith("{") && raw[i].endsWith("}") ? null : raw[i];
      }
      this.operationLimit = new OperationLimit(method + " " + template, limit);
    }

    String index() {
      return method + " " + segments.length;
    }

    int literalSegments() {
      int n = 0;
      for (String s : segments) if (s != null) n++;
      return n;
    }

    boolean matches(String[] path) {
      for (int i = 0; i < segments.length; i++) {
        if (segments[i] == null ? path[i].isEmpty() : !segments[i].equals(path[i])) return false;
      }
      return true;
    }
  }

  /** Lazy holder: built when the first rate-limited request needs it, not at class load. */
  private static final class Packaged {
    static final SpecOperationLimits INSTANCE = load();

    private static SpecOperationLimits load() {
      List<Route> routes = new ArrayList<>();
      for (Operation operation : OperationCatalog.packaged().operations()) {
        RateLimit declared = operation.rateLimit();
        if (declared != null) {
          routes.add(new Route(operation.method().toUpperCase(Locale.ROOT), operation.pathTemplate(), new Limit(
              declared.burstPerSecond(), declared.steadyPerMinute(), declared.dailyLimit().orElse(0))));
        }
      }
      return index(routes);
    }
  }
}
