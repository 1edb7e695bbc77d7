package io.github.kvsdk.klaviyo.sandbox;

import io.github.kvsdk.klaviyo.sandbox.auth.ApiKeys;
import io.github.kvsdk.klaviyo.sandbox.faults.Faults;
import io.github.kvsdk.klaviyo.sandbox.http.RequestLog;
import io.github.kvsdk.klaviyo.sandbox.internal.admin.AdminApi;
import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiBackend;
import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiBackends;
import io.github.kvsdk.klaviyo.sandbox.internal.http.SandboxHttpHandler;
import io.github.kvsdk.klaviyo.sandbox.internal.spec.ApiSpec;
import io.github.kvsdk.klaviyo.sandbox.internal.tls.SelfSignedCertificate;
import io.github.kvsdk.klaviyo.sandbox.mutation.MutationDriver;
import io.github.kvsdk.klaviyo.sandbox.oauth.SandboxOAuth;
import io.github.kvsdk.klaviyo.sandbox.ratelimit.RateLimiter;
import io.github.kvsdk.klaviyo.sandbox.resources.Resource;
import io.github.kvsdk.klaviyo.sandbox.resources.SandboxState;
import io.github.kvsdk.klaviyo.sandbox.seed.SeedPlan;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A local, in-memory, stateful emulator of the Klaviyo REST API, at the revision its {@code klaviyo-openapi}
 * artifact was built for (2024-10-15 by default). Every operation of that revision answers: resources with
 * Klaviyo's own semantics (profiles, lists, events, campaigns, ...) by hand-written handlers, every other one
 * from the spec alone; every request is validated against the spec before anything is applied.
 *
 * <pre>{@code
 * try (KlaviyoSandbox sandbox = KlaviyoSandbox.start()) {
 *   String baseUrl = sandbox.baseUrl();          // "http://127.0.0.1:54321" (no trailing slash)
 *   String apiKey = sandbox.defaultApiKey();     // send as "Authorization: Klaviyo-API-Key " + apiKey
 *   // ... call baseUrl + "/api/profiles" with header "revision: 2024-10-15" ...
 *   assertThat(sandbox.state().profiles().count()).isEqualTo(1);
 * }
 * }</pre>
 *
 * <p>Every sandbox has one account, a few sample flows and forms, the {@link #DEFAULT_API_KEY} with every
 * scope, and listens on a loopback port. Embedded sandboxes ({@link #start()}, {@link #builder()}) have rate
 * limits off unless asked; the standalone jar turns them on.
 */
public final class KlaviyoSandbox implements AutoCloseable {
  /** The private API key every sandbox accepts, with every scope. */
  public static final String DEFAULT_API_KEY = "pk_sandbox_00000000000000000000000000000000";

  private final SandboxState state;
  private final ApiKeys apiKeys = new ApiKeys();
  private final SandboxOAuth oauth;
  private final RateLimiter rateLimiter;
  private final Faults faults = new Faults();
  private final RequestLog requests = new RequestLog();
  private final MutationDriver mutations;
  private final ApiBackend backend;
  private final SelfSignedCertificate tls;
  private final Undertow server;
  private final String host;
  private final int port;

  private KlaviyoSandbox(Builder b) {
    ApiSpec spec = ApiSpec.packaged();
    this.state = new SandboxState(b.clock, b.randomSeed);
    this.oauth = new SandboxOAuth(b.clock);
    this.rateLimiter = new RateLimiter(b.rateLimits, b.timeScale);
    this.mutations = new MutationDriver(state);
    apiKeys.add(DEFAULT_API_KEY);
    b.apiKeys.forEach(apiKeys::add);
    b.scopedKeys.forEach(apiKeys::add);
    ApiBackend backend = ApiBackends.create(state, spec, b.clock, b.jobDuration);
    this.backend = backend;
    backend.createAccount();
    backend.createSampleData(b.seed);
    AdminApi admin = b.admin ? new AdminApi(state, faults, rateLimiter, mutations, oauth, requests, this::seed) : null;
    SandboxHttpHandler handler = new SandboxHttpHandler(spec, backend.handlers(), apiKeys, oauth, rateLimiter,
        faults, admin, requests, state.accounts()::contains);
    this.tls = b.tls ? SelfSignedCertificate.create(b.host) : null;
    Undertow.Builder listener = Undertow.builder();
    if (tls != null) {
      listener.addHttpsListener(b.port, b.host, tls.serverContext());
    } else {
      listener.addHttpListener(b.port, b.host);
    }
    this.server = listener
        .setIoThreads(b.ioThreads)
        .setWorkerThreads(b.workerThreads)
        .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, 16L * 1024 * 1024)
        // The sandbox decodes paths and query strings itself, so malformed encoding gets an error document.
        .setServerOption(UndertowOptions.DECODE_URL, false)
        .setHandler(handler)
        .build();
    server.start();
    InetSocketAddress address = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
    this.host = b.host;
    this.port = address.getPort();
  }

  /**
   * Starts a sandbox on a random loopback port with default settings (rate limits off).
   *
   * @return the running sandbox; close it to stop the server
   */
  public static KlaviyoSandbox start() {
    return builder().start();
  }

  /** {@return a builder to configure and start a sandbox} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return the base URL, such as {@code http://127.0.0.1:54321}, without a trailing slash; API paths are
   * appended to it ({@code baseUrl() + "/api/profiles"})}
   */
  public String baseUrl() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return (tls != null ? "https://" : "http://") + h + ":" + port;
  }

  /**
   * {@return the self-signed certificate of a sandbox started with {@link Builder#tls(boolean)}, in PEM form, for
   * clients to trust; null without TLS}
   */
  public String certificatePem() {
    return tls == null ? null : tls.pem();
  }

  /** {@return the self-signed certificate of a sandbox started with TLS, or null} */
  public java.security.cert.X509Certificate certificate() {
    return tls == null ? null : tls.certificate();
  }

  /** {@return the listening port} */
  public int port() {
    return port;
  }

  /** {@return a private API key that is always accepted, with every scope ({@link #DEFAULT_API_KEY})} */
  public String defaultApiKey() {
    return DEFAULT_API_KEY;
  }

  /** {@return the API revision the sandbox emulates} */
  public String revision() {
    return ApiSpec.packaged().revision();
  }

  /** {@return the stored objects, for assertions and direct setup} */
  public SandboxState state() {
    return state;
  }

  /** {@return the sandbox's one account, created at start-up} */
  public Resource account() {
    return state.accounts().all().get(0);
  }

  /** {@return the accepted API keys; add keys with chosen scopes to test 403s} */
  public ApiKeys apiKeys() {
    return apiKeys;
  }

  /** {@return the OAuth server: register clients and issue authorization codes} */
  public SandboxOAuth oauth() {
    return oauth;
  }

  /** {@return the rate limiter, to switch limits on or off and reset their windows} */
  public RateLimiter rateLimiter() {
    return rateLimiter;
  }

  /**
   * Turns rate limits on or off for this sandbox.
   *
   * @param enabled true to answer requests over the limit with 429
   * @return this sandbox
   */
  public KlaviyoSandbox rateLimits(boolean enabled) {
    rateLimiter.enabled(enabled);
    return this;
  }

  /** {@return the faults armed on this sandbox, to make chosen requests fail} */
  public Faults faults() {
    return faults;
  }

  /** {@return the log of served requests, for assertions such as "the client retried twice"} */
  public RequestLog requests() {
    return requests;
  }

  /** {@return the mutation driver, which updates objects at a steady rate} */
  public MutationDriver mutations() {
    return mutations;
  }

  /**
   * Creates the sample data of {@code plan} now.
   *
   * @param plan how many objects of each type to create
   * @return this sandbox
   */
  public KlaviyoSandbox seed(SeedPlan plan) {
    backend.createSampleData(plan);
    return this;
  }

  /** Stops the mutation driver and the server. */
  @Override
  public void close() {
    mutations.close();
    server.stop();
    backend.close();
  }

  @Override
  public String toString() {
    return "KlaviyoSandbox{" + baseUrl() + "}";
  }

  /** Configures and starts a {@link KlaviyoSandbox}. */
  public static final class Builder {
    private int port;
    private String host = "127.0.0.1";
    private final List<String> apiKeys = new ArrayList<>();
    private final Map<String, Set<String>> scopedKeys = new LinkedHashMap<>();
    private boolean rateLimits;
    private double timeScale = 1.0;
    private SeedPlan seed = SeedPlan.builder().flows(3).forms(2).build();
    private long randomSeed;
    private Clock clock = Clock.systemUTC();
    private boolean admin = true;
    private boolean tls;
    private java.time.Duration jobDuration = java.time.Duration.ofSeconds(2);
    private int ioThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
    private int workerThreads = 32;

    private Builder() {}

    /**
     * Port to listen on; 0 (the default) picks a free one.
     *
     * @param port 0 to 65535
     * @return this builder
     * @throws IllegalArgumentException if the port is out of range
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Address to bind; default {@code 127.0.0.1}. Binding beyond loopback exposes the unauthenticated admin API.
     *
     * @param host a host name or IP address of this machine
     * @return this builder
     */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /**
     * Accepts one more private API key (with every scope). May be called several times.
     *
     * @param key a key starting with {@code pk_}
     * @return this builder
     * @throws IllegalArgumentException if the key does not start with {@code pk_} or is too short
     */
    public Builder apiKey(String key) {
      checkKey(key);
      apiKeys.add(key);
      return this;
    }

    /**
     * Accepts one more private API key limited to {@code scopes} (such as {@code profiles:read}).
     *
     * @param key a key starting with {@code pk_}
     * @param scopes the scopes the key grants
     * @return this builder
     * @throws IllegalArgumentException if the key does not start with {@code pk_} or is too short
     */
    public Builder apiKey(String key, Set<String> scopes) {
      checkKey(key);
      scopedKeys.put(key, Set.copyOf(scopes));
      return this;
    }

    private static void checkKey(String key) {
      if (key == null || !key.startsWith("pk_") || key.length() < 6) {
        throw new IllegalArgumentException("A private API key starts with 'pk_' and has at least 3 more characters");
      }
    }

    /**
     * Enforces Klaviyo's per-operation rate limits; default off for embedded use.
     *
     * @param enabled true to answer requests over the limit with 429
     * @return this builder
     */
    public Builder rateLimits(boolean enabled) {
      this.rateLimits = enabled;
      return this;
    }

    /**
     * Makes rate-limit windows pass {@code factor} times faster than real time (default 1).
     *
     * @param factor a positive finite number; 60 makes a minute window pass in a second
     * @return this builder
     * @throws IllegalArgumentException if the factor is not positive and finite
     */
    public Builder timeScale(double factor) {
      if (!(factor > 0) || Double.isInfinite(factor)) {
        throw new IllegalArgumentException("timeScale must be a positive finite number, was " + factor);
      }
      this.timeScale = factor;
      return this;
    }

    /**
     * Sample data to create at start-up (replaces the default of 3 flows and 2 forms).
     *
     * @param plan how many objects of each type to create
     * @return this builder
     */
    public Builder seed(SeedPlan plan) {
      this.seed = Objects.requireNonNull(plan, "plan");
      return this;
    }

    /**
     * Shorthand for sample data of {@code n} profiles (plus the default flows and forms).
     *
     * @param n how many profiles to create
     * @return this builder
     */
    public Builder seedProfiles(int n) {
      this.seed = SeedPlan.builder().profiles(n).flows(3).forms(2).build();
      return this;
    }

    /**
     * Random seed for generated ids (0, the default, uses a secure random source).
     *
     * @param seed the random seed; the same one gives the same ids
     * @return this builder
     */
    public Builder randomSeed(long seed) {
      this.randomSeed = seed;
      return this;
    }

    /**
     * The clock for server-side timestamps and token expiry; default the system UTC clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How long an asynchronous bulk job takes (default 2 seconds, on the sandbox clock): {@code queued}, then
     * {@code processing} at half of it, then {@code complete} with its effect applied. {@link java.time.Duration#ZERO}
     * applies every job before its 202 is sent, for tests that want the effect at once.
     *
     * @param duration zero or more, on the sandbox clock
     * @return this builder
     * @throws IllegalArgumentException if the duration is negative
     */
    public Builder jobDuration(java.time.Duration duration) {
      if (duration.isNegative()) {
        throw new IllegalArgumentException("jobDuration must not be negative, was " + duration);
      }
      this.jobDuration = duration;
      return this;
    }

    /**
     * Serves HTTPS instead of HTTP, with a self-signed certificate made at start-up for {@code localhost},
     * {@code 127.0.0.1}, {@code ::1} and the bind address ({@link KlaviyoSandbox#certificatePem()} gives it
     * to clients); {@link KlaviyoSandbox#baseUrl()} and every link then start with {@code https://}.
     *
     * @param enabled true to serve HTTPS
     * @return this builder
     */
    public Builder tls(boolean enabled) {
      this.tls = enabled;
      return this;
    }

    /**
     * Serves the {@code /__admin/} endpoints (default on).
     *
     * @param enabled false to leave the {@code /__admin/} endpoints out
     * @return this builder
     */
    public Builder admin(boolean enabled) {
      this.admin = enabled;
      return this;
    }

    /**
     * Undertow I/O and worker thread counts.
     *
     * @param ioThreads threads that accept and read connections, at least 1
     * @param workerThreads threads that run request handlers, at least 1
     * @return this builder
     * @throws IllegalArgumentException if a count is less than 1
     */
    public Builder threads(int ioThreads, int workerThreads) {
      if (ioThreads < 1 || workerThreads < 1) {
        throw new IllegalArgumentException("thread counts must be >= 1");
      }
      this.ioThreads = ioThreads;
      this.workerThreads = workerThreads;
      return this;
    }

    /**
     * Starts the sandbox.
     *
     * @return the running sandbox; close it to stop the server
     */
    public KlaviyoSandbox start() {
      return new KlaviyoSandbox(this);
    }

    /**
     * Same as {@link #start()}: the returned sandbox is already listening.
     *
     * @return the running sandbox; close it to stop the server
     */
    public KlaviyoSandbox build() {
      return start();
    }
  }
}
