package io.github.kvsdk.klaviyo.connect.internal;

import io.github.kvsdk.klaviyo.KlaviyoClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/**
 * One {@link KlaviyoClient} per account and settings in this worker, shared by every task that polls
 * that account, so that they share one client-side rate-limit budget (Klaviyo counts quota per
 * credential) and one connection pool. Reference-counted: the last task to release it closes it.
 */
public final class SharedClients {
  private static final Map<String, Shared> CLIENTS = new HashMap<>();

  private SharedClients() {}

  /** A task's hold on a shared client. */
  public static final class Lease implements AutoCloseable {
    private final String id;
    private final KlaviyoClient client;
    private boolean closed;

    private Lease(String id, KlaviyoClient client) {
      this.id = id;
      this.client = client;
    }

    public KlaviyoClient client() {
      return client;
    }

    @Override
    public void close() {
      synchronized (CLIENTS) {
        if (closed) return;
        closed = true;
        Shared shared = CLIENTS.get(id);
        if (shared != null && --shared.leases == 0) {
          CLIENTS.remove(id);
          OkHttpClient http = shared.client.httpClient();
          http.dispatcher().executorService().shutdown();
          http.connectionPool().evictAll();
        }
      }
    }
  }

  private static final class Shared {
    final KlaviyoClient client;
    int leases;

    Shared(KlaviyoClient client) {
      this.client = client;
    }
  }

  /**
   * Returns a lease on the client identified by {@code identity} (credentials and settings; hashed,
   * never kept in clear), building it with {@code factory} if no task in this worker holds one.
   */
  public static Lease acquire(String identity, Supplier<KlaviyoClient> factory) {
    String id = sha256(identity);
    synchronized (CLIENTS) {
      Shared shared = CLIENTS.get(id);
      if (shared == null) {
        shared = new Shared(factory.get());
        CLIENTS.put(id, shared);
      }
      shared.leases++;
      return new Lease(id, shared.client);
    }
  }

  /** How many distinct clients are live; for tests. */
  public static int liveClients() {
    synchronized (CLIENTS) {
      return CLIENTS.size();
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
