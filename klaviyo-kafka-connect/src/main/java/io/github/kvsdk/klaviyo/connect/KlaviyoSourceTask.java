package io.github.kvsdk.klaviyo.connect;

import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.connect.internal.ConnectOffsetStore;
import io.github.kvsdk.klaviyo.connect.internal.RecordFactory;
import io.github.kvsdk.klaviyo.connect.internal.SharedClients;
import io.github.kvsdk.klaviyo.connect.internal.StreamPoller;
import io.github.kvsdk.klaviyo.oauth.FileTokenStore;
import io.github.kvsdk.klaviyo.oauth.OAuthClientCredentials;
import io.github.kvsdk.klaviyo.oauth.OAuthSession;
import io.github.kvsdk.klaviyo.oauth.OAuthTokenClient;
import io.github.kvsdk.klaviyo.poller.Poller;
import io.github.kvsdk.klaviyo.poller.config.PollerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.TransactionContext;

/**
 * Polls the object types assigned to it, one poller thread per type, and hands Connect one page of
 * records per {@link #poll()}: with exactly-once support that page is one transaction holding the
 * records and the poller checkpoint that covers them.
 */
public final class KlaviyoSourceTask extends SourceTask {
  /** The object types a task polls; set by the connector. */
  static final String TASK_OBJECT_TYPES = "task.object.types";

  private static final long POLL_WAIT_MS = 500;
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final List<StreamPoller> pollers = new ArrayList<>();
  private BlockingQueue<List<SourceRecord>> pages;
  private SharedClients.Lease lease;

  @Override
  public String version() {
    return Version.VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    KlaviyoSourceConfig config;
    try {
      config = new KlaviyoSourceConfig(props);
    } catch (RuntimeException e) {
      throw new ConnectException("Invalid configuration: " + e.getMessage());
    }
    Set<String> assigned = new HashSet<>(List.of(props.getOrDefault(TASK_OBJECT_TYPES, "").split(",")));
    List<PollerConfig> streams = new ArrayList<>();
    for (PollerConfig stream : config.streams()) {
      if (assigned.contains(stream.objectType().configName())) streams.add(stream);
    }
    pages = new ArrayBlockingQueue<>(Math.max(2, streams.size()));
    lease = SharedClients.acquire(clientIdentity(config), () -> client(config));
    for (PollerConfig stream : streams) {
      RecordFactory records = new RecordFactory(config.topicFor(stream.objectType()),
          stream.objectType().configName(), stream.timestampField(), config.revision(),
          config.valueFormat(), stream.emitMode());
      ConnectOffsetStore store = new ConnectOffsetStore(context.offsetStorageReader(), records,
          pages::put, stream.startTime());
      Poller poller = Poller.builder()
          .config(stream)
          .client(lease.client())
          .checkpointStore(store)
          .account(config.account())
          .build();
      pollers.add(new StreamPoller(stream.objectType().configName(), poller, store,
          config.pollInterval(), e -> failure.compareAndSet(null, e)));
    }
    pollers.forEach(StreamPoller::start);
  }

  /** Returns the next page of records, or null after half a second without one. */
  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    Throwable failed = failure.get();
    if (failed != null) {
      throw new ConnectException("Polling Klaviyo failed: " + failed, failed);
    }
    List<SourceRecord> page = pages.poll(POLL_WAIT_MS, TimeUnit.MILLISECONDS);
    if (page == null) return null;
    TransactionContext transaction = context.transactionContext();
    if (transaction != null) {
      // Connector-defined boundaries: one poller page, one transaction.
      transaction.commitTransaction(page.get(page.size() - 1));
    }
    return page;
  }

  @Override
  public void stop() {
    for (StreamPoller poller : pollers) poller.stop(STOP_TIMEOUT);
    pollers.clear();
    if (lease != null) lease.close();
    lease = null;
  }

  private static String clientIdentity(KlaviyoSourceConfig config) {
    Password apiKey = config.getPassword(KlaviyoSourceConfig.API_KEY);
    String credential = apiKey != null && !apiKey.value().isEmpty()
        ? "key:" + apiKey.value()
        : "oauth:" + config.getString(KlaviyoSourceConfig.OAUTH_CLIENT_ID) + ":"
            + config.getString(KlaviyoSourceConfig.OAUTH_TOKEN_FILE);
    return credential + "|" + config.baseUrl() + "|" + config.revision() + "|"
        + config.getBoolean(KlaviyoSourceConfig.RATE_LIMITING);
  }

  private static KlaviyoClient client(KlaviyoSourceConfig config) {
    KlaviyoClient.Builder builder = KlaviyoClient.builder()
        .baseUrl(config.baseUrl())
        .revision(config.revision())
        .rateLimiting(config.getBoolean(KlaviyoSourceConfig.RATE_LIMITING));
    Password apiKey = config.getPassword(KlaviyoSourceConfig.API_KEY);
    if (apiKey != null && !apiKey.value().isEmpty()) {
      builder.apiKey(apiKey.value());
    } else {
      OAuthTokenClient tokens = OAuthTokenClient.builder()
          .credentials(OAuthClientCredentials.of(config.getString(KlaviyoSourceConfig.OAUTH_CLIENT_ID),
              config.getPassword(KlaviyoSourceConfig.OAUTH_CLIENT_SECRET).value()))
          .baseUrl(config.baseUrl())
          .build();
      builder.oauth(OAuthSession.builder()
          .tokenClient(tokens)
          .tokenStore(new FileTokenStore(Path.of(config.getString(KlaviyoSourceConfig.OAUTH_TOKEN_FILE))))
          .build());
    }
    return builder.build();
  }
}
