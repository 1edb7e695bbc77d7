package io.github.kvsdk.klaviyo.poller.cli;

import io.github.kvsdk.klaviyo.errors.KlaviyoApiException;
import io.github.kvsdk.klaviyo.errors.KlaviyoException;
import io.github.kvsdk.klaviyo.errors.KlaviyoUnexpectedResponseException;
import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.poller.ConsumerFailedException;
import io.github.kvsdk.klaviyo.poller.PollResult;
import io.github.kvsdk.klaviyo.poller.Poller;
import io.github.kvsdk.klaviyo.poller.checkpoint.CheckpointStore;
import io.github.kvsdk.klaviyo.poller.checkpoint.CorruptCheckpointException;
import io.github.kvsdk.klaviyo.poller.checkpoint.FileCheckpointStore;
import io.github.kvsdk.klaviyo.poller.checkpoint.InMemoryCheckpointStore;
import io.github.kvsdk.klaviyo.poller.config.EmitMode;
import io.github.kvsdk.klaviyo.poller.config.InvalidConfigurationException;
import io.github.kvsdk.klaviyo.poller.config.PollerConfig;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
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
    version = "klaviyo-poller 0.1.0 (Klaviyo API revision 2024-10-15)",
    sortOptions = false,
    description = {
        "Polls a Klaviyo listing for objects created or updated since the last checkpoint and",
        "prints them to standard output as JSON Lines. Progress goes to standard error.",
        "",
        "Exit codes: 0 done, 1 other failure, 2 invalid configuration, 3 Klaviyo API error,",
        "4 corrupt checkpoint file, 5 Klaviyo unreachable (network failure or timeout)."
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
      description = "page[size], 1-100 (flows: 50); default the endpoint's maximum. Endpoints "
          + "without page[size] use their fixed size.")
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
      description = "Checkpoint file. Default " + DEFAULT_CHECKPOINT
          + "; with --sandbox, kept in memory unless given.")
  Path checkpoint;

  @Option(names = "--account", paramLabel = "ID",
      description = "Account part of the checkpoint key; default the id from /api/accounts.")
  String account;

  @Option(names = "--api-key", paramLabel = "KEY",
      description = "Private API key; default the KLAVIYO_API_KEY environment variable. "
          + "Never printed.")
  String apiKey;

  @Option(names = "--base-url", paramLabel = "URL", defaultValue = "https://a.klaviyo.com",
      description = "API base URL. Default https://a.klaviyo.com.")
  String baseUrl;

  @Option(names = "--once", description = "Poll once and exit (the default with --sandbox).")
  boolean once;

  @Option(names = "--interval", paramLabel = "DURATION",
      description = "Pause between polls: seconds or ISO-8601. Default 60 (with --sandbox: 3).")
  String interval;

  @Option(names = "--max-polls", paramLabel = "N", description = "Stop after N polls.")
  Integer maxPolls;

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

  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;
  private volatile Poller running;
  private final CountDownLatch finished = new CountDownLatch(1);
  private final CountDownLatch stop = new CountDownLatch(1);

  PollerCli(Map<String, String> env, PrintStream out, PrintStream err) {
    this.env = env;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    quietEmbeddedServerLogs();
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false,
        StandardCharsets.UTF_8);
    PollerCli cli = new PollerCli(System.getenv(), out, System.err);
    Runtime.getRuntime().addShutdownHook(new Thread(cli::shutdown, "klaviyo-poller-shutdown"));
    System.exit(cli.commandLine().execute(args));
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
    commandLine.setOut(new PrintWriter(err, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine;
  }

  @Override
  public Integer call() {
    try {
      return run();
    } catch (InvalidConfigurationException e) {
      err.println("klaviyo-poller: invalid configuration: " + e.getMessage());
      return ExitCode.CONFIGURATION;
    } catch (KlaviyoValidationException e) {
      err.println("klaviyo-poller: invalid configuration: " + e.getMessage());
      return ExitCode.CONFIGURATION;
    } catch (KlaviyoApiException | KlaviyoUnexpectedResponseException e) {
      err.println("klaviyo-poller: Klaviyo API error: " + e.getMessage());
      return ExitCode.API;
    } catch (CorruptCheckpointException e) {
      err.println("klaviyo-poller: " + e.getMessage());
      return ExitCode.CHECKPOINT;
    } catch (KlaviyoException e) {
      err.println("klaviyo-poller: Klaviyo unreachable: " + e.getMessage());
      return ExitCode.NETWORK;
    } catch (ConsumerFailedException | IOException | UncheckedIOException e) {
      err.println("klaviyo-poller: " + e.getMessage());
      return ExitCode.FAILURE;
    } finally {
      finished.countDown();
    }
  }

  private int run() throws IOException {
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
    Duration pause = parseDuration("interval", interval != null ? interval : sandbox ? "3" : "60",
        false);
    if (maxPolls != null && maxPolls < 1) {
      throw new InvalidConfigurationException("max-polls", "must be at least 1, was " + maxPolls);
    }
    int polls = maxPolls != null ? maxPolls : once ? 1 : sandbox ? 2 : Integer.MAX_VALUE;

    if (sandbox) {
      if (sandboxObjects < 1) {
        throw new InvalidConfigurationException("sandbox-objects",
            "must be at least 1, was " + sandboxObjects);
      }
      if (sandboxUpdates < 0) {
        throw new InvalidConfigurationException("sandbox-updates",
            "must not be negative, was " + sandboxUpdates);
      }
      try (SandboxRun embedded = SandboxRun.start(config.objectType(), sandboxObjects, err)) {
        CheckpointStore store = checkpoint != null
            ? new FileCheckpointStore(checkpoint) : new InMemoryCheckpointStore();
        return pollLoop(config, store, embedded.baseUrl(), embedded.apiKey(), polls, pause,
            () -> embedded.updateSome(sandboxUpdates));
      }
    }
    String key = apiKey != null ? apiKey : env.get("KLAVIYO_API_KEY");
    if (key == null || key.isBlank()) {
      throw new InvalidConfigurationException("api-key",
          "is required: set KLAVIYO_API_KEY or pass --api-key");
    }
    Path file = checkpoint != null ? checkpoint : Path.of(DEFAULT_CHECKPOINT);
    return pollLoop(config, new FileCheckpointStore(file), baseUrl, key, polls, pause, () -> {});
  }

  private int pollLoop(PollerConfig config, CheckpointStore store, String url, String key,
      int polls, Duration pause, Runnable betweenPolls) throws IOException {
    ProgressReporter progress = new ProgressReporter(err);
    Poller.Builder builder = Poller.builder()
        .config(config)
        .apiKey(key)
        .baseUrl(url)
        .checkpointStore(store)
        .listener(progress);
    if (account != null) builder.account(account);
    try (Poller poller = builder.build()) {
      running = poller;
      err.println("klaviyo-poller: " + config + " from " + url + ", checkpoint "
          + (store instanceof FileCheckpointStore file ? file.path() : "in memory"));
      for (int poll = 1; poll <= polls; poll++) {
        PollResult result;
        progress.pollStarted();
        try {
          result = poller.pollOnce(new JsonLinesConsumer(out));
        } catch (KlaviyoException e) {
          // Retries and rate limits were already applied by the client; wait for the next poll.
          if (polls == 1 || isPermanent(e)) throw e;
          err.println("klaviyo-poller: poll failed, retrying in " + pause + ": " + e.getMessage());
          if (!sleep(pause)) break;
          continue;
        }
        err.printf("poll %d done: %d pages, %d objects emitted, %d already-emitted skipped; "
                + "window up to %s; %.0f objects/s%n",
            poll, result.pages(), result.objectsEmitted(), result.duplicatesSkipped(),
            result.upperBound(), progress.rate());
        if (!result.complete() || poll == polls) break;
        betweenPolls.run();
        if (!sleep(pause)) break;
      }
    } finally {
      running = null;
    }
    return ExitCode.OK;
  }

  /** Client errors other than throttling will not heal by waiting. */
  private static boolean isPermanent(KlaviyoException e) {
    return e instanceof KlaviyoApiException api
        && api.statusCode() >= 400 && api.statusCode() < 500 && api.statusCode() != 429;
  }

  private boolean sleep(Duration pause) {
    try {
      return !finishedEarly(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private boolean finishedEarly(Duration pause) throws InterruptedException {
    return stop.await(pause.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Shutdown hook: lets the current page finish and its checkpoint be saved, then exits. */
  void shutdown() {
    if (finished.getCount() > 0) err.println("klaviyo-poller: stopping after the current page");
    stop.countDown();
    Poller poller = running;
    if (poller != null) {
      try {
        poller.close();
      } catch (IOException ignored) {
        // Exiting anyway.
      }
    }
    try {
      finished.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static Duration parseDuration(String field, String value, boolean zeroAllowed) {
    Duration duration;
    try {
      duration = value.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(value))
          : Duration.parse(value);
    } catch (DateTimeParseException | NumberFormatException e) {
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
