package io.github.kvsdk.klaviyo.sandbox.resources;

import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A minimal {@code multipart/form-data} reader for the image upload endpoint. */
final class Multipart {
  /** One form part. */
  record Part(String name, String filename, String contentType, byte[] body) {}

  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
  private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");
  private static final Pattern FILENAME = Pattern.compile("\\bfilename=\"([^\"]*)\"");

  private Multipart() {}

  static Map<String, Part> parse(String contentType, byte[] body) {
    Matcher m = BOUNDARY.matcher(contentType == null ? "" : contentType);
    if (!m.find()) {
      throw ApiException.invalidBody("/", "The multipart body has no boundary.");
    }
    byte[] delimiter = ("--" + m.group(1)).getBytes(StandardCharsets.ISO_8859_1);
    Map<String, Part> parts = new LinkedHashMap<>();
    int pos = indexOf(body, delimiter, 0);
    while (pos >= 0) {
      int start = pos + delimiter.length;
      if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
        break; // closing delimiter
      }
      start = skipCrlf(body, start);
      int next = indexOf(body, delimiter, start);
      if (next < 0) {
        throw ApiException.invalidBody("/", "The multipart body is not terminated.");
      }
      int end = next;
      if (end >= 2 && body[end - 2] == '\r' && body[end - 1] == '\n') {
        end -= 2;
      }
      byte[] crlf2 = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
      int headerEnd = indexOf(body, crlf2, start);
      if (headerEnd < 0 || headerEnd > end) {
        throw ApiException.invalidBody("/", "A multipart part has no headers.");
      }
      String headers = new String(body, start, headerEnd - start, StandardCharsets.UTF_8);
      String name = null;
      String filename = null;
      String type = null;
      for (String line : headers.split("\r\n")) {
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-disposition:")) {
          Matcher n = NAME.matcher(line);
          name = n.find() ? n.group(1) : null;
          Matcher f = FILENAME.matcher(line);
          filename = f.find() ? f.group(1) : null;
        } else if (lower.startsWith("content-type:")) {
          type = line.substring(13).trim();
        }
      }
      if (name != null) {
        parts.put(name, new Part(name, filename, type, Arrays.copyOfRange(body, headerEnd + 4, end)));
      }
      pos = next;
    }
    return parts;
  }

  private static int skipCrlf(byte[] body, int i) {
    return i + 1 < body.length && body[i] == '\r' && body[i + 1] == '\n' ? i + 2 : i;
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
