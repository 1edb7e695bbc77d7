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

  PathRouter(Collection<Operation> operations) {
    for (Operation op : operations) {
      String[] segments = split(op.pathTemplate());
      int literals = 0;
      for (String s : segments) {
        if (!s.startsWith("{")) {
          literals++;
        }
      }
      buckets.computeIfAbsent(op.method() + " " + segments.length, k -> new ArrayList<>())
          .add(new Template(op, segments, literals));
      buckets.computeIfAbsent("* " + segments.length, k -> new ArrayList<>())
          .add(new Template(op, segments, literals));
    }
    for (List<Template> list : buckets.values()) {
      list.sort((a, b) -> Integer.compare(b.literalCount, a.literalCount));
    }
  }

  Match match(String method, String path) {
    String[] segments = split(path);
    List<Template> candidates = buckets.get(method + " " + segments.length);
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

  private static String[] split(String path) {
    String p = path;
    if (p.endsWith("/") && p.length() > 1) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.startsWith("/")) {
      p = p.substring(1);
    }
    return p.split("/", -1);
  }
}
