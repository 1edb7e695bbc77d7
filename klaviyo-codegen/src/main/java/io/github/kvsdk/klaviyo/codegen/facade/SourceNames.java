package io.github.kvsdk.klaviyo.codegen.facade;

import java.util.Locale;
import java.util.Set;

/** Java names derived from the spec's names, and Javadoc derived from its prose. */
final class SourceNames {
  private static final Set<String> KEYWORDS = Set.of(
      "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const", "continue",
      "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for", "goto", "if",
      "implements", "import", "instanceof", "int", "interface", "long", "native", "new", "package", "private",
      "protected", "public", "return", "short", "static", "strictfp", "super", "switch", "synchronized", "this",
      "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false", "null", "var",
      "record", "yield");

  private SourceNames() {}

  /** {@code get_profiles} and {@code Data Privacy} become {@code GetProfiles} and {@code DataPrivacy}. */
  static String pascal(String name) {
    StringBuilder out = new StringBuilder();
    boolean upper = true;
    for (char c : name.toCharArray()) {
      if (!Character.isLetterOrDigit(c)) {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    if (out.length() == 0 || Character.isDigit(out.charAt(0))) out.insert(0, 'X');
    return out.toString();
  }

  /** {@code Data Privacy} becomes {@code dataPrivacy}. */
  static String camel(String name) {
    String pascal = pascal(name);
    return safeIdentifier(Character.toLowerCase(pascal.charAt(0)) + pascal.substring(1));
  }

  /** {@code Data Privacy} becomes the package segment {@code dataprivacy}. */
  static String packageSegment(String name) {
    return safeIdentifier(pascal(name).toLowerCase(Locale.ROOT));
  }

  static String safeIdentifier(String name) {
    return KEYWORDS.contains(name) ? name + "_" : name;
  }

  /**
   * The spec's HTML-ish prose as Javadoc text: tags dropped, line breaks kept as paragraphs, characters that
   * would end the comment or start a tag escaped.
   */
  static String javadoc(String prose) {
    if (prose == null) return "";
    String text = prose
        .replaceAll("(?i)<br\\s*/?>", "\n")
        .replaceAll("<[^>]+>", "")
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("@", "&#64;")
        .replace("*/", "*&#47;")
        .replace("\\", "&#92;")
        .replace("$", "&#36;")
        // Markdown code spans (`status`) as code; their text is already escaped above.
        .replaceAll("`([^`\n]+)`", "<code>$1</code>");
    StringBuilder out = new StringBuilder();
    for (String paragraph : text.split("\n\\s*\n|\n")) {
      String p = paragraph.strip();
      if (p.isEmpty()) continue;
      if (out.length() > 0) out.append("\n\n<p>");
      out.append(p);
    }
    return out.toString();
  }
}
