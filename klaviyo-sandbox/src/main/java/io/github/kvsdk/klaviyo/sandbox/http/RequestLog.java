package io.github.kvsdk.klaviyo.sandbox.http;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts of served requests, and the most recent ones, for test assertions. Thread-safe. */
public final class RequestLog {
  /** One served request: method, path (no query), operationId (null if unrouted) and response status. */
  public record Entry(String method, String path, String operationId, int status) {}

  private static final int RECENT = 1_000;

  private final Map<String, LongAdder> byOperation = new ConcurrentHashMap<>();
  private final LongAdder total = new LongAdder();
  private final Deque<Entry> recent = new ArrayDeque<>();

  /**
   * Adds one served request. The sandbox calls this once per request it answers; a test has no need to.
   *
   * @param method the HTTP method
   * @param path the path, without the query
   * @param operationId the spec's operation id, or null if the request matched no operation
   * @param status the response status
   */
  public void record(String method, String path, String operationId, int status) {
    total.increment();
    if (operationId != null) {
      byOperation.computeIfAbsent(operationId, k -> new LongAdder()).increment();
    }
    synchronized (recent) {
      if (recent.size() == RECENT) {
        recent.removeFirst();
      }
      recent.addLast(new Entry(method, path, operationId, status));
    }
  }

  /**
   * {@return all requests served, including errors and admin calls}
   */
  public long total() {
    return total.sum();
  }

  /**
   * Requests routed to {@code operationId} (such as {@code get_profiles}), whatever their outcome.
   *
   * @param operationId the operation id, such as {@code get_profiles}
   * @return how many requests of that operation were served
   */
  public long count(String operationId) {
    LongAdder n = byOperation.get(operationId);
    return n == null ? 0 : n.sum();
  }

  /**
   * {@return the last (up to 1,000) requests, oldest first}
   */
  public List<Entry> recent() {
    synchronized (recent) {
      return List.copyOf(recent);
    }
  }

  /** Forgets everything. */
  public void clear() {
    byOperation.clear();
    total.reset();
    synchronized (recent) {
      recent.clear();
    }
  }
}
