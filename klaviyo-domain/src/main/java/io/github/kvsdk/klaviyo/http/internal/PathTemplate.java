package io.github.kvsdk.klaviyo.http.internal;

import java.util.regex.Pattern;

/** Path templates such as {@code /api/lists/{id}/relationships/profiles}, matched against request paths. */
public final class PathTemplate {
  private PathTemplate() {}

  /**
   * Compiles a path template to a matcher of whole paths (a trailing slash allowed); each {@code {name}}
   * segment matches one non-empty path segment.
   *
   * @param template the template, starting with {@code /}
   * @return the matcher
   * @throws IllegalArgumentException if the template does not start with {@code /}
   */
  public static Pattern compile(String template) {
    if (!template.startsWith("/")) {
      throw new IllegalArgumentException("path template must start with '/': " + template);
    }
    StringBuilder regex = new StringBuilder("^");
    for (String segment : template.substring(1).split("/", -1)) {
      regex.append('/');
      if (segment.startsWith("{") && segment.endsWith("}")) {
        regex.append("[^/]+");
      } else {
        regex.append(Pattern.quote(segment));
      }
    }
    return Pattern.compile(regex.append("/?$").toString());
  }
}
