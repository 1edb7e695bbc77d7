package io.github.kvsdk.klaviyo.sandbox.cli;

import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import io.github.kvsdk.klaviyo.sandbox.seed.SeedPlan;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code java -jar klaviyo-sandbox.jar --port 8089 --seed-profiles 10000}: runs a sandbox until stopped. */
@Command(name = "klaviyo-sandbox", mixinStandardHelpOptions = true, versionProvider = SandboxVersion.class,
    description = "A local, stateful emulator of the Klaviyo REST API (of the revision --version names).")
public final class SandboxMain implements Callable<Integer> {
  @Option(names = "--port", description = "Port to listen on (0 = random). Default: ${DEFAULT-VALUE}.")
  int port = 8089;

  @Option(names = "--host", description = "Address to bind. Default: ${DEFAULT-VALUE}.")
  String host = "127.0.0.1";

  @Option(names = "--api-key", description = "Extra accepted private API key (pk_...); repeatable.")
  List<String> apiKeys = List.of();

  @Option(names = "--rate-limits", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Enforce Klaviyo's per-operation rate limits (--no-rate-limits to disable). Default: on.")
  boolean rateLimits;

  @Option(names = "--time-scale", description = "Run rate-limit windows this many times faster. Default: 1.")
  double timeScale = 1.0;

  @Option(names = "--seed-profiles", description = "Profiles to create at start-up.")
  int profiles;

  @Option(names = "--seed-lists", description = "Lists to create.")
  int lists;

  @Option(names = "--seed-segments", description = "Segments to create.")
  int segments;

  @Option(names = "--seed-events", description = "Events to create (metrics are created as needed).")
  int events;

  @Option(names = "--seed-campaigns", description = "Campaigns to create.")
  int campaigns;

  @Option(names = "--seed-templates", description = "Templates to create.")
  int templates;

  @Option(names = "--seed-images", description = "Images to create.")
  int images;

  @Option(names = "--seed-flows", description = "Flows to create. Default: ${DEFAULT-VALUE}.")
  int flows = 3;

  @Option(names = "--seed-forms", description = "Forms to create. Default: ${DEFAULT-VALUE}.")
  int forms = 2;

  @Option(names = "--seed-reviews", description = "Reviews to create.")
  int reviews;

  @Option(names = "--seed-days", description = "Spread the created objects' timestamps over this many days before now. Default: 30.")
  int days = 30;

  @Option(names = "--seed-same-second", description = "Objects per type that share one timestamp second.")
  int sameSecond;

  @Option(names = "--mutate-profiles-per-second", description = "Update this many profiles per second.")
  double mutateProfiles;

  @Option(names = "--seed-others", description = "Objects of every other resource type the spec defines "
      + "(tags, coupons, catalog items, webhooks, ...).")
  int others;

  @Option(names = "--tls", description = "Serve HTTPS with a self-signed certificate made at start-up.")
  boolean tls;

  @Option(names = "--tls-certificate", description = "With --tls, write the certificate (PEM) here for clients "
      + "to trust. Default: klaviyo-sandbox-cert.pem in the working directory.")
  java.nio.file.Path certificateFile = java.nio.file.Path.of("klaviyo-sandbox-cert.pem");

  @Option(names = "--job-seconds", description = "How long a bulk job takes to complete (0 = at once). "
      + "Default: ${DEFAULT-VALUE}.")
  double jobSeconds = 2;

  @Override
  public Integer call() throws Exception {
    Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    SeedPlan plan = SeedPlan.builder()
        .profiles(profiles).lists(lists).segments(segments).events(events).campaigns(campaigns)
        .templates(templates).images(images).flows(flows).forms(forms).reviews(reviews).others(others)
        .between(to.minus(Duration.ofDays(days)), to)
        .sameSecond(sameSecond)
        .build();
    long started = System.nanoTime();
    KlaviyoSandbox.Builder builder = KlaviyoSandbox.builder()
        .port(port).host(host).rateLimits(rateLimits).timeScale(timeScale).seed(plan).tls(tls)
        .jobDuration(Duration.ofMillis(Math.round(jobSeconds * 1000)));
    apiKeys.forEach(builder::apiKey);
    KlaviyoSandbox sandbox = builder.start();
    if (mutateProfiles > 0) {
      sandbox.mutations().updateProfilesPerSecond(mutateProfiles);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      sandbox.close();
      stopped.countDown();
    }, "klaviyo-sandbox-shutdown"));
    System.out.printf("Klaviyo sandbox (revision %s) listening on %s in %d ms%n", sandbox.revision(),
        sandbox.baseUrl(), (System.nanoTime() - started) / 1_000_000);
    if (tls) {
      java.nio.file.Files.writeString(certificateFile, sandbox.certificatePem());
      System.out.printf("  TLS certificate (self-signed, trust it in clients): %s%n", certificateFile.toAbsolutePath());
    }
    System.out.printf("  API key: Authorization: Klaviyo-API-Key %s%n", sandbox.defaultApiKey());
    System.out.printf("  rate limits: %s, time scale: %s, admin: %s/__admin/state%n",
        rateLimits ? "on" : "off", timeScale, sandbox.baseUrl());
    System.out.printf("  initial data: %d profiles, %d events%n", sandbox.state().profiles().count(),
        sandbox.state().events().count());
    System.out.flush();
    stopped.await();
    return 0;
  }

  /**
   * Runs the standalone sandbox until it is stopped; {@code --help} lists the options.
   *
   * @param args the command-line arguments
   */
  public static void main(String[] args) {
    int exit = new CommandLine(new SandboxMain()).execute(args);
    if (exit != 0) {
      System.exit(exit);
    }
  }
}
