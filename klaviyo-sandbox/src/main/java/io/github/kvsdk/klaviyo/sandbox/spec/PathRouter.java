package io.github.kvsdk.klaviyo.sandbox.spec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches request paths against the spec's path templates. Templates are bucketed by method and segment
 * count; literal segments win over {@code {param}} segments so that {@code /api/profiles/{id}} never
 * shadows a literal sibling.
 */
public final class PathRouter {
  /** A matched operation and its decoded path parameters. */
  public record Match(Operation operation, Map<String, String> pathParameters) {}

  private record Template(Operation operation, String[] segments, int literalCount) {}

  private final Map<String, List<Template>> buckets = new HashMap<>();
  /**
   * method -> segment count -> first two literal segments ({@code api/profiles}) -> templates, most literal
   * first: a request is compared only with the templates of its own resource collection. Templates whose
   * first two segments are not both literal are kept under {@link #ANY_PREFIX}.
   */
  private final Map<String, Map<Integer, Map<String, List<Template>>>> byPrefix = new HashMap<>();
  private static final String ANY_PREFIX = "";

  PathRouter(Collection<Operation> operations) {
    for (Operation op : operations) {
      String[] segments = split(op.pathTemplate());
      int literals = 0;
      for (String s : segments) {
        if (!s.startsWith("{")) {
          literals++;
        }
      }
      Template t = new Template(op, segments, literals);
      buckets.computeIfAbsent(op.method() + " " + segments.length, k -> new ArrayList<>()).add(t);
      buckets.computeIfAbsent("* " + segments.length, k -> new ArrayList<>()).add(t);
      byPrefix.computeIfAbsent(op.method(), k -> new HashMap<>())
          .computeIfAbsent(segments.length, k -> new HashMap<>())
          .computeIfAbsent(prefixOfTemplate(segments), k -> new ArrayList<>()).add(t);
    }
    for (List<Template> list : buckets.values()) {
      list.sort((a, b) -> Integer.compare(b.literalCount, a.literalCount));
    }
    for (Map<Integer, Map<String, List<Template>>> byCount : byPrefix.values()) {
      for (Map<String, List<Template>> byKey : byCount.values()) {
        for (List<Template> list : byKey.values()) {
          list.sort((a, b) -> Integer.compare(b.literalCount, a.literalCount));
        }
      }
    }
  }

  private static String prefixOfTemplate(String[] segments) {
    return segments.length >= 2 && !segments[0].startsWith("{") && !segments[1].startsWith("{")
        ? segments[0] + "/" + segments[1] : ANY_PREFIX;
  }

  Match match(String method, String path) {
    String[] segments = split(path);
    Map<Integer, Map<String, List<Template>>> byCount = byPrefix.get(method);
    Map<String, List<Template>> byKey = byCount == null ? null : byCount.get(segments.length);
    if (byKey == null) {
      return null;
    }
    if (segments.length >= 2) {
      Match m = first(byKey.get(segments[0] + "/" + segments[1]), segments);
      if (m != null) {
        return m;
      }
    }
    return first(byKey.get(ANY_PREFIX), segments);
  }

  private static Match first(List<Template> candidates, String[] segments) {
    if (candidates == null) {
      return null;
    }
    for (Template t : candidates) {
      Map<String, String> params = tryMatch(t, segments);
      if (params != null) {
        return new Match(t.operation, params);
      }
    }
    return null;
  }

  boolean hasPath(String path) {
    String[] segments = split(path);
    List<Template> candidates = buckets.get("* " + segments.length);
    if (candidates == null) {
      return false;
    }
    for (Template t : candidates) {
      if (tryMatch(t, segments) != null) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, String> tryMatch(Template t, String[] segments) {
    Map<String, String> params = null;
    for (int i = 0; i < segments.length; i++) {
      String expected = t.segments[i];
      if (expected.startsWith("{")) {
        if (segments[i].isEmpty()) {
          return null;
        }
        if (params == null) {
          params = new HashMap<>(2);
        }
        params.put(expected.substring(1, expected.length() - 1), segments[i]);
      } else if (!expected.equals(segments[i])) {
        return null;
      }
    }
    return params == null ? Map.of() : params;
  }

  /** The segments of a path without its leading and trailing slash; no regular expression, one pass. */
  private static String[] split(String path) {
    int from = path.startsWith("/") ? 1 : 0;
    int to = path.endsWith("/") && path.length() > from ? path.length() - 1 : path.length();
    int count = 1;
    for (int i = from; i < to; i++) {
      if (path.charAt(i) == '/') {
        count++;
      }
    }
    String[] out = new String[count];
    int start = from;
    int n = 0;
    for (int i = from; i < to; i++) {
      if (path.charAt(i) == '/') {
        out[n++] = path.substring(start, i);
        start = i + 1;
      }
    }
    out[n] = path.substring(start, Math.max(start, to));
    return out;
  }
}
