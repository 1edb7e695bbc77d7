package io.github.kvsdk.klaviyo.ratelimit;

import io.github.kvsdk.klaviyo.catalog.Operation;
import io.github.kvsdk.klaviyo.catalog.OperationCatalog;
import io.github.kvsdk.klaviyo.catalog.RateLimit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every operation's documented rate limit, taken from the operation catalogue the build extracted from the
 * spec, matched against request paths by path template: the default {@link OperationLimits} of {@link
 * RateLimiterConfig}. Literal segments win over placeholders, so {@code /api/profiles/{id}} and
 * {@code /api/profile-import} never collide, and {@code /api/lists/{id}/profiles} beats a hypothetical
 * {@code /api/lists/{id}/{relationship}}. Thread-safe and immutable after construction.
 */
final class CatalogOperationLimits implements OperationLimits {
  /** Template routes indexed by method and segment count, so a lookup scans only plausible candidates. */
  private final Map<String, List<Route>> routes;

  private CatalogOperationLimits(Map<String, List<Route>> routes) {
    this.routes = routes;
  }

  /**
   * The limits of the catalogue built into this library ({@link OperationCatalog#packaged()}), so no client
   * parses the spec at run time. Built on first use, then shared by every client in the JVM.
   */
  static CatalogOperationLimits packaged() {
    return Packaged.INSTANCE;
  }

  /** Indexes routes by method and segment count, most literal segments first. */
  private static CatalogOperationLimits index(List<Route> all) {
    Map<String, List<Route>> routes = new HashMap<>();
    for (Route route : all) {
      routes.computeIfAbsent(route.index(), k -> new ArrayList<>()).add(route);
    }
    routes.values().forEach(list -> list.sort(Comparator.comparingInt(Route::literalSegments).reversed()));
    routes.replaceAll((k, v) -> List.copyOf(v));
    return new CatalogOperationLimits(Map.copyOf(routes));
  }

  /** The number of operations with a declared limit. */
  int size() {
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
    static final CatalogOperationLimits INSTANCE = load();

    private static CatalogOperationLimits load() {
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
