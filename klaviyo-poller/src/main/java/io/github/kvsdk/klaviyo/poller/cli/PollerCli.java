package io.github.kvsdk.klaviyo.poller.cli;

import io.github.kvsdk.klaviyo.CredentialCheck;
import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.poller.PollResult;
import io.github.kvsdk.klaviyo.poller.Poller;
import io.github.kvsdk.klaviyo.poller.RetryableFailures;
import io.github.kvsdk.klaviyo.poller.checkpoint.Checkpoint;
import io.github.kvsdk.klaviyo.poller.checkpoint.CheckpointKey;
import io.github.kvsdk.klaviyo.poller.checkpoint.CheckpointStore;
import io.github.kvsdk.klaviyo.poller.checkpoint.FileCheckpointStore;
import io.github.kvsdk.klaviyo.poller.checkpoint.InMemoryCheckpointStore;
import io.github.kvsdk.klaviyo.poller.config.EmitMode;
import io.github.kvsdk.klaviyo.poller.config.InvalidConfigurationException;
import io.github.kvsdk.klaviyo.poller.config.PollerConfig;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code klaviyo-poller}: polls a Klaviyo listing for new and updated objects and prints them as
 * JSON Lines on standard output; progress and logs go to standard error.
 */
@Command(
    name = "klaviyo-poller",
    mixinStandardHelpOptions = true,
    versionProvider = CliVersion.class,
    sortOptions = false,
    usageHelpWidth = 80,
    description = {
        "Polls a Klaviyo listing for objects created or updated since the last",
        "checkpoint and prints them to standard output as JSON Lines, one complete",
        "object per line. Progress and logs go to standard error.",
        "",
        "Until stopped (SIGTERM, Ctrl-C), it polls every interval and waits out",
        "network failures, 5xx and 429 answers and unreadable pages, retrying with",
        "backoff. A stop finishes the current page, saves its checkpoint, exits 0.",
        "",
        "Exit codes: 0 done or stopped, 1 other failure (I/O, closed output),",
        "2 invalid configuration (nothing was sent), 3 Klaviyo API error",
        "(e.g. 401, 403, 400), 4 checkpoint file unusable (corrupt, or ahead of",
        "this host's clock), 5 Klaviyo unreachable (network failure or timeout).",
        ""
    })
public final class PollerCli implements Callable<Integer> {
  static final String DEFAULT_CHECKPOINT = "klaviyo-poller-checkpoint.json";

  @Option(names = "--object-type", paramLabel = "TYPE",
      description = "profiles, events, campaigns, lists, segments, templates, universal-content, "
          + "images, flows, forms or reviews. With --sandbox: profiles.")
  String objectType;

  @Option(names = "--timestamp-field", paramLabel = "FIELD",
      description = "The timestamp to poll on, e.g. updated (profiles), datetime (events), "
          + "updated_at (campaigns). With --sandbox: updated.")
  String timestampField;

  @Option(names = "--emit", paramLabel = "MODE", defaultValue = "individually",
      description = "individually (one line per object, default) or page (one {\"results\":[...]} "
          + "line per page).")
  String emit;

  @Option(names = "--page-size", paramLabel = "N",
      description = "page[size], 1-100 (flows: 50); default the endpoint's maximum. Only for "
          + "types whose listing takes page[size]: profiles, universal-content, images, flows, "
          + "forms, reviews.")
  Integer pageSize;

  @Option(names = "--start-time", paramLabel = "ISO-8601",
      description = "Inclusive, e.g. 2024-11-21T10:00:00Z. Default 1970-01-01T00:00:00Z. "
          + "Ignored once a checkpoint exists.")
  String startTime;

  @Option(names = "--end-time", paramLabel = "ISO-8601", description = "Exclusive; default none.")
  String endTime;

  @Option(names = "--lag", paramLabel = "DURATION",
      description = "How far the upper bound trails now: seconds or ISO-8601 (PT30S). Default 30 "
          + "(with --sandbox: 2).")
  String lag;

  @Option(names = "--channel", paramLabel = "CHANNEL",
      description = "Campaigns only, required there: email or sms.")
  String channel;

  @Option(names = "--checkpoint", paramLabel = "FILE",
      description = "Checkpoint file; with --sandbox, kept in memory unless given.%n"
          + "Default: " + DEFAULT_CHECKPOINT)
  Path checkpoint;

  @Option(names = "--account", paramLabel = "ID",
      description = "Account part of the checkpoint key; default the id from /api/accounts.")
  String account;

  @Option(names = "--api-key", paramLabel = "KEY",
      description = "Private API key. Visible to other users in the process list: prefer the "
          + "KLAVIYO_API_KEY environment variable (the default) or --api-key-file. Never printed.")
  String apiKey;

  @Option(names = "--api-key-file", paramLabel = "FILE",
      description = "Reads the private API key from FILE (surrounding whitespace ignored).")
  Path apiKeyFile;

  @Option(names = "--base-url", paramLabel = "URL", defaultValue = "https://a.klaviyo.com",
      description = "API base URL. Default https://a.klaviyo.com.")
  String baseUrl;

  @Option(names = "--once",
      description = "Poll once and exit; a failure exits at once with its exit code.")
  boolean once;

  @Option(names = "--interval", paramLabel = "DURATION",
      description = "Pause between polls: seconds or ISO-8601, at least 1 s. Default 60 "
          + "(with --sandbox: 3). Also the longest pause between retries of a failed poll.")
  String interval;

  @Option(names = "--max-polls", paramLabel = "N",
      description = "Stop after N completed polls; failed polls are retried and not counted.")
  Integer maxPolls;

  @Option(names = "--log-level", paramLabel = "LEVEL",
      description = "error, warn, info (default: progress lines) or debug (also every HTTP "
          + "request and the client's retries).")
  String logLevel;

  @Option(names = {"-q", "--quiet"}, description = "Only errors on standard error: --log-level error.")
  boolean quiet;

  @Option(names = "--sandbox",
      description = "Start an embedded, seeded Klaviyo sandbox on 127.0.0.1 and poll it: a "
          + "backfill, then some updates, then an incremental poll (--max-polls 2), then exit.")
  boolean sandbox;

  @Option(names = "--sandbox-objects", paramLabel = "N", defaultValue = "250",
      description = "With --sandbox: how many objects to seed. Default 250.")
  int sandboxObjects;

  @Option(names = "--sandbox-updates", paramLabel = "N", defaultValue = "10",
      description = "With --sandbox: how many objects the sandbox updates before each poll after "
          + "the first. Default 10.")
  int sandboxUpdates;

  /** How long a stop requested by a signal waits for the current page. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  /** The shortest allowed interval: polls closer together only repeat empty windows. */
  static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
  /** The first pause after a failed poll; it doubles per failure up to the interval. */
  static final Duration FIRST_RETRY = Duration.ofSeconds(1);

  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock = Clock.systemUTC();
  private LogLevel level = LogLevel.INFO;
  private volatile Poller running;
  private volatile int exitCode = ExitCode.FAILURE;
  private final CountDownLatch finished = new CountDownLatch(1);
  private final CountDownLatch stop = new CountDownLatch(1);

  PollerCli(Map<String, String> env, PrintStream out, PrintStream err) {
    this.env = env;
    this.out = out;
    this.err = err;
  }

  /**
   * Runs the {@code klaviyo-poller} command line and exits with its status; {@code --help} lists the options.
   *
   * @param args the command-line arguments
   */
  public static void main(String[] args) {
    quietEmbeddedServerLogs();
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false,
        StandardCharsets.UTF_8);
    PollerCli cli = new PollerCli(System.getenv(), out, System.err);
    Runtime.getRuntime().addShutdownHook(new Thread(cli::shutdown, "klaviyo-poller-shutdown"));
    int code = cli.commandLine().execute(args);
    cli.finished(code);
    System.exit(code);
  }

  /** Routes the sandbox's server logging (jboss-logging) to slf4j-simple, warnings only. */
  private static void quietEmbeddedServerLogs() {
    System.setProperty("org.jboss.logging.provider", "slf4j");
    for (String logger : new String[] {"io.undertow", "org.xnio", "org.jboss"}) {
      System.setProperty("org.slf4j.simpleLogger.log." + logger, "warn");
    }
  }

  CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(this);
    // Help and version are what was asked for: standard output. Usage errors: standard error.
    commandLine.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
    commandLine.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
    return commandLine;
  }

  @Override
  public Integer call() {
    try {
      return run();
    } catch (Exception e) {
      err.println("klaviyo-poller: " + Failures.describe(e));
      if (level.shows(LogLevel.DEBUG)) e.printStackTrace(err);
      return Failures.exitCode(e);
    }
  }

  private int run() throws Exception {
    if (quiet && logLevel != null) {
      throw new InvalidConfigurationException("quiet", "cannot be combined with --log-level");
    }
    level = quiet ? LogLevel.ERROR : logLevel != null ? LogLevel.parse(logLevel) : LogLevel.INFO;
    level.configureLibraryLogging();
    if (sandbox) {
      if (objectType == null) objectType = "profiles";
      if (timestampField == null) timestampField = "updated";
    }
    PollerConfig.Builder builder = PollerConfig.builder()
        .objectType(objectType)
        .timestampField(timestampField)
        .emitMode(EmitMode.parse(emit))
        .lag(parseDuration("lag", lag != null ? lag : sandbox ? "2" : "30", true))
        .channel(channel);
    if (pageSize != null) builder.pageSize(pageSize);
    if (startTime != null) builder.startTime(PollerConfig.parseInstant("start-time", startTime));
    if (endTime != null) builder.endTime(PollerConfig.parseInstant("end-time", endTime));
    PollerConfig config = builder.build();
    if (pageSize != null && !config.objectType().supportsPageSize()) {
      throw new InvalidConfigurationException("page-size", config.objectType().configName()
          + " listings have a fixed page size and take no page[size]; leave --page-size out");
    }
    Duration pause = parseDuration("interval", interval != null ? interval : sandbox ? "3" : "60",
        false);
    if (pause.compareTo(MIN_INTERVAL) < 0) {
      throw new InvalidConfigurationException("interval",
          "must be at least 1 second, was '" + interval + "'");
    }
    if (once && maxPolls != null) {
      throw new InvalidConfigurationException("once",
          "cannot be combined with --max-polls: --once is one attempt of one poll");
    }
    if (maxPolls != null && maxPolls < 1) {
      throw new InvalidConfigurationException("max-polls", "must be at least 1, was " + maxPolls);
    }
    if (account != null && account.isBlank()) {
      throw new InvalidConfigurationException("account", "must not be blank");
    }
    int polls = maxPolls != null ? maxPolls : once ? 1 : sandbox ? 2 : Integer.MAX_VALUE;
    checkWindowBounds(config, once);

    if (sandbox) {
      if (sandboxObjects < 1) {
        throw new InvalidConfigurationException("sandbox-objects",
            "must be at least 1, was " + sandboxObjects);
      }
      if (sandboxUpdates < 0) {
        throw new InvalidConfigurationException("sandbox-updates",
            "must not be negative, was " + sandboxUpdates);
      }
      if (checkpoint != null) CheckpointPath.check(checkpoint);
      try (SandboxRun embedded = SandboxRun.start(config.objectType(), sandboxObjects, err)) {
        CheckpointStore store = checkpoint != null
            ? new FileCheckpointStore(checkpoint) : new InMemoryCheckpointStore();
        return pollLoop(config, store, embedded.baseUrl(), embedded.apiKey(), polls, pause,
            () -> embedded.updateSome(sandboxUpdates));
      }
    }
    String key = apiKey();
    Path file = checkpoint != null ? checkpoint : Path.of(DEFAULT_CHECKPOINT);
    CheckpointPath.check(file);
    return pollLoop(config, new FileCheckpointStore(file), baseUrl, key, polls, pause, () -> {});
  }

  private String apiKey() {
    if (apiKey != null && apiKeyFile != null) {
      throw new InvalidConfigurationException("api-key", "cannot be combined with --api-key-file");
    }
    String key = apiKey;
    if (apiKeyFile != null) {
      try {
        key = Files.readString(apiKeyFile, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new InvalidConfigurationException("api-key-file",
            "cannot be read: " + apiKeyFile + " (" + IoReason.of(e) + ")");
      }
      if (key.isEmpty()) {
        throw new InvalidConfigurationException("api-key-file", "is empty: " + apiKeyFile);
      }
    }
    if (key == null) key = env.get("KLAVIYO_API_KEY");
    if (key == null || key.isBlank()) {
      throw new InvalidConfigurationException("api-key",
          "is required: set KLAVIYO_API_KEY or pass --api-key-file or --api-key");
    }
    return key;
  }

  /**
   * Rejects a lag or a start time that leaves nothing to poll: windows end at {@code now - lag},
   * so the upper bound must lie after 1970 and after the start. A start time after the upper bound
   * but not in the future is legitimate for a loop (it waits for it), so only a warning there.
   */
  private void checkWindowBounds(PollerConfig config, boolean singlePoll) {
    Instant now = clock.instant();
    Duration sinceEpoch = Duration.between(Instant.EPOCH, now);
    if (config.lag().compareTo(sinceEpoch) >= 0) {
      throw new InvalidConfigurationException("lag", "must be shorter than the time since "
          + "1970-01-01T00:00:00Z, or every window ends before 1970; was " + config.lag());
    }
    Instant upper = now.minus(config.lag());
    Instant start = config.startTime();
    if (start.isAfter(now)) {
      throw new InvalidConfigurationException("start-time",
          "is in the future (now " + now.truncatedTo(ChronoUnit.SECONDS) + "), was " + start);
    }
    if (!start.isBefore(upper)) {
      String problem = "start-time " + start + " is not before the upper bound now - lag ("
          + upper.truncatedTo(ChronoUnit.SECONDS) + "), so the first poll has nothing to read";
      if (singlePoll) throw new InvalidConfigurationException("start-time", "with --once: "
          + problem);
      level.print(err, LogLevel.WARN, "klaviyo-poller: warning: " + problem);
    }
  }

  private int pollLoop(PollerConfig config, CheckpointStore store, String url, String key,
      int polls, Duration pause, Runnable betweenPolls) throws Exception {
    ProgressReporter progress = new ProgressReporter(err, level.shows(LogLevel.INFO));
    try (KlaviyoClient client = client(key, url)) {
      level.print(err, LogLevel.INFO, "klaviyo-poller: " + config + " from " + url
          + ", checkpoint " + (store instanceof FileCheckpointStore file ? file.path() : "in memory"));
      boolean singlePoll = once;
      Poller poller = null; // Built once the credential has been verified.
      int completed = 0;
      int failures = 0;
      while (completed < polls && stop.getCount() > 0) {
        PollResult result;
        progress.pollStarted();
        long pagesBefore = progress.pages();
        try {
          if (poller == null) {
            // The key is checked before the first listing. Without --account, that check also
            // names the account the checkpoint is kept under; with it, the checkpoint is checked
            // first, before any request.
            CredentialCheck check = account == null ? verify(client) : null;
            Poller built = Poller.builder()
                .config(config)
                .client(client)
                .checkpointStore(store)
                .listener(progress)
                .account(account != null ? account : check.accountId())
                .build();
            if (!checkCheckpoint(built, store, config)) return ExitCode.OK;
            if (check == null) verify(client);
            FreshLine.ensure(out);
            poller = built;
            running = poller;
          }
          result = poller.pollOnce(new JsonLinesConsumer(out));
        } catch (Exception e) {
          if (singlePoll || !Failures.isTransient(e)) throw e;
          // An attempt that saved pages before failing made progress: back off from the start.
          failures = progress.pages() > pagesBefore ? 1 : failures + 1;
          Duration wait = backoff(failures, pause);
          level.print(err, LogLevel.WARN, "klaviyo-poller: poll " + (completed + 1) + " failed ("
              + failures + " in a row), retrying in " + wait.toSeconds() + " s: "
              + Failures.describe(e));
          if (!sleep(wait)) break;
          continue;
        }
        failures = 0;
        completed++;
        if (!result.complete()) {
          level.print(err, LogLevel.INFO, String.format("poll %d interrupted by a stop request "
                  + "after %d pages: %d objects emitted; checkpoint saved at %s",
              completed, result.pages(), result.objectsEmitted(), result.checkpoint().boundary()));
          break;
        }
        int unsettled = result.checkpoint().unsettledSeconds().size();
        level.print(err, LogLevel.INFO, String.format("poll %d done: %d pages, %d objects "
                + "emitted, %d already-emitted skipped; window up to %s; %.0f objects/s%s",
            completed, result.pages(), result.objectsEmitted(), result.duplicatesSkipped(),
            result.upperBound(), progress.rate(), unsettled == 0 ? "" : String.format("; %d "
                + "dense second%s not yet proven complete, listed again next poll: %s",
                unsettled, unsettled == 1 ? "" : "s", result.checkpoint().unsettledSeconds().keySet())));
        if (reachedEnd(config, result.checkpoint())) {
          level.print(err, LogLevel.INFO, "klaviyo-poller: reached end-time " + config.endTime()
              + "; nothing left to poll");
          break;
        }
        if (completed == polls) break;
        betweenPolls.run();
        if (!sleep(pause)) break;
      }
    } finally {
      Poller poller = running;
      running = null;
      if (poller != null) poller.close();
    }
    return ExitCode.OK;
  }

  /** The client every request goes through; a malformed key or URL is a configuration error. */
  private static KlaviyoClient client(String key, String url) {
    try {
      return KlaviyoClient.builder().apiKey(key).baseUrl(url).build();
    } catch (KlaviyoValidationException e) {
      String field = e.field().equals("apiKey") ? "api-key"
          : e.field().equals("baseUrl") ? "base-url" : e.field();
      throw new InvalidConfigurationException(field, e.rule());
    }
  }

  /**
   * Checks the key with one request before the first poll. A rejected key (401) or one without the
   * scope the check needs (403) fails with a message naming the credential and the scope, never
   * the key; the caller exits with the API error code.
   */
  private CredentialCheck verify(KlaviyoClient client) {
    CredentialCheck check = client.verifyCredentials();
    level.print(err, LogLevel.INFO, "klaviyo-poller: " + check.credentialKind().description()
        + " accepted for account " + check.accountId());
    return check;
  }

  /**
   * Checks the saved checkpoint before the first listing request. Returns false if the stream
   * already reached its end time. A boundary after this host's clock or before 1970 cannot come
   * from this poller's own saves (they never pass {@code now - lag}): it is refused.
   */
  private boolean checkCheckpoint(Poller poller, CheckpointStore store, PollerConfig config)
      throws IOException {
    CheckpointKey key = poller.checkpointKey();
    Optional<Checkpoint> saved = store.load(key);
    if (saved.isEmpty()) return true;
    Instant boundary = saved.get().boundary();
    Instant now = clock.instant();
    String where = store instanceof FileCheckpointStore file ? " in " + file.path() : "";
    if (boundary.isAfter(now)) {
      throw new UnusableCheckpointException("The checkpoint for " + key + where + " is at "
          + boundary + ", after this host's clock (" + now.truncatedTo(ChronoUnit.SECONDS)
          + "): it was written by a host whose clock ran ahead, or edited. Fix the clock or the "
          + "file deliberately.");
    }
    if (boundary.isBefore(Instant.EPOCH)) {
      throw new UnusableCheckpointException("The checkpoint for " + key + where + " is at "
          + boundary + ", before 1970-01-01T00:00:00Z; fix or delete the file deliberately.");
    }
    if (reachedEnd(config, saved.get())) {
      level.print(err, LogLevel.INFO, "klaviyo-poller: the checkpoint for " + key
          + " already reached end-time " + config.endTime() + "; nothing left to poll");
      return false;
    }
    Instant upper = now.minus(config.lag());
    if (!boundary.isBefore(upper)) {
      level.print(err, LogLevel.WARN, "klaviyo-poller: warning: the checkpoint for " + key
          + " is at " + boundary + ", not before the upper bound now - lag ("
          + upper.truncatedTo(ChronoUnit.SECONDS) + "); polls find nothing until "
          + boundary.plus(config.lag()));
    }
    return true;
  }

  /** True once the checkpoint reached the end time and no second before it is unsettled. */
  private static boolean reachedEnd(PollerConfig config, Checkpoint checkpoint) {
    Instant end = config.endTime();
    return end != null && !checkpoint.boundary().isBefore(end)
        && checkpoint.unsettledSeconds().isEmpty();
  }

  /** 1 s, 2 s, 4 s, ... after consecutive failures, never longer than the interval. */
  static Duration backoff(int failures, Duration interval) {
    return RetryableFailures.backoff(failures, FIRST_RETRY, interval);
  }

  private boolean sleep(Duration pause) {
    try {
      return !stop.await(pause.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Called by {@link #main} once the command returned, with its exit code. */
  void finished(int code) {
    exitCode = code;
    finished.countDown();
  }

  /**
   * Shutdown hook. On a normal exit it returns at once. On a signal (SIGTERM, Ctrl-C) it lets the
   * current page finish and its checkpoint be saved, then ends the process with the command's exit
   * code: 0 after a clean stop, not the JVM's 143. If the page does not finish within 30 s, it
   * exits 143 with the checkpoint of the last completed page.
   */
  void shutdown() {
    if (finished.getCount() == 0) return;
    if (running != null) {
      level.print(err, LogLevel.INFO, "klaviyo-poller: stop requested; finishing the current page");
    }
    stop.countDown();
    Poller poller = running;
    if (poller != null) {
      try {
        poller.close();
      } catch (IOException ignored) {
        // Exiting anyway.
      }
    }
    boolean stopped;
    try {
      stopped = finished.await(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      stopped = false;
    }
    out.flush();
    err.flush();
    Runtime.getRuntime().halt(stopped ? exitCode : 128 + 15);
  }

  static Duration parseDuration(String field, String value, boolean zeroAllowed) {
    Duration duration;
    try {
      duration = value.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(value))
          : Duration.parse(value);
    } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
      throw new InvalidConfigurationException(field,
          "must be whole seconds or an ISO-8601 duration such as PT30S, was '" + value + "'");
    }
    if (duration.isNegative() || (!zeroAllowed && duration.isZero())) {
      throw new InvalidConfigurationException(field,
          "must be " + (zeroAllowed ? "zero or more" : "positive") + ", was '" + value + "'");
    }
    return duration;
  }
}
