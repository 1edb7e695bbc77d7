package io.github.kvsdk.klaviyo.poller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonReader;
import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import io.github.kvsdk.klaviyo.sandbox.faults.Fault;
import io.github.kvsdk.klaviyo.sandbox.seed.SeedPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okio.Buffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The packaged CLI as users run it: {@code java -jar klaviyo-poller.jar} in a child process, against
 * a sandbox in this JVM. Exit codes, signals, standard output and error are the real ones.
 */
@Tag("sandbox") // runs against the sandbox; CI runs these for the pinned revision only
final class PollerProcessTest {
  private static final int PROFILES = 60;
  private static final String WITHOUT_ACCOUNTS_SCOPE = "pk_scoped_profiles_only_0000000000";
  private static final String WITHOUT_PROFILES_SCOPE = "pk_scoped_accounts_only_0000000000";
  private static KlaviyoSandbox sandbox;

  @TempDir Path dir;

  @BeforeAll
  static void startSandbox() {
    CliProcess.jar();
    sandbox = KlaviyoSandbox.builder().rateLimits(false)
        .apiKey(WITHOUT_ACCOUNTS_SCOPE, Set.of("profiles:read"))
        .apiKey(WITHOUT_PROFILES_SCOPE, Set.of("accounts:read"))
        .seed(SeedPlan.builder().profiles(PROFILES).build()).start();
  }

  @AfterAll
  static void stopSandbox() {
    if (sandbox != null) sandbox.close();
  }

  @AfterEach
  void clearFaults() {
    sandbox.faults().clear();
  }

  private static Map<String, String> key() {
    return Map.of("KLAVIYO_API_KEY", sandbox.defaultApiKey());
  }

  /** Options polling the sandbox's profiles into {@code checkpoint}, followed by {@code more}. */
  private static String[] poll(Path checkpoint, String... more) {
    List<String> args = new ArrayList<>(List.of("--lag", "0"));
    args.addAll(List.of(more));
    return pollWithDefaultLag(checkpoint, args.toArray(String[]::new));
  }

  private static String[] pollWithDefaultLag(Path checkpoint, String... more) {
    List<String> args = new ArrayList<>(List.of("--base-url", sandbox.baseUrl(),
        "--object-type", "profiles", "--timestamp-field", "updated",
        "--checkpoint", checkpoint.toString()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private static String id(String line) throws IOException {
    Object value = JsonReader.of(new Buffer().writeUtf8(line)).readJsonValue();
    assertThat(value).as("one JSON object per line: %s", line).isInstanceOf(Map.class);
    return (String) ((Map<?, ?>) value).get("id");
  }

  private static List<String> ids(List<String> lines) throws IOException {
    List<String> ids = new ArrayList<>();
    for (String line : lines) ids.add(id(line));
    return ids;
  }

  @Test
  void versionAndHelpGoToStandardOutputAndExitAtOnce() throws Exception {
    CliProcess version = CliProcess.start(dir, "version", Map.of(), false, "--version");
    CliProcess help = CliProcess.start(dir, "help", Map.of(), false, "--help");
    // Both used to wait 30 s for a poll that never started; a poll-less exit takes a JVM start.
    assertThat(version.exitCode(Duration.ofSeconds(20))).isZero();
    assertThat(help.exitCode(Duration.ofSeconds(20))).isZero();
    assertThat(CliVersion.version()).isEqualTo(System.getProperty("project.version"));
    assertThat(version.out()).startsWith("klaviyo-poller " + CliVersion.version() + " (Klaviyo API revision "
        + io.github.kvsdk.klaviyo.generated.GeneratedRevision.revision() + ")");
    assertThat(version.err()).isEmpty();
    assertThat(help.err()).isEmpty();

    String usage = help.out();
    assertThat(usage.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    // Every description reads intact once the wrapping is undone: no word was split.
    String unwrapped = usage.replaceAll("\\s+", " ");
    for (CommandLine.Model.OptionSpec option
        : new CommandLine(new PollerCli(Map.of(), System.out, System.err)).getCommandSpec().options()) {
      for (String paragraph : String.join(" ", option.description()).split("%n")) {
        assertThat(unwrapped).contains(paragraph.replaceAll("\\s+", " ").strip());
      }
    }
    assertThat(unwrapped).contains("Default: klaviyo-poller-checkpoint.json")
        .contains("Visible to other users in the process list")
        .contains("--api-key-file").contains("--log-level").contains("--quiet")
        .contains("0 done or stopped");
  }

  @Test
  void badInputIsAnExitTwoNamingTheSettingBeforeAnyRequest() throws Exception {
    Path directory = Files.createDirectory(dir.resolve("a-directory"));
    Path regularFile = Files.writeString(dir.resolve("a-file"), "x");
    String recent = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS).toString();
    Path cp = dir.resolve("cp.json");
    Map<String[], String> cases = new LinkedHashMap<>();
    cases.put(poll(cp, "--account", ""), "account: must not be blank");
    cases.put(poll(directory), "checkpoint: is a directory");
    cases.put(poll(Path.of("/proc/klaviyo-poller-test.json")), "checkpoint: cannot be written");
    cases.put(poll(regularFile.resolve("cp.json")), "is a file, not a directory");
    cases.put(poll(cp, "--once", "--max-polls", "3"), "once: cannot be combined with --max-polls");
    cases.put(new String[] {"--base-url", sandbox.baseUrl(), "--object-type", "events",
        "--timestamp-field", "datetime", "--page-size", "50", "--checkpoint", cp.toString()},
        "page-size: events listings have a fixed page size");
    cases.put(poll(cp, "--start-time", "2999-01-01T00:00:00Z"), "start-time: is in the future");
    cases.put(poll(cp, "--start-time", "1960-01-01T00:00:00Z"),
        "start-time: must not be before 1970-01-01T00:00:00Z");
    cases.put(pollWithDefaultLag(cp, "--lag", "PT1000000H"), "lag: must be shorter than the time since 1970");
    cases.put(poll(cp, "--interval", "PT0.0001S"), "interval: must be at least 1 second");
    // A lag of a day keeps the upper bound (now minus the lag) before "recent" however late the process starts.
    cases.put(pollWithDefaultLag(cp, "--once", "--lag", "PT24H", "--start-time", recent),
        "start-time: with --once: start-time " + recent + " is not before the upper bound");
    cases.put(poll(cp, "--api-key-file", dir.resolve("missing").toString()),
        "api-key-file: cannot be read");
    cases.put(poll(cp, "--quiet", "--log-level", "info"), "quiet: cannot be combined");

    long requestsBefore = sandbox.requests().total();
    List<CliProcess> runs = new ArrayList<>();
    int n = 0;
    for (String[] args : cases.keySet()) runs.add(CliProcess.start(dir, "bad" + n++, key(), false, args));
    n = 0;
    for (String expected : cases.values()) {
      CliProcess run = runs.get(n++);
      assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.CONFIGURATION);
      assertThat(run.err()).contains("klaviyo-poller: invalid configuration: ").contains(expected)
          .doesNotContain("\tat ").doesNotContain("Exception");
      assertThat(run.out()).isEmpty();
    }
    assertThat(sandbox.requests().total()).isEqualTo(requestsBefore);
    assertThat(cp).doesNotExist();
  }

  @Test
  void aCheckpointAheadOfTheClockIsRefusedBeforeAnyRequest() throws Exception {
    Path cp = dir.resolve("cp.json");
    Files.writeString(cp, "{\"format\":\"klaviyo-poller-checkpoints\",\"version\":1,\"checkpoints\":"
        + "[{\"account\":\"ACC\",\"object_type\":\"profiles\",\"timestamp_field\":\"updated\","
        + "\"boundary\":\"2999-01-01T00:00:00Z\",\"ids_at_boundary\":[]}]}");
    String saved = Files.readString(cp);
    long requestsBefore = sandbox.requests().total();
    CliProcess run = CliProcess.run(dir, "ahead", key(), poll(cp, "--account", "ACC", "--once"));
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.CHECKPOINT);
    assertThat(run.err()).contains("is at 2999-01-01T00:00:00Z, after this host's clock");
    assertThat(sandbox.requests().total()).as("%s", sandbox.requests().recent())
        .isEqualTo(requestsBefore);
    assertThat(Files.readString(cp)).isEqualTo(saved);

    Files.writeString(cp, saved.replace("2999-01-01T00:00:00Z", "1960-01-01T00:00:00Z"));
    CliProcess old = CliProcess.run(dir, "before1970", key(), poll(cp, "--account", "ACC"));
    assertThat(old.exitCode()).as(old.err()).isEqualTo(ExitCode.CHECKPOINT);
    assertThat(old.err()).contains("is at 1960-01-01T00:00:00Z, before 1970-01-01T00:00:00Z");
    assertThat(sandbox.requests().total()).isEqualTo(requestsBefore);
  }

  @Test
  void theLoopWaitsOutUnreadablePagesAndStopsOnARejectedKey() throws Exception {
    // A body that breaks off is retried by the SDK itself (the listing is an idempotent GET); a malformed
    // body is the poller's to wait out: the loop retries after 1 s.
    sandbox.faults().add(Fault.truncatedBody().path("/api/profiles*").times(1));
    sandbox.faults().add(Fault.malformedBody().path("/api/profiles*").times(1));
    Path cp = dir.resolve("cp.json");
    CliProcess run = CliProcess.run(dir, "faults", key(), poll(cp, "--max-polls", "1",
        "--interval", "5"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(ids(run.lines())).doesNotHaveDuplicates().hasSize(PROFILES);
    assertThat(run.err())
        .contains("poll 1 failed (1 in a row), retrying in 1 s: Klaviyo API error: "
            + "Unreadable listing from /api/profiles")
        .doesNotContain("(2 in a row)")
        .contains("poll 1 done: ");

    // A rejected key cannot heal: the loop stops at once with the API error's code.
    CliProcess rejected = CliProcess.run(dir, "rejected",
        Map.of("KLAVIYO_API_KEY", "pk_not_a_valid_key_00000000000000"), poll(dir.resolve("x.json")));
    assertThat(rejected.exitCode()).as(rejected.err()).isEqualTo(ExitCode.API);
    assertThat(rejected.err()).contains("Klaviyo API error: ").contains("401")
        .doesNotContain("retrying").doesNotContain("pk_not_a_valid_key");
  }

  @Test
  void theKeyIsVerifiedBeforeTheFirstPollAndARejectionNamesTheCredentialOrScope() throws Exception {
    // A key Klaviyo does not know: exit 3 after the one check request, naming the credential.
    long before = sandbox.requests().count("get_profiles");
    Path cp = dir.resolve("cp.json");
    CliProcess unknown = CliProcess.run(dir, "unknown", Map.of("KLAVIYO_API_KEY",
        "pk_unknown_key_000000000000000000"), poll(cp));
    assertThat(unknown.exitCode()).as(unknown.err()).isEqualTo(ExitCode.API);
    assertThat(unknown.err())
        .contains("klaviyo-poller: Klaviyo API error: Klaviyo rejected the client's private API "
            + "key (HTTP 401)")
        .doesNotContain("pk_unknown_key").doesNotContain("retrying").doesNotContain("\tat ");
    assertThat(unknown.out()).isEmpty();
    assertThat(cp).doesNotExist();

    // A key without the scope the check needs (accounts:read): exit 3, naming the scope.
    CliProcess noAccounts = CliProcess.run(dir, "no-accounts",
        Map.of("KLAVIYO_API_KEY", WITHOUT_ACCOUNTS_SCOPE), poll(cp, "--once"));
    assertThat(noAccounts.exitCode()).as(noAccounts.err()).isEqualTo(ExitCode.API);
    assertThat(noAccounts.err())
        .contains("Klaviyo API error: Klaviyo accepted the client's private API key but it lacks "
            + "the scope accounts:read")
        .contains("(HTTP 403)").doesNotContain(WITHOUT_ACCOUNTS_SCOPE);
    assertThat(cp).doesNotExist();
    // Neither run listed a profile: the check comes first.
    assertThat(sandbox.requests().count("get_profiles")).isEqualTo(before);

    // A key that passes the check but may not list profiles: the listing's 403 names the scope.
    CliProcess noProfiles = CliProcess.run(dir, "no-profiles",
        Map.of("KLAVIYO_API_KEY", WITHOUT_PROFILES_SCOPE), poll(cp));
    assertThat(noProfiles.exitCode()).as(noProfiles.err()).isEqualTo(ExitCode.API);
    assertThat(noProfiles.err()).contains("private API key accepted for account ")
        .contains("Klaviyo API error: ").contains("profiles:read")
        .doesNotContain(WITHOUT_PROFILES_SCOPE).doesNotContain("retrying");
    assertThat(noProfiles.out()).isEmpty();
  }

  @Test
  void onceExitsWithTheCodeOfAFailureInsteadOfWaiting() throws Exception {
    sandbox.faults().add(Fault.malformedBody().path("/api/profiles*").times(1));
    CliProcess run = CliProcess.run(dir, "once", key(), poll(dir.resolve("cp.json"), "--once"));
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.API);
    assertThat(run.err()).contains("Klaviyo API error: Unreadable listing from /api/profiles")
        .doesNotContain("\tat ");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void sigtermFinishesTheCurrentPageSavesItAndExitsZero() throws Exception {
    sandbox.faults().add(Fault.delay(Duration.ofMillis(300)).path("/api/profiles*"));
    Path cp = dir.resolve("cp.json");
    CliProcess run = CliProcess.start(dir, "term", key(), true, poll(cp, "--page-size", "10"));
    run.awaitErr("page 1: ", Duration.ofSeconds(30));
    run.process.destroy(); // SIGTERM
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("stop requested; finishing the current page")
        .containsPattern("poll 1 interrupted by a stop request after \\d+ pages")
        .doesNotContain("poll 1 done");
    List<String> first = ids(run.lines());
    assertThat(first).isNotEmpty().hasSizeLessThan(PROFILES);
    assertThat(cp).exists();

    // The next run continues from the saved page; idle between polls, SIGTERM exits 0 at once.
    sandbox.faults().clear();
    CliProcess next = CliProcess.start(dir, "term", key(), true, poll(cp, "--interval", "600"));
    next.awaitErr("poll 1 done", Duration.ofSeconds(30));
    next.process.destroy();
    assertThat(next.exitCode()).as(next.err()).isZero();
    Set<String> all = new HashSet<>(ids(next.lines()));
    assertThat(all).hasSize(PROFILES);
    // At least once: at most the interrupted page comes twice.
    assertThat(next.lines().size()).isLessThanOrEqualTo(PROFILES + 10);
  }

  @Test
  void aRunAfterAKilledOneStartsOnAFreshLineAndRemovesStaleTemporaryFiles() throws Exception {
    Path cp = dir.resolve("cp.json");
    // What a run killed mid-line and mid-save would leave: a line without its newline, temp files.
    Path out = dir.resolve("fresh.out");
    Files.writeString(out, "{\"type\":\"profile\",\"id\":\"cut-off\"");
    Path stale = Files.writeString(dir.resolve("cp.json.7342281947.tmp"), "{\"format\"");
    Path unrelated = Files.writeString(dir.resolve("cp.json.notes.tmp"), "mine");
    CliProcess run = CliProcess.start(dir, "fresh", key(), true, poll(cp, "--once"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = run.lines();
    assertThat(lines.get(0)).isEqualTo("{\"type\":\"profile\",\"id\":\"cut-off\"");
    assertThat(ids(lines.subList(1, lines.size()))).doesNotHaveDuplicates().hasSize(PROFILES);
    assertThat(Files.readString(out, StandardCharsets.UTF_8)).endsWith("}\n");
    assertThat(stale).doesNotExist();
    assertThat(unrelated).exists();
  }

  @Test
  void quietPrintsNothingAndTheClientsRetriesShowOnlyWhenDebugging() throws Exception {
    sandbox.faults().add(Fault.status(503).path("/api/profiles*").times(1));
    CliProcess normal = CliProcess.run(dir, "normal", key(), poll(dir.resolve("a.json"), "--once"));
    assertThat(normal.exitCode()).as(normal.err()).isZero();
    assertThat(normal.err()).contains("poll 1 done").doesNotContain("Retrying");

    sandbox.faults().add(Fault.status(503).path("/api/profiles*").times(1));
    CliProcess debug = CliProcess.run(dir, "debug", key(),
        poll(dir.resolve("b.json"), "--once", "--log-level", "debug"));
    assertThat(debug.exitCode()).as(debug.err()).isZero();
    assertThat(debug.err()).contains("Retrying GET /api/profiles").contains("after HTTP 503");

    CliProcess quiet = CliProcess.run(dir, "quiet", key(), poll(dir.resolve("c.json"), "--once", "-q"));
    assertThat(quiet.exitCode()).as(quiet.err()).isZero();
    assertThat(quiet.err()).isEmpty();
    assertThat(quiet.lines()).hasSize(PROFILES);
  }
}
