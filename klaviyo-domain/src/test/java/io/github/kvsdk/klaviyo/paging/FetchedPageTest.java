package io.github.kvsdk.klaviyo.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import io.github.kvsdk.klaviyo.errors.KlaviyoException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import okhttp3.HttpUrl;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Test;

/** Finding {@code links.next} in a raw body without binding it. */
final class FetchedPageTest {
  private static final HttpUrl URL = HttpUrl.get("https://a.klaviyo.com/api/profiles");
  /** Bytes that change a document's structure. */
  private static final String CORRUPTIONS = "\"\\{}[],: x";

  private static Optional<String> next(String json) {
    return FetchedPage.of(URL, ByteString.encodeUtf8(json)).nextCursor().map(Cursor::link);
  }

  @Test
  void findsTheTopLevelNextLinkAfterOrBeforeTheData() {
    assertThat(next("{\"data\":[],\"links\":{\"self\":\"https://x/a\",\"next\":\"https://x/a?page%5Bcursor%5D=c2\"}}"))
        .contains("https://x/a?page%5Bcursor%5D=c2");
    assertThat(next(" {\n \"links\" : { \"next\" : \"https://x/a?page_cursor=r9\" } ,\t\"data\" : [ 1, 2.5e3, true ] } "))
        .contains("https://x/a?page_cursor=r9");
  }

  @Test
  void linksInsideResourcesAndLookAlikeStringsAreIgnored() {
    String json = """
        {"data":[{"type":"profile","id":"p1",
                  "attributes":{"next":"https://evil/?page%5Bcursor%5D=a","note":"\\"links\\":{\\"next\\":\\"x\\"}"},
                  "links":{"self":"https://x/p1","next":"https://evil/?page%5Bcursor%5D=b"}}],
         "meta":{"links":{"next":"https://evil/?page%5Bcursor%5D=c"}},
         "included":[{"links":{"next":"https://evil/?page%5Bcursor%5D=d"}}],
         "links":{"self":"https://x/a","next":null}}""";
    assertThat(next(json)).isEmpty();
    assertThat(next(json.replace("\"next\":null}}", "\"next\":\"https://x/a?page%5Bcursor%5D=ok\"}}")))
        .contains("https://x/a?page%5Bcursor%5D=ok");
  }

  @Test
  void escapesInTheLinkAreDecoded() {
    assertThat(next("{\"links\":{\"next\":\"https:\\/\\/x\\/a?page%5Bcursor%5D=c\\u0032&page%5Bsize%5D=5\"}}"))
        .contains("https://x/a?page%5Bcursor%5D=c2&page%5Bsize%5D=5");
  }

  @Test
  void noLinksOrANullNextMeansTheLastPage() {
    assertThat(next("{\"data\":[]}")).isEmpty();
    assertThat(next("{}")).isEmpty();
    assertThat(next("{\"links\":{}}")).isEmpty();
    assertThat(next("{\"links\":{\"next\":null,\"prev\":\"https://x/a?page%5Bcursor%5D=p\"}}")).isEmpty();
    assertThat(next("{\"links\":null}")).isEmpty();
  }

  @Test
  void aBodyThatIsNotAnObjectIsAClearError() {
    for (String body : List.of("", "[]", "<html>", "  \"text\"")) {
      assertThatThrownBy(() -> next(body))
          .isInstanceOf(KlaviyoException.class)
          .hasMessage("GET /api/profiles returned a body that is not a JSON object");
    }
  }

  @Test
  void truncatedOrMalformedDocumentsEndTheScanWithoutFailing() {
    // The binder rejects such bodies; the scan must only terminate.
    for (String body : List.of("{", "{\"data\":[{\"a\":\"b", "{\"data\":[{\"a\":\"b\\", "{\"links\":{\"next\":\"https://x",
        "{\"links\"}", "{\"links\":{\"next\" \"x\"}}", "{\"data\":]]]]}", "{\"x\":1 \"links\":{}}")) {
      assertThat(next(body)).isEmpty();
    }
  }

  @Test
  void backslashesAndQuotesBeforeTheLinksAreWalkedExactlyFromTheEnd() {
    // Strings ending in escaped backslashes or quotes, after and around the links: the scan starts at the end.
    String json = "{\"data\":[{\"a\":\"x\\\\\"}],\"links\":{\"next\":\"https://x/a?page%5Bcursor%5D=c\\\\\\\"q\"},"
        + "\"meta\":{\"k\\\"\":\"v\\\\\",\"n\":[1,true,null,{\"links\":{\"next\":\"https://evil/?page%5Bcursor%5D=e\"}}]}}";
    assertThat(next(json)).contains("https://x/a?page%5Bcursor%5D=c\\\"q");
  }

  @Test
  void aDocumentThatCannotBeWalkedFromTheEndIsScannedFromTheStart() {
    // Truncated after the links: the end is no object's end, so the scan goes forwards, as before.
    assertThat(next("{\"links\":{\"next\":\"https://x/a?page%5Bcursor%5D=c2\"},\"data\":[1,2"))
        .contains("https://x/a?page%5Bcursor%5D=c2");
  }

  /**
   * A page of a realistic size, as a response is read: in many 8 KiB segments. The link is found walking
   * backwards from the end, walking backwards over the whole document when the links come first, and by the
   * forward scan when trailing bytes make the backward walk give up.
   */
  @Test
  void findsTheLinkInABodySpreadOverManySegments() {
    StringBuilder json = new StringBuilder("{\"data\":[");
    for (int i = 0; i < 1_000; i++) {
      if (i > 0) json.append(',');
      json.append("{\"type\":\"profile\",\"id\":\"p").append(i)
          .append("\",\"attributes\":{\"email\":\"a").append(i).append("@example.com\",\"note\":\"}]\\\"\"}}");
    }
    json.append("],\"links\":{\"self\":\"https://x/a\",\"next\":\"https://x/a?page%5Bcursor%5D=far\"}}");
    ByteString segmented = new Buffer().writeUtf8(json.toString()).snapshot();
    assertThat(segmented.size()).isGreaterThan(8 * 8192);

    assertThat(FetchedPage.of(URL, segmented).nextCursor().map(Cursor::link))
        .contains("https://x/a?page%5Bcursor%5D=far");
    ByteString trailing = new Buffer().writeUtf8(json + " x").snapshot(); // Not walkable backwards.
    assertThat(NextLinkScanner.nextLink(trailing)).isEqualTo("https://x/a?page%5Bcursor%5D=far");
    String data = json.substring(1, json.indexOf(",\"links\":"));
    String links = json.substring(json.indexOf("\"links\":"), json.length() - 1);
    ByteString linksFirst = new Buffer().writeUtf8("{" + links + "," + data + "}").snapshot(); // Far from the end.
    assertThat(NextLinkScanner.nextLink(linksFirst)).isEqualTo("https://x/a?page%5Bcursor%5D=far");
  }

  /** Cut and corrupted documents: the scan ends, and fails only for a body that does not start an object. */
  @Test
  void endsOnEveryCutOrCorruptedDocument() throws IOException {
    Random random = new Random(20250115);
    for (int i = 0; i < 2_000; i++) {
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("data", randomValue(random, 0));
      document.put("links", randomLinks(random));
      Buffer buffer = new Buffer();
      JsonWriter writer = JsonWriter.of(buffer);
      writer.setSerializeNulls(true);
      writer.jsonValue(document);
      writer.close();
      byte[] body = buffer.readByteArray();
      byte[] cut = java.util.Arrays.copyOf(body, 1 + random.nextInt(body.length));
      if (random.nextBoolean()) {
        cut[random.nextInt(cut.length)] = (byte) CORRUPTIONS.charAt(random.nextInt(CORRUPTIONS.length()));
      }
      try {
        NextLinkScanner.nextLink(ByteString.of(cut));
      } catch (IllegalArgumentException e) {
        assertThat(cut[0]).as("only a body not starting an object fails").isNotEqualTo((byte) '{');
      }
    }
  }

  /** Random JSON:API-like documents: the scan agrees with a full Moshi parse. */
  @Test
  void agreesWithAFullParseOnRandomDocuments() throws IOException {
    Random random = new Random(20241015);
    for (int i = 0; i < 3_000; i++) {
      Map<String, Object> document = new LinkedHashMap<>();
      List<String> members = new ArrayList<>(List.of("data", "links", "included", "meta"));
      java.util.Collections.shuffle(members, random);
      for (String member : members.subList(0, 1 + random.nextInt(members.size()))) {
        document.put(member, member.equals("links") ? randomLinks(random) : randomValue(random, 0));
      }
      Buffer buffer = new Buffer();
      JsonWriter writer = JsonWriter.of(buffer);
      writer.setIndent(random.nextBoolean() ? "" : " ");
      writer.setSerializeNulls(true);
      writer.jsonValue(document);
      writer.close();
      ByteString body = buffer.readByteString();

      Object parsed = JsonReader.of(new Buffer().write(body)).readJsonValue();
      Object expected = parsed instanceof Map<?, ?> m && m.get("links") instanceof Map<?, ?> l
          && l.get("next") instanceof String next ? next : null;
      assertThat(NextLinkScanner.nextLink(body)).as(body.utf8()).isEqualTo(expected);
      // As read from a response: a snapshot of segments rather than one array.
      assertThat(NextLinkScanner.nextLink(new Buffer().write(body).snapshot())).isEqualTo(expected);
    }
  }

  private static Object randomLinks(Random random) {
    Map<String, Object> links = new LinkedHashMap<>();
    links.put("self", randomString(random));
    if (random.nextInt(4) > 0) links.put("next", random.nextBoolean() ? randomString(random) : null);
    if (random.nextBoolean()) links.put("prev", randomString(random));
    return random.nextInt(10) == 0 ? randomValue(random, 2) : links;
  }

  private static Object randomValue(Random random, int depth) {
    switch (depth > 3 ? random.nextInt(4) : random.nextInt(6)) {
      case 0:
        return randomString(random);
      case 1:
        return random.nextInt(3) == 0 ? null : random.nextBoolean();
      case 2:
        return random.nextInt(1000) / 7.0;
      case 3:
        return "links";
      case 4: {
        Map<String, Object> map = new LinkedHashMap<>();
        int n = random.nextInt(4);
        for (int k = 0; k < n; k++) {
          String name = random.nextInt(3) == 0 ? (random.nextBoolean() ? "links" : "next") : randomString(random);
          map.put(name, name.equals("links") ? randomLinks(random) : randomValue(random, depth + 1));
        }
        return map;
      }
      default: {
        List<Object> list = new ArrayList<>();
        int n = random.nextInt(4);
        for (int k = 0; k < n; k++) list.add(randomValue(random, depth + 1));
        return list;
      }
    }
  }

  private static String randomString(Random random) {
    String alphabet = "ab\"\\/{}[],:\n\u00e9\u20ac\ud83d\ude00 ";
    StringBuilder s = new StringBuilder("https://x/?page%5Bcursor%5D=");
    int n = random.nextInt(40); // Past several eight-byte words, so escapes fall at every offset.
    for (int k = 0; k < n; k++) {
      int index = random.nextInt(alphabet.length());
      char c = alphabet.charAt(index);
      if (Character.isHighSurrogate(c)) {
        s.append(c).append(alphabet.charAt(index + 1));
      } else if (!Character.isLowSurrogate(c)) {
        s.append(c);
      }
    }
    return s.toString();
  }
}
