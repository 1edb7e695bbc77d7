package io.github.kvsdk.klaviyo.poller;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * A deliberately unforgiving Klaviyo listing over a real socket: filters on one timestamp field,
 * sorts ascending on it with an arbitrary order inside a second, and pages with <em>offset</em>
 * cursors, which shift when rows leave the result between pages.
 */
final class FakeListingServer implements AutoCloseable {
  private static final Pattern FILTER = Pattern.compile("([a-z-]+)\\(([^,]+),([^)]+)\\)");

  private final MockWebServer server = new MockWebServer();
  private final Map<String, Instant> rows = new LinkedHashMap<>();
  private final String field;
  private final int defaultPageSize;
  final List<HttpUrl> requests = new CopyOnWriteArrayList<>();
  /**
   * When positive, sorted listings come slightly out of order, as Klaviyo's campaign listings have
   * been seen to: the rows at positions {@code k * n - 1} and {@code k * n} change places, so with
   * pages of {@code n} rows each page ends with a row that belongs on the next one.
   */
  volatile int outOfOrderEvery;
  /** Runs before each listing request is answered, with the request's 1-based number. */
  volatile IntConsumer beforeRequest = n -> {};

  FakeListingServer(String field, int defaultPageSize) throws IOException {
    this.field = field;
    this.defaultPageSize = defaultPageSize;
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer(request.getUrl());
      }
    });
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
    server.start();
  }

  /**
   * Accepted sockets with Nagle off: the server writes headers and body separately, and Nagle
   * plus delayed ACKs would add ~40 ms to every request.
   */
  private static final class NoDelayServerSocketFactory extends javax.net.ServerSocketFactory {
    @Override
    public java.net.ServerSocket createServerSocket() throws IOException {
      return new java.net.ServerSocket() {
        @Override
        public java.net.Socket accept() throws IOException {
          java.net.Socket socket = super.accept();
          socket.setTcpNoDelay(true);
          return socket;
        }
      };
    }

    @Override
    public java.net.ServerSocket createServerSocket(int port) throws IOException {
      throw new UnsupportedOperationException();
    }

    @Override
    public java.net.ServerSocket createServerSocket(int port, int backlog) throws IOException {
      throw new UnsupportedOperationException();
    }

    @Override
    public java.net.ServerSocket createServerSocket(int port, int backlog,
        java.net.InetAddress address) throws IOException {
      throw new UnsupportedOperationException();
    }
  }

  HttpUrl baseUrl() {
    return server.url("/");
  }

  synchronized void put(String id, Instant timestamp) {
    rows.remove(id); // An update moves the row to the end of insertion order too.
    rows.put(id, timestamp);
  }

  synchronized void delete(String id) {
    rows.remove(id);
  }

  private MockResponse answer(HttpUrl url) {
    if (url.encodedPath().equals("/api/accounts")) {
      return new MockResponse.Builder()
          .body("{\"data\":[{\"type\":\"account\",\"id\":\"ACC123\",\"attributes\":{}}]}").build();
    }
    requests.add(url);
    beforeRequest.accept(requests.size());
    List<Map.Entry<String, Instant>> matching;
    synchronized (this) {
      matching = new ArrayList<>(rows.entrySet());
    }
    String filter = url.queryParameter("filter");
    if (filter != null) {
      Matcher m = FILTER.matcher(filter);
      while (m.find()) {
        String op = m.group(1);
        if (!m.group(2).equals(field)) {
          if (m.group(2).equals("messages.channel")) continue;
          return error(400, "unknown filter field " + m.group(2));
        }
        Instant bound = Instant.parse(m.group(3));
        matching.removeIf(row -> !switch (op) {
          case "greater-than" -> row.getValue().isAfter(bound);
          case "greater-or-equal" -> !row.getValue().isBefore(bound);
          case "less-than" -> row.getValue().isBefore(bound);
          case "less-or-equal" -> !row.getValue().isAfter(bound);
          default -> throw new IllegalArgumentException(op);
        });
      }
    }
    if (field.equals(url.queryParameter("sort"))) {
      // Within a second, order by id descending: no tie-break the client could rely on.
      matching.sort(Comparator.comparing((Map.Entry<String, Instant> row) -> row.getValue())
          .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()));
      int n = outOfOrderEvery;
      for (int i = n; n > 0 && i < matching.size(); i += n) {
        Collections.swap(matching, i - 1, i);
      }
    }
    String sizeParam = url.queryParameter("page[size]");
    int size = sizeParam == null ? defaultPageSize : Integer.parseInt(sizeParam);
    String cursorParam = url.queryParameter("page[cursor]");
    int offset = cursorParam == null ? 0 : Integer.parseInt(cursorParam);
    StringBuilder body = new StringBuilder("{\"data\":[");
    int end = Math.min(matching.size(), offset + size);
    for (int i = offset; i < end; i++) {
      Map.Entry<String, Instant> row = matching.get(i);
      if (i > offset) body.append(',');
      body.append("{\"type\":\"profile\",\"id\":\"").append(row.getKey())
          .append("\",\"attributes\":{\"").append(field).append("\":\"")
          .append(row.getValue().toString().replace("Z", "+00:00"))
          .append("\",\"score\":7,\"ratio\":0.5}}");
    }
    body.append("],\"links\":{\"self\":\"").append(url).append('"');
    if (end < matching.size()) {
      body.append(",\"next\":\"")
          .append(url.newBuilder().setQueryParameter("page[cursor]", Integer.toString(end)).build())
          .append('"');
    } else {
      body.append(",\"next\":null");
    }
    body.append("}}");
    return new MockResponse.Builder().body(body.toString()).build();
  }

  private static MockResponse error(int code, String detail) {
    return new MockResponse.Builder().code(code)
        .body("{\"errors\":[{\"status\":" + code + ",\"code\":\"invalid\",\"title\":\"Invalid input.\","
            + "\"detail\":\"" + detail + "\"}]}").build();
  }

  @Override
  public void close() {
    server.close();
  }
}
