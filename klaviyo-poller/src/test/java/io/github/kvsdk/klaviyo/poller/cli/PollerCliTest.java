package io.github.kvsdk.klaviyo.poller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonReader;
import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import io.github.kvsdk.klaviyo.sandbox.seed.SeedPlan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the CLI in-process against the sandbox and checks output, exit codes and secrecy. */
@Tag("sandbox") // runs against the sandbox; CI runs these for the pinned revision only
final class PollerCliTest {
  private static KlaviyoSandbox sandbox;

  @TempDir Path dir;
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final Map<String, String> env = new HashMap<>();

  @BeforeAll
  static void startSandbox() {
    sandbox = KlaviyoSandbox.builder().seed(SeedPlan.builder().profiles(30).build()).start();
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  private int run(String... args) {
    PollerCli cli = new PollerCli(env,
        new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8));
    return cli.commandLine().execute(args);
  }

  private List<String> lines() {
    String out = stdout.toString(StandardCharsets.UTF_8);
    return out.isEmpty() ? List.of() : List.of(out.split("\n"));
  }

  private String err() {
    return stderr.toString(StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String line) throws IOException {
    return (Map<String, Object>) JsonReader.of(new Buffer().writeUtf8(line)).readJsonValue();
  }

  @Test
  void sandboxModeShowsABackfillThenAnIncrementalPoll() throws IOException {
    int code = run("--sandbox", "--sandbox-objects", "40", "--sandbox-updates", "5",
        "--lag", "0", "--interval", "1");
    assertThat(code).as(err()).isZero();
    List<String> ids = new ArrayList<>();
    for (String line : lines()) {
      Map<String, Object> object = json(line);
      assertThat(object).containsEntry("type", "profile").containsKey("attributes");
      ids.add((String) object.get("id"));
    }
    // The sandbox updates 5 random profiles (possibly one twice): each comes once more.
    assertThat(ids.size()).isBetween(41, 45);
    List<String> backfill = ids.subList(0, 40);
    List<String> incremental = ids.subList(40, ids.size());
    assertThat(backfill).doesNotHaveDuplicates();
    assertThat(incremental).doesNotHaveDuplicates();
    assertThat(backfill).containsAll(incremental);
    assertThat(err()).contains("sandbox started at http://127.0.0.1:")
        .contains("poll 1 done: ").contains("40 objects emitted")
        .contains("poll 2 done: 1 pages, " + incremental.size() + " objects emitted")
        .contains("objects/s");
  }

  @Test
  void pageModeWritesOneResultsLinePerPage() throws IOException {
    int code = run("--base-url", sandbox.baseUrl(), "--api-key", sandbox.defaultApiKey(),
        "--object-type", "profiles", "--timestamp-field", "created", "--emit", "page",
        "--page-size", "12", "--lag", "0", "--once", "--checkpoint", dir.resolve("s.json").toString());
    assertThat(code).as(err()).isZero();
    assertThat(lines()).hasSizeGreaterThanOrEqualTo(3);
    int total = 0;
    for (String line : lines()) {
      @SuppressWarnings("unchecked")
      List<Object> results = (List<Object>) json(line).get("results");
      assertThat(results).isNotEmpty().hasSizeLessThanOrEqualTo(12);
      total += results.size();
    }
    assertThat(total).isEqualTo(30);
  }

  @Test
  void checkpointFileMakesTheNextRunIncremental() throws IOException {
    Path state = dir.resolve("state.json");
    String[] args = {"--base-url", sandbox.baseUrl(), "--object-type", "profiles",
        "--timestamp-field", "created", "--lag", "0", "--once", "--checkpoint", state.toString()};
    env.put("KLAVIYO_API_KEY", sandbox.defaultApiKey());
    assertThat(run(args)).as(err()).isZero();
    assertThat(lines()).hasSize(30);
    assertThat(Files.readString(state)).contains("\"object_type\": \"profiles\"");
    stdout.reset();
    assertThat(run(args)).as(err()).isZero();
    assertThat(lines()).isEmpty();
  }

  @Test
  void invalidConfigurationExitsWithTwoBeforeAnyRequest() {
    env.put("KLAVIYO_API_KEY", "pk_whatever_0123456789abc");
    assertThat(run("--object-type", "profiles", "--timestamp-field", "datetime",
        "--base-url", sandbox.baseUrl())).isEqualTo(ExitCode.CONFIGURATION);
    assertThat(err()).contains("invalid configuration: timestamp-field: must be one of "
        + "[created, updated] for profiles, was 'datetime'");
    assertThat(run("--object-type", "campaigns", "--timestamp-field", "updated_at"))
        .isEqualTo(ExitCode.CONFIGURATION);
    assertThat(err()).contains("channel: is required for campaigns");
    assertThat(run("--object-type", "profiles", "--timestamp-field", "updated",
        "--start-time", "yesterday")).isEqualTo(ExitCode.CONFIGURATION);
    assertThat(run("--object-type", "profiles", "--timestamp-field", "updated",
        "--page-size", "500")).isEqualTo(ExitCode.CONFIGURATION);
    assertThat(run("--object-type", "profiles", "--timestamp-field", "updated",
        "--lag", "soon")).isEqualTo(ExitCode.CONFIGURATION);
    assertThat(run("--no-such-option")).isEqualTo(ExitCode.CONFIGURATION);
    assertThat(lines()).isEmpty();
  }

  @Test
  void missingApiKeyIsAConfigurationError() {
    assertThat(run("--object-type", "profiles", "--timestamp-field", "updated"))
        .isEqualTo(ExitCode.CONFIGURATION);
    assertThat(err()).contains("api-key: is required: set KLAVIYO_API_KEY or pass --api-key");
  }

  @Test
  void rejectedKeyExitsWithThreeAndIsNeverPrinted() {
    String secret = "pk_this_key_is_secret_1234567890";
    env.put("KLAVIYO_API_KEY", secret);
    int code = run("--base-url", sandbox.baseUrl(), "--object-type", "profiles",
        "--timestamp-field", "updated", "--once", "--checkpoint", dir.resolve("s.json").toString());
    assertThat(code).isEqualTo(ExitCode.API);
    assertThat(err()).contains("Klaviyo API error: Klaviyo rejected the client's private API key "
        + "(HTTP 401)").doesNotContain(secret)
        .doesNotContain("this_key_is_secret");
    assertThat(lines()).isEmpty();
  }

  @Test
  void closedOutputStopsThePollWithoutAdvancingTheCheckpoint() throws IOException {
    Path state = dir.resolve("state.json");
    java.io.OutputStream broken = new java.io.OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("Broken pipe");
      }
    };
    PollerCli cli = new PollerCli(env, new PrintStream(broken, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8));
    int code = cli.commandLine().execute("--base-url", sandbox.baseUrl(), "--api-key",
        sandbox.defaultApiKey(), "--object-type", "profiles", "--timestamp-field", "created",
        "--lag", "0", "--once", "--checkpoint", state.toString());
    assertThat(code).isEqualTo(ExitCode.FAILURE);
    assertThat(err()).contains("standard output is closed");
    assertThat(state).doesNotExist();
  }

  @Test
  void unreachableKlaviyoExitsWithFive() throws IOException {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort(); // Closed again: nothing listens there.
    }
    env.put("KLAVIYO_API_KEY", sandbox.defaultApiKey());
    int code = run("--base-url", "http://127.0.0.1:" + port, "--object-type", "profiles",
        "--timestamp-field", "updated", "--once", "--checkpoint", dir.resolve("s.json").toString());
    assertThat(code).isEqualTo(ExitCode.NETWORK);
    assertThat(err()).contains("Klaviyo unreachable").doesNotContain(sandbox.defaultApiKey());
  }

  @Test
  void corruptCheckpointExitsWithFourAndKeepsTheFile() throws IOException {
    Path state = dir.resolve("state.json");
    Files.writeString(state, "{\"format\":\"klaviyo-poller-checkpoints\",");
    int code = run("--base-url", sandbox.baseUrl(), "--api-key", sandbox.defaultApiKey(),
        "--object-type", "profiles", "--timestamp-field", "updated", "--once",
        "--checkpoint", state.toString());
    assertThat(code).isEqualTo(ExitCode.CHECKPOINT);
    assertThat(err()).contains("is corrupt").contains("Refusing to restart from the start time");
    assertThat(Files.readString(state)).isEqualTo("{\"format\":\"klaviyo-poller-checkpoints\",");
    assertThat(lines()).isEmpty();
  }
}
