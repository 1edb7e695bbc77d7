package io.github.kvsdk.klaviyo.sandbox.internal.spec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches request paths against the spec's path templates. Templates are bucketed by method, segment count
 * and first two segments; literal segments win over {@code {param}} segments so that
 * {@code /api/profiles/{id}} never shadows a literal sibling.
 */
public final class PathRouter {
  /** A matched operation and its decoded path parameters. */
  public record Match(Operation operation, Map<String, String> pathParameters) {}

  private record Template(Operation operation, String[] segments, int literalCount) {}

  private static final String ANY_PREFIX = "";

  /** "* segment count" -> templates of any method, for telling a 405 from a 404. */
  private final Map<String, List<Template>> buckets = new HashMap<>();
  /**
   * method -> segment count -> first two literal segments ({@code api/profiles}) -> templates, most literal
   * first: a request is compared only with the templates of its own resource collection. Templates whose
   * first two segments are not both literal are kept under {@link #ANY_PREFIX}.
   */
  private final Map<String, Map<Integer, Map<String, List<Template>>>> byPrefix = new HashMap<>();

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
    int[] bounds = bounds(path);
    int count = bounds.length - 1;
    Map<Integer, Map<String, List<Template>>> byCount = byPrefix.get(method);
    Map<String, List<Template>> byKey = byCount == null ? null : byCount.get(count);
    if (byKey == null) {
      return null;
    }
    if (count >= 2) {
      Match m = first(byKey.get(path.substring(bounds[0], bounds[2] - 1)), path, bounds);
      if (m != null) {
        return m;
      }
    }
    return first(byKey.get(ANY_PREFIX), path, bounds);
  }

  private static Match first(List<Template> candidates, String path, int[] bounds) {
    if (candidates == null) {
      return null;
    }
    for (Template t : candidates) {
      Map<String, String> params = tryMatch(t, path, bounds);
      if (params != null) {
        return new Match(t.operation, params);
      }
    }
    return null;
  }

  /**
   * Where the segments of {@code path} start (without its leading and trailing slash): segment i is
   * {@code path.substring(bounds[i], bounds[i + 1] - 1)}. Matching reads the path in place, so only path
   * parameters become new strings.
   */
  private static int[] bounds(String path) {
    int from = path.startsWith("/") ? 1 : 0;
    int to = path.endsWith("/") && path.length() > from ? path.length() - 1 : path.length();
    int count = 1;
    for (int i = from; i < to; i++) {
      if (path.charAt(i) == '/') {
        count++;
      }
    }
    int[] bounds = new int[count + 1];
    int n = 0;
    bounds[n++] = from;
    for (int i = from; i < to; i++) {
      if (path.charAt(i) == '/') {
        bounds[n++] = i + 1;
      }
    }
    bounds[n] = Math.max(from, to) + 1;
    return bounds;
  }

  private static Map<String, String> tryMatch(Template t, String path, int[] bounds) {
    String name = null;
    String value = null;
    Map<String, String> more = null;
    for (int i = 0; i < t.segments.length; i++) {
      String expected = t.segments[i];
      int start = bounds[i];
      int length = bounds[i + 1] - 1 - start;
      if (expected.startsWith("{")) {
        if (length <= 0) {
          return null;
        }
        String parameter = expected.substring(1, expected.length() - 1);
        String given = path.substring(start, start + length);
        if (name == null) {
          name = parameter;
          value = given;
        } else {
          if (more == null) {
            more = new HashMap<>(4);
            more.put(name, value);
          }
          more.put(parameter, given);
        }
      } else if (expected.length() != length || !path.regionMatches(start, expected, 0, length)) {
        return null;
      }
    }
    return more != null ? more : name != null ? Map.of(name, value) : Map.of();
  }

  boolean hasPath(String path) {
    int[] bounds = bounds(path);
    List<Template> candidates = buckets.get("* " + (bounds.length - 1));
    if (candidates == null) {
      return false;
    }
    for (Template t : candidates) {
      if (tryMatch(t, path, bounds) != null) {
        return true;
      }
    }
    return false;
  }

  /** The segments of a path without its leading and trailing slash, as {@link #bounds} finds them. */
  private static String[] split(String path) {
    int[] bounds = bounds(path);
    String[] out = new String[bounds.length - 1];
    for (int i = 0; i < out.length; i++) {
      out[i] = path.substring(bounds[i], bounds[i + 1] - 1);
    }
    return out;
  }
}
