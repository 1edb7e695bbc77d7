package io.github.kvsdk.klaviyo.poller;

import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.poller.checkpoint.Checkpoint;
import io.github.kvsdk.klaviyo.poller.checkpoint.CheckpointKey;
import io.github.kvsdk.klaviyo.poller.checkpoint.CheckpointStore;
import io.github.kvsdk.klaviyo.poller.config.FilterOperator;
import io.github.kvsdk.klaviyo.poller.config.InvalidConfigurationException;
import io.github.kvsdk.klaviyo.poller.config.PollerConfig;
import io.github.kvsdk.klaviyo.poller.source.PageSource;
import io.github.kvsdk.klaviyo.poller.source.internal.KlaviyoClientPageSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one Klaviyo listing for objects created or updated since a checkpoint, hands them to a
 * consumer and advances a durable checkpoint after the consumer accepts each page.
 *
 * <pre>{@code
 * try (Poller poller = Poller.builder()
 *     .config(PollerConfig.builder().objectType("profiles").timestampField("updated").build())
 *     .apiKey(System.getenv("KLAVIYO_API_KEY"))
 *     .checkpointStore(new FileCheckpointStore(Path.of("state.json")))
 *     .build()) {
 *   poller.pollOnce(message -> System.out.println(message.json()));
 * }
 * }</pre>
 *
 * <p>Delivery is at least once: every object whose timestamp is in the window is emitted, and an
 * object is emitted twice only if the process stopped between emitting it and saving the
 * checkpoint. See the module README for the argument.
 */
public final class Poller implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(Poller.class);

  private final PollerConfig config;
  private final PageSource source;
  private final CheckpointStore store;
  private final Clock clock;
  private final Duration interval;
  private final Duration shutdownTimeout;
  private final PollListener listener;
  /** Meters when a registry was given; sees failures of {@link #pollOnce} too, unlike the user's listener. */
  private final PollListener metrics;
  private final Closeable onClose;
  private final boolean serverUpperBound;
  private volatile String account;
  private volatile boolean closing;
  private final Duration retryDelay;
  private final int relistingPageBudget;
  private final Object schedulerLock = new Object();
  private volatile ScheduledExecutorService scheduler;
  /** Pages saved by any poll, to tell a failed poll that made progress from one that did not. */
  private final AtomicLong pagesSaved = new AtomicLong();
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();

  private Poller(Builder builder, PageSource source, Closeable onClose) {
    this.config = builder.config;
    this.source = source;
    this.store = builder.store;
    this.clock = builder.clock;
    this.interval = builder.interval;
    this.shutdownTimeout = builder.shutdownTimeout;
    PollListener user = builder.listener;
    this.metrics = builder.registry == null ? PollListener.NONE
        : MicrometerPollListener.create(builder.registry, builder.config.objectType().configName(), builder.clock);
    this.listener = new PollListener() {
      @Override
      public void pageCompleted(int fetched, int emitted, Checkpoint checkpoint) {
        pagesSaved.incrementAndGet();
        metrics.pageCompleted(fetched, emitted, checkpoint);
        user.pageCompleted(fetched, emitted, checkpoint);
      }

      @Override
      public void pollCompleted(PollResult result) {
        metrics.pollCompleted(result);
        user.pollCompleted(result);
      }

      @Override
      public void pollFailed(Exception e) {
        user.pollFailed(e);
      }
    };
    this.retryDelay = builder.retryDelay;
    this.relistingPageBudget = builder.relistingPageBudget;
    this.onClose = onClose;
    this.account = builder.account;
    Set<FilterOperator> ops = config.objectType().operators(config.timestampField());
    this.serverUpperBound = ops.contains(FilterOperator.LESS_THAN)
        || ops.contains(FilterOperator.LESS_OR_EQUAL);
  }

  /** {@return a builder for a poller of one object type} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return what this poller polls} */
  public PollerConfig config() {
    return config;
  }

  /**
   * {@return the key progress is stored under; resolves the account id first if it was not given}
   *
   * @throws IOException if asking Klaviyo for the account id fails
   */
  public CheckpointKey checkpointKey() throws IOException {
    String resolved = account;
    if (resolved == null) {
      resolved = source.accountId();
      account = resolved;
    }
    return new CheckpointKey(resolved, config.objectType().configName(), config.timestampField());
  }

  /**
   * Runs one poll: everything from the checkpoint up to the upper bound ({@code now - lag}, or the
   * end time if earlier), page by page, saving the checkpoint after each page the consumer
   * accepted.
   *
   * @param consumer receives the new objects, in order
   * @return what the poll fetched and emitted, and where it stopped
   * @throws io.github.kvsdk.klaviyo.errors.KlaviyoApiException if Klaviyo rejects a request
   *     (typed: {@code AuthenticationException}, {@code BadRequestException}, ...)
   * @throws io.github.kvsdk.klaviyo.errors.KlaviyoException on network failures and timeouts
   * @throws ConsumerFailedException if the consumer throws
   * @throws IOException if a request or the checkpoint store fails
   */
  public synchronized PollResult pollOnce(PollConsumer consumer) throws IOException {
    Objects.requireNonNull(consumer, "consumer");
    PollResult result;
    try {
      CheckpointKey key = checkpointKey();
      Checkpoint checkpoint = store.load(key)
          .orElseGet(() -> Checkpoint.startingAt(config.startTime()));
      PollRun run = new PollRun(source, store, key, config.objectType().path(),
          config.timestampField(), config.emitMode(), serverUpperBound,
          config.objectType().listsInOrder(), this::firstPageQuery,
          consumer, listener, () -> closing, checkpoint, upperBound(), relistingPageBudget);
      result = run.run();
    } catch (IOException | RuntimeException e) {
      metrics.pollFailed(e);
      throw e;
    }
    listener.pollCompleted(result);
    return result;
  }

  /**
   * Polls now and then every {@code interval} after the previous poll ended, on a daemon thread,
   * until {@link #close()}.
   *
   * <p>A failed poll is reported to {@link PollListener#pollFailed}. A failure that may heal by
   * waiting ({@link RetryableFailures#isRetryable}: network failures, timeouts, 5xx and 429 answers
   * after the client's retries, unreadable pages) is logged at WARN and retried after the retry
   * delay (default 1 s), doubled per further failure in a row up to the interval; a poll that saved
   * pages before failing counts as the first failure again. Nothing from a failed page was emitted
   * and its checkpoint did not move, so the retry repeats exactly that page. Any other failure (a
   * rejected key or request, an unusable checkpoint, a store that cannot save, a consumer that
   * threw) stops the loop.
   *
   * @param consumer receives the new objects of every poll, in order
   * @return completes normally once {@link #close()} stopped the loop, or exceptionally with the
   *     failure that stopped it; {@code start(...).join()} waits for either
   */
  public CompletableFuture<Void> start(PollConsumer consumer) {
    Objects.requireNonNull(consumer, "consumer");
    synchronized (schedulerLock) {
      if (closing) throw new IllegalStateException("closed");
      if (scheduler != null) throw new IllegalStateException("already started");
      ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "klaviyo-poller-" + config.objectType().configName());
        thread.setDaemon(true);
        return thread;
      });
      // close() must not wait for a poll scheduled after a pause: drop it.
      executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
      scheduler = executor;
      executor.execute(() -> loop(consumer, 0));
    }
    return stopped.copy();
  }

  /** One poll of the loop, then schedules the next one; {@code failures} in a row so far. */
  private void loop(PollConsumer consumer, int failures) {
    if (closing) return;
    long pagesBefore = pagesSaved.get();
    Duration pause = interval;
    int failed = 0;
    try {
      pollOnce(consumer);
    } catch (Exception e) {
      listener.pollFailed(e);
      String type = config.objectType().configName();
      if (!RetryableFailures.isRetryable(e)) {
        log.error("Poll of {} failed, stopping: {}", type, e.toString());
        stopped.completeExceptionally(e);
        scheduler.shutdown();
        return;
      }
      failed = pagesSaved.get() > pagesBefore ? 1 : failures + 1;
      pause = RetryableFailures.backoff(failed, retryDelay, interval);
      log.warn("Poll of {} failed ({} in a row), retrying in {} ms: {}", type, failed,
          pause.toMillis(), e.toString());
    } catch (Error e) {
      stopped.completeExceptionally(e);
      scheduler.shutdown();
      throw e;
    }
    int next = failed;
    try {
      scheduler.schedule(() -> loop(consumer, next), pause.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // Closed meanwhile.
    }
  }

  /**
   * Stops the scheduled loop gracefully: a poll in progress finishes its current page (and saves
   * its checkpoint) and then stops; waits up to the shutdown timeout for that.
   */
  @Override
  public void close() throws IOException {
    ScheduledExecutorService running;
    synchronized (schedulerLock) {
      closing = true;
      running = scheduler;
    }
    if (running != null) {
      running.shutdown();
      try {
        if (!running.awaitTermination(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
          running.shutdownNow();
        }
      } catch (InterruptedException e) {
        running.shutdownNow();
        Thread.currentThread().interrupt();
      }
      stopped.complete(null);
    }
    if (onClose != null) onClose.close();
  }

  Instant upperBound() {
    Instant upper = clock.instant().minus(config.lag()).truncatedTo(ChronoUnit.SECONDS);
    Instant end = config.endTime();
    if (end != null) {
      Instant endSecond = end.truncatedTo(ChronoUnit.SECONDS);
      if (endSecond.isBefore(end)) endSecond = endSecond.plusSeconds(1);
      if (endSecond.isBefore(upper)) upper = endSecond;
    }
    return upper;
  }

  /** The filter, sort and page size of a query for the window [boundary, upper). */
  Map<String, String> firstPageQuery(Instant boundary, Instant upper) {
    String field = config.timestampField();
    Set<FilterOperator> ops = config.objectType().operators(field);
    List<String> filters = new ArrayList<>();
    if (config.channel() != null) {
      filters.add("equals(messages.channel,\"" + config.channel().wireName() + "\")");
    }
    // Timestamps are whole seconds, so "> boundary - 1s" is ">= boundary" where gte is rejected.
    if (ops.contains(FilterOperator.GREATER_OR_EQUAL)) {
      filters.add("greater-or-equal(" + field + "," + boundary + ")");
    } else {
      filters.add("greater-than(" + field + "," + boundary.minusSeconds(1) + ")");
    }
    if (ops.contains(FilterOperator.LESS_THAN)) {
      filters.add("less-than(" + field + "," + upper + ")");
    } else if (ops.contains(FilterOperator.LESS_OR_EQUAL)) {
      filters.add("less-or-equal(" + field + "," + upper.minusSeconds(1) + ")");
    }
    Map<String, String> query = new LinkedHashMap<>();
    query.put("filter", String.join(",", filters));
    query.put("sort", field);
    if (config.objectType().supportsPageSize()) {
      query.put("page[size]", Integer.toString(config.pageSize()));
    }
    return query;
  }

  /** Configures a {@link Poller}; {@link #config} and {@link #checkpointStore} are required. */
  public static final class Builder {
    private PollerConfig config;
    private PageSource source;
    private KlaviyoClient client;
    private String apiKey;
    private String baseUrl = "https://a.klaviyo.com";
    private CheckpointStore store;
    private String account;
    private Clock clock = Clock.systemUTC();
    private Duration interval = Duration.ofMinutes(1);
    private Duration shutdownTimeout = Duration.ofSeconds(30);
    private Duration retryDelay = Duration.ofSeconds(1);
    private int relistingPageBudget = PollRun.RELISTING_PAGES_PER_POLL;
    private PollListener listener = PollListener.NONE;
    private MeterRegistry registry;

    private Builder() {}

    /**
     * Required: what to poll.
     *
     * @param config the object type, timestamp field and time range
     * @return this builder
     */
    public Builder config(PollerConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * Sets the domain client pages are fetched through (credentials, retries, rate limiting). Share one
     * client between pollers of one account so they share its rate-limit budget.
     *
     * @param client the client; the poller does not close it
     * @return this builder
     */
    public Builder client(KlaviyoClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * Sets the private API key ({@code pk_...}) the poller builds its own client with. Ignored if a
     * {@linkplain #client client} is given.
     *
     * @param apiKey the private API key
     * @return this builder
     */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /**
     * Sets the API host of the client built from {@link #apiKey}. Defaults to {@code https://a.klaviyo.com};
     * point it at a sandbox for tests.
     *
     * @param baseUrl the API host
     * @return this builder
     */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      return this;
    }

    /**
     * Required: where progress is kept.
     *
     * @param store the checkpoint store, such as a {@code FileCheckpointStore}
     * @return this builder
     */
    public Builder checkpointStore(CheckpointStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets the account part of the checkpoint key; defaults to the id {@code /api/accounts} returns.
     *
     * @param account the account id, or null to ask Klaviyo
     * @return this builder
     * @throws InvalidConfigurationException if {@code account} is empty or blank
     */
    public Builder account(String account) {
      if (account != null && account.isBlank()) {
        throw new InvalidConfigurationException("account", "must not be blank");
      }
      this.account = account;
      return this;
    }

    /**
     * Sets the clock "now" is read from; for tests. Defaults to the system clock in UTC.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the pause between the end of one scheduled poll and the start of the next; default 1 min.
     *
     * @param interval a positive duration
     * @return this builder
     * @throws IllegalArgumentException if {@code interval} is zero or negative
     */
    public Builder interval(Duration interval) {
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("interval must be positive: " + interval);
      }
      this.interval = interval;
      return this;
    }

    /**
     * Sets the pause of {@link Poller#start the loop} after a poll failed in a way that may heal; it
     * doubles per further failure in a row, up to the interval. Default 1 s.
     *
     * @param retryDelay a positive duration
     * @return this builder
     * @throws IllegalArgumentException if {@code retryDelay} is zero or negative
     */
    public Builder retryDelay(Duration retryDelay) {
      if (retryDelay.isNegative() || retryDelay.isZero()) {
        throw new IllegalArgumentException("retryDelay must be positive: " + retryDelay);
      }
      this.retryDelay = retryDelay;
      return this;
    }

    /**
     * Pages a poll may spend listing one dense second again beyond the two re-listings it always
     * does; 0 lists it exactly three times per poll. For tests that need that count.
     */
    Builder relistingPageBudget(int pages) {
      this.relistingPageBudget = pages;
      return this;
    }

    /**
     * Sets how long {@link Poller#close()} waits for a running poll; default 30 s.
     *
     * @param shutdownTimeout the longest wait
     * @return this builder
     */
    public Builder shutdownTimeout(Duration shutdownTimeout) {
      this.shutdownTimeout = Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
      return this;
    }

    /**
     * Sets the listener told of each completed page and each failed poll; default none.
     *
     * @param listener the listener; its methods run on the polling thread
     * @return this builder
     */
    public Builder listener(PollListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Records the poller's progress in {@code registry}: pages, objects fetched and emitted, polls, errors, lag
     * behind now and checkpoint age, tagged with the object type (see {@link
     * io.github.kvsdk.klaviyo.poller.metrics.PollerMeters} for the names). A client the poller builds itself
     * (from {@link #apiKey}) records its calls there too; a client you pass keeps its own settings. Off unless
     * set; needs {@code io.micrometer:micrometer-core} on the class path.
     *
     * @param registry where the meters are registered
     * @return this builder
     */
    public Builder meterRegistry(MeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * Uses {@code source} instead of the domain client; for tests and benchmarks.
     *
     * @param source where pages come from
     * @return this builder
     */
    public Builder pageSource(PageSource source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * {@return the poller}
     *
     * @throws IllegalStateException if the config or the checkpoint store is missing
     * @throws io.github.kvsdk.klaviyo.poller.config.InvalidConfigurationException if neither a client,
     *     a page source nor an API key is given
     */
    public Poller build() {
      if (config == null) throw new IllegalStateException("config is required");
      if (store == null) throw new IllegalStateException("checkpointStore is required");
      if (source != null) return new Poller(this, source, null);
      if (client != null) return new Poller(this, new KlaviyoClientPageSource(client), null);
      if (apiKey == null || apiKey.isBlank()) {
        throw new InvalidConfigurationException("api-key",
            "is required (set KLAVIYO_API_KEY or pass --api-key)");
      }
      KlaviyoClient own;
      try {
        KlaviyoClient.Builder ownClient = KlaviyoClient.builder().apiKey(apiKey).baseUrl(baseUrl);
        if (registry != null) ownClient.meterRegistry(registry);
        own = ownClient.build();
      } catch (KlaviyoValidationException e) {
        String field = e.field().equals("apiKey") ? "api-key"
            : e.field().equals("baseUrl") ? "base-url" : e.field();
        throw new InvalidConfigurationException(field, e.rule());
      }
      OkHttpClient http = own.httpClient();
      return new Poller(this, new KlaviyoClientPageSource(own), () -> {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
      });
    }
  }
}
