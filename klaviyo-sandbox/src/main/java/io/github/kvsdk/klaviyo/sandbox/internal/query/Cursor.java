package io.github.kvsdk.klaviyo.sandbox.internal.query;

import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * An opaque keyset cursor: the (sort key, id) of the boundary object and the direction to read from it.
 * Because it names a position in a deterministic (sort key, id) order rather than an offset, paging stays
 * stable when many objects share one timestamp second or when objects are inserted between pages.
 */
record Cursor(boolean forward, Object key, String id) {
  String encode() {
    String k;
    if (key == null) {
      k = "Z";
    } else if (key instanceof Instant i) {
      k = "I" + i.getEpochSecond() + "." + i.getNano();
    } else if (key instanceof Number n) {
      k = "N" + n;
    } else if (key instanceof Boolean b) {
      k = "B" + b;
    } else {
      k = "S" + key;
    }
    String raw = (forward ? "n" : "p") + "\u0000" + id + "\u0000" + k;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  static Cursor decode(String text) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      String[] parts = raw.split("\u0000", 3);
      if (parts.length != 3 || parts[2].isEmpty() || !(parts[0].equals("n") || parts[0].equals("p"))) {
        throw new IllegalArgumentException();
      }
      String k = parts[2];
      Object key = switch (k.charAt(0)) {
        case 'Z' -> null;
        case 'I' -> {
          String[] sn = k.substring(1).split("\\.");
          yield Instant.ofEpochSecond(Long.parseLong(sn[0]), Long.parseLong(sn[1]));
        }
        case 'N' -> new BigDecimal(k.substring(1));
        case 'B' -> Boolean.valueOf(k.substring(1));
        case 'S' -> k.substring(1);
        default -> throw new IllegalArgumentException();
      };
      return new Cursor(parts[0].equals("n"), key, parts[1]);
    } catch (RuntimeException e) {
      throw ApiException.invalidParameter("page[cursor]", "Invalid page cursor '" + text + "'.");
    }
  }
}
