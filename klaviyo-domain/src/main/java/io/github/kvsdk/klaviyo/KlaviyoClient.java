package io.github.kvsdk.klaviyo;

import com.squareup.moshi.Moshi;
import io.github.kvsdk.klaviyo.actions.Accounts;
import io.github.kvsdk.klaviyo.actions.Campaigns;
import io.github.kvsdk.klaviyo.actions.Events;
import io.github.kvsdk.klaviyo.actions.Images;
import io.github.kvsdk.klaviyo.actions.KlaviyoActions;
import io.github.kvsdk.klaviyo.actions.Lists;
import io.github.kvsdk.klaviyo.actions.Profiles;
import io.github.kvsdk.klaviyo.actions.Segments;
import io.github.kvsdk.klaviyo.actions.Templates;
import io.github.kvsdk.klaviyo.api.internal.ResourceTypes;
import io.github.kvsdk.klaviyo.api.internal.ServiceContext;
import io.github.kvsdk.klaviyo.api.internal.ServiceFactories;
import io.github.kvsdk.klaviyo.auth.ApiKey;
import io.github.kvsdk.klaviyo.auth.ApiKeyInterceptor;
import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.generated.GeneratedRevision;
import io.github.kvsdk.klaviyo.generated.json.KlaviyoMoshi;
import io.github.kvsdk.klaviyo.http.Timeouts;
import io.github.kvsdk.klaviyo.http.internal.AttemptObservingInterceptor;
import io.github.kvsdk.klaviyo.http.internal.BaseUrls;
import io.github.kvsdk.klaviyo.http.internal.CallObserver;
import io.github.kvsdk.klaviyo.http.internal.CallObservingInterceptor;
import io.github.kvsdk.klaviyo.http.internal.KlaviyoHeadersInterceptor;
import io.github.kvsdk.klaviyo.http.internal.LoggingInterceptor;
import io.github.kvsdk.klaviyo.http.internal.PathParameters;
import io.github.kvsdk.klaviyo.http.internal.SdkHttpClient;
import io.github.kvsdk.klaviyo.http.internal.StaleConnectionCheck;
import io.github.kvsdk.klaviyo.metrics.internal.MicrometerCallObserver;
import io.github.kvsdk.klaviyo.oauth.OAuthSession;
import io.github.kvsdk.klaviyo.oauth.internal.OAuthInterceptor;
import io.github.kvsdk.klaviyo.paging.ResourceConverter;
import io.github.kvsdk.klaviyo.ratelimit.ClientRateLimiter;
import io.github.kvsdk.klaviyo.ratelimit.RateLimiterConfig;
import io.github.kvsdk.klaviyo.ratelimit.internal.RateLimitInterceptor;
import io.github.kvsdk.klaviyo.raw.RawRequests;
import io.github.kvsdk.klaviyo.retry.RetryPolicy;
import io.github.kvsdk.klaviyo.retry.internal.RetryInterceptor;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;
import retrofit2.converter.scalars.ScalarsConverterFactory;

/**
 * The entry point: one configured connection to Klaviyo's API. Immutable and thread-safe; create one per
 * credential and share it.
 *
 * <pre>{@code
 * KlaviyoClient client = KlaviyoClient.builder()
 *     .apiKey(System.getenv("KLAVIYO_API_KEY"))
 *     .build();
 * client.lists().create("Newsletter");
 * for (GetProfileResponseData profile : client.profiles().listAll(QueryOptions.none())) { ... }
 * RawResponse accounts = client.raw().send(RawRequest.get("/api/accounts"));
 * }</pre>
 *
 * <p>The documented actions are grouped by resource: {@link #accounts()}, {@link #campaigns()}, {@link
 * #events()}, {@link #images()}, {@link #lists()}, {@link #profiles()}, {@link #segments()} and {@link
 * #templates()}. Raw Request is {@link #raw()}.
 *
 * <p>Every request carries {@code revision}, {@code User-Agent} ({@code klaviyo-domain/<version>
 * java/<version>}) and the credential; is rate limited per operation; is retried per the {@link RetryPolicy};
 * and is logged at DEBUG without query strings or headers, with the operation id and Klaviyo's request id in
 * the SLF4J MDC ({@link io.github.kvsdk.klaviyo.http.LogContext}). Given a Micrometer registry ({@link
 * Builder#meterRegistry}), calls, requests, retries, 429 responses and rate-limiter waits are measured. OkHttp's own silent connection-failure retry is
 * switched off, because it could repeat a create that already reached Klaviyo; the retry policy decides instead.
 *
 * <p>Waits never hold an OkHttp dispatcher thread: a synchronous call waits for a retry or a rate-limit slot
 * on the caller's thread, an asynchronous call is re-enqueued from a small scheduler when its wait ends. The
 * {@linkplain Builder#callTimeout call timeout} bounds the whole call, waits included: a wait that would end
 * after it fails at once with {@link io.github.kvsdk.klaviyo.errors.KlaviyoDeadlineException}, and cancelling
 * (the future, the call, or interrupting a synchronous caller) ends a wait within a few milliseconds.
 *
 * <p>Close the client when done with it ({@link #close()}): that releases the threads and connections it
 * created. A client built on your own {@link Builder#okHttpClient OkHttpClient} leaves that client's
 * dispatcher and pool to you.
 */
public final class KlaviyoClient extends KlaviyoServices implements AutoCloseable {
  /**
   * The API revision this SDK was generated from and is tested against, such as {@code 2024-10-15}: every
   * typed operation, model and validation rule describes this revision, so it is the default {@code
   * revision} header. Read from the generated client, so a build for another revision changes it too.
   */
  public static final String DEFAULT_REVISION = GeneratedRevision.revision();
  /** Klaviyo's production API host. */
  public static final String DEFAULT_BASE_URL = "https://a.klaviyo.com";
  /** How long establishing a connection may take unless {@link Builder#connectTimeout} says otherwise: 10 s. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** The longest silence while reading a response unless {@link Builder#readTimeout} says otherwise: 30 s. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
  /** The longest silence while sending a request unless {@link Builder#writeTimeout} says otherwise: 30 s. */
  public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);
  /**
   * How long a whole call, retries and rate-limit waits included, may take unless {@link Builder#callTimeout}
   * says otherwise: 60 s.
   */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);

  /** The first revision of Klaviyo's date-versioned API; earlier dates are refused. */
  public static final String FIRST_REVISION = "2022-10-17";

  private static final Pattern REVISION = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(\\.[A-Za-z0-9]+)?");

  private final ApiKey apiKey;
  private final OAuthSession oauth;
  private final String revision;
  private final HttpUrl baseUrl;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration writeTimeout;
  private final Duration callTimeout;
  private final OkHttpClient baseHttpClient;
  private final RetryPolicy retryPolicy;
  private final ClientRateLimiter rateLimiter;
  private final CallObserver observer;
  private final String userAgent;
  private final SdkHttpClient httpClient;
  private final boolean ownsBaseHttpClient;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Moshi moshi;
  private final Retrofit retrofit;
  private final RawRequests raw;
  private final ServiceContext serviceContext;
  private final ConcurrentMap<Class<?>, Object> services = new ConcurrentHashMap<>();
  /** Created on first use: binding the action facades loads the operation catalogue. */
  private volatile KlaviyoActions actions;

  private KlaviyoClient(Builder b) {
    this.apiKey = b.apiKey;
    this.oauth = b.oauth;
    this.revision = b.revision;
    this.baseUrl = b.baseUrl;
    this.connectTimeout = b.connectTimeout;
    this.readTimeout = b.readTimeout;
    this.writeTimeout = b.writeTimeout;
    this.callTimeout = b.callTimeout;
    this.baseHttpClient = b.okHttpClient != null ? b.okHttpClient : new OkHttpClient();
    this.retryPolicy = b.retryPolicy;
    this.rateLimiter = b.rateLimiter != null ? b.rateLimiter : new ClientRateLimiter(b.rateLimiterConfig);
    this.observer = b.observer;
    this.userAgent = SdkVersion.userAgent();

    OkHttpClient.Builder http = baseHttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .readTimeout(readTimeout)
        .writeTimeout(writeTimeout)
        .callTimeout(callTimeout)
        .retryOnConnectionFailure(false)
        .addInterceptor(new CallObservingInterceptor(observer))
        .addInterceptor(new KlaviyoHeadersInterceptor(revision, userAgent))
        .addInterceptor(new RetryInterceptor(retryPolicy));
    if (rateLimiter.config().enabled()) http.addInterceptor(new RateLimitInterceptor(rateLimiter));
    http.addInterceptor(apiKey != null ? new ApiKeyInterceptor(apiKey) : new OAuthInterceptor(oauth));
    http.addInterceptor(new LoggingInterceptor());
    http.addInterceptor(new AttemptObservingInterceptor());
    http.addNetworkInterceptor(new StaleConnectionCheck());
    this.ownsBaseHttpClient = b.okHttpClient == null;
    this.httpClient = new SdkHttpClient(http);

    this.moshi = createMoshi();
    this.retrofit = new Retrofit.Builder()
        .baseUrl(baseUrl)
        .client(httpClient)
        .addConverterFactory(PathParameters.converterFactory())
        // Strings and booleans as plain text: a form field such as an image's name must not be sent as a
        // quoted JSON string. JSON:API documents (models) still go through Moshi.
        .addConverterFactory(ScalarsConverterFactory.create())
        .addConverterFactory(MoshiConverterFactory.create(moshi))
        .build();
    this.raw = new RawRequests(httpClient, baseUrl, moshi, retryPolicy);
    this.serviceContext = new ServiceContext(retrofit, revision, ResourceConverter.moshi(moshi), ResourceTypes.all(),
        options -> withOptions(derived -> {
          options.callTimeout().ifPresent(derived::callTimeout);
          options.readTimeout().ifPresent(derived::readTimeout);
          options.retryPolicy().ifPresent(derived::retryPolicy);
        }).serviceContext);
  }

  /**
   * For the generated services: the transport, options and validation they run calls with.
   *
   * @return the context shared by this client's services
   */
  @Override
  ServiceContext serviceContext() {
    return serviceContext;
  }

  /** {@return a builder for a client; set a credential with {@link Builder#apiKey} or {@link Builder#oauth}} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this client's settings; clients built from it share its connection pool.
   *
   * @return a new builder; changing it does not change this client
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * A client with some options changed, sharing this one's connection pool, dispatcher and (unless the
   * credentials or rate-limit settings change) its rate-limit state. This client is unchanged.
   *
   * <pre>{@code KlaviyoClient slow = client.withOptions(b -> b.readTimeout(Duration.ofMinutes(2)));}</pre>
   *
   * @param options changes the settings of a builder holding this client's settings
   * @return the new client
   */
  public KlaviyoClient withOptions(Consumer<Builder> options) {
    Builder builder = toBuilder();
    options.accept(builder);
    return builder.build();
  }

  /**
   * Raw HTTP requests through this client's stack, sync and async: headers, credential, rate limiter, logging
   * and timeouts as for typed calls. Retries differ: a raw request has its own settings with the defaults of
   * Klaviyo's connector, Max Retry Count 0 and Retry Delay 0 ms, so by default nothing is retried; with
   * retries on, only 5xx responses and network failures (and 429, always honouring {@code Retry-After}) are
   * retried unless Retry On All Errors is set. {@link io.github.kvsdk.klaviyo.raw.RawRequest.Builder#useClientRetryPolicy()}
   * applies this client's {@link #retryPolicy()} instead. A caller's own {@code Authorization} header is
   * refused: the client's credential is always the one sent.
   *
   * @return the raw request entry point of this client
   */
  public RawRequests raw() {
    return raw;
  }

  /**
   * {@return the documented action set over this client} Created on first use, then the same instance is
   * returned to every caller and thread.
   */
  public KlaviyoActions actions() {
    KlaviyoActions result = actions;
    if (result == null) {
      synchronized (this) {
        result = actions;
        if (result == null) actions = result = ServiceFactories.create(KlaviyoActions.class, serviceContext);
      }
    }
    return result;
  }

  /** Get Account and List Accounts. Shorthand for {@code actions().accounts()}. */
  @Override
  public Accounts accounts() {
    return actions().accounts();
  }

  /** Create, Get, List, Update and Delete Campaign. Shorthand for {@code actions().campaigns()}. */
  @Override
  public Campaigns campaigns() {
    return actions().campaigns();
  }

  /** Create Event, Bulk Create Events, Get Event and List Events. Shorthand for {@code actions().events()}. */
  @Override
  public Events events() {
    return actions().events();
  }

  /** Upload, Get, List and Update Image. Shorthand for {@code actions().images()}. */
  @Override
  public Images images() {
    return actions().images();
  }

  /**
   * Create, Get, List, Update and Delete List, and List List Profiles. Shorthand for {@code
   * actions().lists()}.
   */
  @Override
  public Lists lists() {
    return actions().lists();
  }

  /**
   * Create, Get, List and Update Profile; Subscribe and Unsubscribe Profiles. Shorthand for {@code
   * actions().profiles()}.
   */
  @Override
  public Profiles profiles() {
    return actions().profiles();
  }

  /** Create, Get, List, Update and Delete Segment. Shorthand for {@code actions().segments()}. */
  @Override
  public Segments segments() {
    return actions().segments();
  }

  /** Create, Get, List, Update and Delete Template. Shorthand for {@code actions().templates()}. */
  @Override
  public Templates templates() {
    return actions().templates();
  }

  /**
   * Advanced: an instance of a Retrofit service interface (such as the generated
   * {@code io.github.kvsdk.klaviyo.generated.api.*Api}) bound to this client. Instances are cached per type.
   * Run its calls with {@link io.github.kvsdk.klaviyo.http.KlaviyoCalls} for typed errors and futures.
   *
   * @param <S> the service interface
   * @param retrofitService the service interface
   * @return the service bound to this client
   */
  public <S> S service(Class<S> retrofitService) {
    Objects.requireNonNull(retrofitService, "retrofitService");
    return retrofitService.cast(services.computeIfAbsent(retrofitService, retrofit::create));
  }

  /**
   * Advanced: the fully configured OkHttp client (revision and user agent headers, credentials, retries, rate
   * limiting, logging, timeouts). Its asynchronous calls wait for retries and rate limits off OkHttp's
   * dispatcher threads, and its call timeout bounds those waits. Share it rather than rebuilding; {@code
   * newBuilder()} copies share its pools and interceptors, but their asynchronous calls wait on dispatcher
   * threads.
   *
   * @return the OkHttp client every call of this client goes through
   */
  public OkHttpClient httpClient() {
    return httpClient;
  }

  /** {@return the API host, such as {@code https://a.klaviyo.com/}} */
  public HttpUrl baseUrl() {
    return baseUrl;
  }

  /**
   * Advanced: the Moshi instance used for all JSON, with the generated models' adapters.
   *
   * @return the JSON binding of this client
   */
  public Moshi moshi() {
    return moshi;
  }

  /** {@return the {@code revision} header value} */
  public String revision() {
    return revision;
  }

  /** {@return the {@code User-Agent} header sent with every request, naming this SDK and its version} */
  public String userAgent() {
    return userAgent;
  }

  /** {@return which failures typed calls retry, how often and how long they wait in between} */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /**
   * Advanced: the per-operation limiter (shared by clients derived with {@link #withOptions}).
   *
   * @return the rate limiter, whose state can be inspected
   */
  public ClientRateLimiter rateLimiter() {
    return rateLimiter;
  }

  /** {@return how long establishing a connection may take; zero means no limit} */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** {@return the longest silence while reading a response; zero means no limit} */
  public Duration readTimeout() {
    return readTimeout;
  }

  /** {@return the longest silence while sending a request; zero means no limit} */
  public Duration writeTimeout() {
    return writeTimeout;
  }

  /** {@return how long a whole call, retries and rate-limit waits included, may take; zero means no limit} */
  public Duration callTimeout() {
    return callTimeout;
  }

  /**
   * Makes the cheapest authenticated request (Get Accounts, {@code GET /api/accounts}, which needs the {@code
   * accounts:read} scope) and returns the account the credential belongs to. Use it to check a connection
   * before the first real call.
   *
   * @return the account the credential belongs to, and the kind of credential
   * @throws io.github.kvsdk.klaviyo.errors.AuthenticationException on 401, naming the credential kind (never
   *     the secret)
   * @throws io.github.kvsdk.klaviyo.errors.PermissionException on 403, naming the missing scope
   * @throws io.github.kvsdk.klaviyo.errors.KlaviyoException for any other failure
   */
  public CredentialCheck verifyCredentials() {
    return CredentialCheck.verify(raw, apiKey != null ? CredentialKind.PRIVATE_API_KEY : CredentialKind.OAUTH);
  }

  /**
   * Releases what this client created: its retry scheduler (asynchronous calls waiting to retry fail at once
   * with a {@code KlaviyoNetworkException}) and, unless the client was built on an {@link
   * Builder#okHttpClient OkHttpClient} of yours, OkHttp's dispatcher threads and pooled connections. Calls
   * made afterwards fail. Clients derived with {@link #withOptions} share the parent's dispatcher and pool:
   * closing the parent ends them for the derived clients too, closing a derived client leaves them open.
   * Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) return;
    httpClient.shutdown();
    if (ownsBaseHttpClient) {
      baseHttpClient.dispatcher().executorService().shutdown();
      baseHttpClient.connectionPool().evictAll();
    }
  }

  /** {@return true once {@link #close()} was called} */
  public boolean isClosed() {
    return closed.get();
  }

  @Override
  public String toString() {
    return "KlaviyoClient{baseUrl=" + baseUrl + ", revision=" + revision + ", auth="
        + (apiKey != null ? apiKey : "oauth") + "}";
  }

  /** The generated models' configuration: java.time, unions, tri-state nulls, lossless numbers. */
  private static Moshi createMoshi() {
    return KlaviyoMoshi.shared();
  }

  /** Collects and validates a client's settings. Every setter validates its argument at once. */
  public static final class Builder {
    private ApiKey apiKey;
    private OAuthSession oauth;
    private String revision = DEFAULT_REVISION;
    private HttpUrl baseUrl = HttpUrl.get(DEFAULT_BASE_URL);
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private Duration writeTimeout = DEFAULT_WRITE_TIMEOUT;
    private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
    private OkHttpClient okHttpClient;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private RateLimiterConfig rateLimiterConfig = RateLimiterConfig.defaults();
    private ClientRateLimiter rateLimiter; // Shared with the client this builder came from.
    private CallObserver observer = CallObserver.NONE;

    private Builder() {}

    private Builder(KlaviyoClient client) {
      apiKey = client.apiKey;
      oauth = client.oauth;
      revision = client.revision;
      baseUrl = client.baseUrl;
      connectTimeout = client.connectTimeout;
      readTimeout = client.readTimeout;
      writeTimeout = client.writeTimeout;
      callTimeout = client.callTimeout;
      okHttpClient = client.baseHttpClient;
      retryPolicy = client.retryPolicy;
      rateLimiterConfig = client.rateLimiter.config();
      rateLimiter = client.rateLimiter;
      observer = client.observer;
    }

    /**
     * Authenticates with a private API key ({@code pk_...}); replaces any OAuth session.
     *
     * @param apiKey the private API key
     * @return this builder
     * @throws KlaviyoValidationException if the key is not a private key (the message never contains it)
     */
    public Builder apiKey(String apiKey) {
      this.apiKey = ApiKey.of(apiKey);
      this.oauth = null;
      this.rateLimiter = null; // Klaviyo counts quota per credential.
      return this;
    }

    /**
     * Authenticates with OAuth bearer tokens from {@code session}; replaces any API key.
     *
     * @param session the OAuth session that supplies and refreshes tokens
     * @return this builder
     * @throws KlaviyoValidationException if {@code session} is null
     */
    public Builder oauth(OAuthSession session) {
      if (session == null) throw new KlaviyoValidationException("oauth", "session is required");
      this.oauth = session;
      this.apiKey = null;
      this.rateLimiter = null;
      return this;
    }

    /**
     * The {@code revision} header, {@code YYYY-MM-DD} with an optional {@code .suffix}; default {@link
     * #DEFAULT_REVISION}, the revision this SDK was generated from.
     * The date must be a revision Klaviyo could have published: not before {@value #FIRST_REVISION}, the
     * first revision of Klaviyo's date-versioned API, and not after today (UTC, with a day's grace for time
     * zones), since revisions are named after their release date. Klaviyo itself rejects unknown revisions;
     * these two rules catch typos before any request.
     *
     * @param revision the revision, such as {@code 2024-10-15}
     * @return this builder
     * @throws KlaviyoValidationException if the revision is malformed, before the first revision or in the future
     */
    public Builder revision(String revision) {
      var matcher = revision == null ? null : REVISION.matcher(revision);
      if (matcher == null || !matcher.matches()) {
        throw new KlaviyoValidationException("revision", "must look like YYYY-MM-DD or YYYY-MM-DD.suffix, such as "
            + DEFAULT_REVISION);
      }
      LocalDate date;
      try {
        date = LocalDate.parse(matcher.group(1));
      } catch (DateTimeParseException e) {
        throw new KlaviyoValidationException("revision", "must be a real calendar date, such as " + DEFAULT_REVISION);
      }
      if (date.isBefore(LocalDate.parse(FIRST_REVISION))) {
        throw new KlaviyoValidationException("revision", "must not be before " + FIRST_REVISION
            + ", the first revision of Klaviyo's date-versioned API");
      }
      if (date.isAfter(LocalDate.now(ZoneOffset.UTC).plusDays(1))) {
        throw new KlaviyoValidationException("revision", "must not be in the future: revisions are named after"
            + " the day Klaviyo released them");
      }
      this.revision = revision;
      return this;
    }

    /**
     * The API host; https, or http on loopback (127.0.0.0/8, ::1, localhost). Default https://a.klaviyo.com.
     * The host only: the SDK adds {@code /api/...} itself, so a URL ending in {@code /api} is refused (it would
     * send every call to {@code /api/api/...}).
     *
     * @param baseUrl the API host, such as {@code https://a.klaviyo.com}
     * @return this builder
     * @throws KlaviyoValidationException if the URL is malformed, not https (or http on loopback) or ends in {@code /api}
     */
    public Builder baseUrl(String baseUrl) {
      return baseUrl(BaseUrls.parse("baseUrl", baseUrl));
    }

    /**
     * The API host, as an {@link HttpUrl}; the same rules as {@link #baseUrl(String)}.
     *
     * @param baseUrl the API host, such as {@code https://a.klaviyo.com}
     * @return this builder
     * @throws KlaviyoValidationException if the URL is not https (or http on loopback) or ends in {@code /api}
     */
    public Builder baseUrl(HttpUrl baseUrl) {
      HttpUrl checked = BaseUrls.check("baseUrl", baseUrl);
      List<String> segments = checked.pathSegments();
      String last = segments.isEmpty() ? "" : segments.get(segments.size() - 1);
      if (last.isEmpty() && segments.size() > 1) last = segments.get(segments.size() - 2);
      if (last.equalsIgnoreCase("api")) {
        throw new KlaviyoValidationException("baseUrl", "must be the API host without the /api path, such as "
            + DEFAULT_BASE_URL + ": the SDK adds /api/... to every request itself");
      }
      if (!checked.encodedPath().endsWith("/")) {
        checked = checked.newBuilder().encodedPath(checked.encodedPath() + "/").build();
      }
      this.baseUrl = checked;
      return this;
    }

    /**
     * Default 10 s; zero means no timeout.
     *
     * @param timeout how long establishing a connection may take
     * @return this builder
     * @throws KlaviyoValidationException if the timeout is null, negative or too large
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout("connectTimeout", timeout);
      return this;
    }

    /**
     * The longest silence while reading a response. Default 30 s; zero means no timeout.
     *
     * @param timeout the longest silence while reading
     * @return this builder
     * @throws KlaviyoValidationException if the timeout is null, negative or too large
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout("readTimeout", timeout);
      return this;
    }

    /**
     * Default 30 s; zero means no timeout.
     *
     * @param timeout the longest silence while sending
     * @return this builder
     * @throws KlaviyoValidationException if the timeout is null, negative or too large
     */
    public Builder writeTimeout(Duration timeout) {
      this.writeTimeout = timeout("writeTimeout", timeout);
      return this;
    }

    /**
     * The longest a whole call may take, retries and rate-limit waits included. Default 60 s; zero: none.
     *
     * @param timeout how long a whole call may take
     * @return this builder
     * @throws KlaviyoValidationException if the timeout is null, negative or too large
     */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = timeout("callTimeout", timeout);
      return this;
    }

    /**
     * An OkHttp client to build on, so connection pools and dispatchers can be shared; its interceptors run
     * before ours. It is not modified: this SDK configures a {@code newBuilder()} copy.
     *
     * @param okHttpClient the client to build on; not modified, not closed by this SDK
     * @return this builder
     * @throws KlaviyoValidationException if the value is null
     */
    public Builder okHttpClient(OkHttpClient okHttpClient) {
      if (okHttpClient == null) throw new KlaviyoValidationException("okHttpClient", "must not be null");
      this.okHttpClient = okHttpClient;
      return this;
    }

    /**
     * Default {@link RetryPolicy#defaults()}; {@link RetryPolicy#none()} disables retries.
     *
     * @param retryPolicy which failures to retry and how
     * @return this builder
     * @throws KlaviyoValidationException if the value is null
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      if (retryPolicy == null) throw new KlaviyoValidationException("retryPolicy", "must not be null");
      this.retryPolicy = retryPolicy;
      return this;
    }

    /**
     * Turns the client-side rate limiter on (default) or off.
     *
     * @param enabled false to send calls without waiting for Klaviyo's published limits
     * @return this builder
     */
    public Builder rateLimiting(boolean enabled) {
      return rateLimiting(enabled ? RateLimiterConfig.defaults() : RateLimiterConfig.disabled());
    }

    /**
     * Configures the client-side rate limiter: which limits it applies and how long a call may wait for them.
     *
     * @param config the limiter's settings; {@link RateLimiterConfig#disabled()} turns it off
     * @return this builder
     * @throws KlaviyoValidationException if {@code config} is null
     */
    public Builder rateLimiting(RateLimiterConfig config) {
      if (config == null) throw new KlaviyoValidationException("rateLimiting", "must not be null");
      this.rateLimiterConfig = config;
      this.rateLimiter = null;
      return this;
    }

    /**
     * Records the client's calls in {@code registry}: call and request timers, retries, HTTP 429 responses and
     * rate-limiter waits, by operation (see {@link io.github.kvsdk.klaviyo.metrics.KlaviyoMeters} for the
     * names). Off unless set; needs {@code io.micrometer:micrometer-core} on the class path, which a client
     * without a registry never loads.
     *
     * @param registry where the meters are registered
     * @return this builder
     */
    public Builder meterRegistry(MeterRegistry registry) {
      if (registry == null) throw new KlaviyoValidationException("meterRegistry", "must not be null");
      this.observer = MicrometerCallObserver.create(registry);
      return this;
    }

    /**
     * Builds the client. Build one per credential and share it: it holds connection pools and threads.
     *
     * @return the client; close it when done
     * @throws KlaviyoValidationException if no credential was set
     */
    public KlaviyoClient build() {
      if (apiKey == null && oauth == null) {
        throw new KlaviyoValidationException("credentials", "set apiKey(\"pk_...\") or oauth(session)");
      }
      return new KlaviyoClient(this);
    }

    private static Duration timeout(String field, Duration timeout) {
      return Timeouts.check(field, timeout);
    }
  }
}
