package io.github.kvsdk.klaviyo.http.internal;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Before a POST or PATCH goes out on a pooled HTTP/1.1 connection, checks that the server has not already
 * closed that connection. A server that closes an idle keep-alive connection leaves it in the pool looking
 * usable; writing a create to it fails with "unexpected end of stream", and since OkHttp's silent retry is
 * off (it would also repeat creates that did reach the server), the caller would see a failure for a request
 * that never reached Klaviyo.
 *
 * <p>If the connection reads as closed (end of stream within a millisecond), nothing has been written yet:
 * the socket is closed, so the pool discards it, and {@link StaleConnectionException} is thrown, which the
 * retry policy treats like a failed connect: safe to send again on a new connection, whatever the method.
 * GET, PUT and DELETE skip the check because they are retried after any network failure anyway. The check
 * costs at most a millisecond (a read with a 1 ms timeout), once per POST or PATCH on a reused connection;
 * fresh connections and HTTP/2 connections (whose refused streams are recognised instead) skip it.
 * Installed by {@code KlaviyoClient} as a network interceptor. Advanced API.
 */
public final class StaleConnectionCheck implements Interceptor {
  private static final Set<String> CHECKED_METHODS = Set.of("POST", "PATCH");

  /** Connections that already carried a request; only those can have gone stale in the pool. */
  private final Map<Connection, Boolean> used = Collections.synchronizedMap(new WeakHashMap<>());

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Connection connection = chain.connection();
    if (connection != null && connection.protocol() == Protocol.HTTP_1_1
        && used.put(connection, Boolean.TRUE) != null
        && CHECKED_METHODS.contains(request.method())
        && closedByPeer(connection.socket())) {
      connection.socket().close();
      throw new StaleConnectionException(request.method() + " " + request.url().encodedPath());
    }
    return chain.proceed(request);
  }

  /** True if the idle connection's peer has closed it: a read finds end of stream (or stray bytes). */
  private static boolean closedByPeer(Socket socket) {
    try {
      int timeout = socket.getSoTimeout();
      try {
        socket.setSoTimeout(1);
        socket.getInputStream().read(); // End of stream, or a stray byte on an idle connection: unusable.
        return true;
      } finally {
        if (!socket.isClosed()) socket.setSoTimeout(timeout);
      }
    } catch (SocketTimeoutException e) {
      return false; // Nothing to read: the connection is open and idle, as it should be.
    } catch (IOException e) {
      return true;
    }
  }

  /** The pooled connection was closed by the server before any byte of the request was written. */
  public static final class StaleConnectionException extends IOException {
    StaleConnectionException(String what) {
      super(what + " was not sent: the server had closed the pooled connection");
    }
  }
}
