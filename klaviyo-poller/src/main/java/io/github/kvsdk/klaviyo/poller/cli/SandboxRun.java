package io.github.kvsdk.klaviyo.poller.cli;

import io.github.kvsdk.klaviyo.poller.config.ObjectType;
import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import io.github.kvsdk.klaviyo.sandbox.seed.SeedPlan;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The embedded sandbox behind {@code --sandbox}: seeded with objects of the polled type, some of
 * them sharing one second, and able to update a few between polls.
 */
final class SandboxRun implements AutoCloseable {
  private static final Map<ObjectType, SeedPlan.Type> SEED_TYPES = Map.of(
      ObjectType.PROFILES, SeedPlan.Type.PROFILES,
      ObjectType.EVENTS, SeedPlan.Type.EVENTS,
      ObjectType.CAMPAIGNS, SeedPlan.Type.CAMPAIGNS,
      ObjectType.LISTS, SeedPlan.Type.LISTS,
      ObjectType.SEGMENTS, SeedPlan.Type.SEGMENTS,
      ObjectType.TEMPLATES, SeedPlan.Type.TEMPLATES,
      ObjectType.IMAGES, SeedPlan.Type.IMAGES,
      ObjectType.FLOWS, SeedPlan.Type.FLOWS,
      ObjectType.FORMS, SeedPlan.Type.FORMS,
      ObjectType.REVIEWS, SeedPlan.Type.REVIEWS);

  /** The sandbox's JSON:API type names, for updates between polls; events are immutable. */
  private static final Map<ObjectType, String> RESOURCE_TYPES = Map.of(
      ObjectType.PROFILES, "profile",
      ObjectType.CAMPAIGNS, "campaign",
      ObjectType.LISTS, "list",
      ObjectType.SEGMENTS, "segment",
      ObjectType.TEMPLATES, "template",
      ObjectType.IMAGES, "image",
      ObjectType.FLOWS, "flow",
      ObjectType.FORMS, "form",
      ObjectType.REVIEWS, "review");

  private final KlaviyoSandbox sandbox;
  private final ObjectType type;
  private final PrintStream err;

  private SandboxRun(KlaviyoSandbox sandbox, ObjectType type, PrintStream err) {
    this.sandbox = sandbox;
    this.type = type;
    this.err = err;
  }

  static SandboxRun start(ObjectType type, int objects, PrintStream err) {
    SeedPlan.Type seedType = SEED_TYPES.get(type);
    if (seedType == null) {
      throw new io.github.kvsdk.klaviyo.poller.config.InvalidConfigurationException("object-type",
          "cannot be seeded in the sandbox: " + type.configName());
    }
    Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    SeedPlan.Builder plan = SeedPlan.builder()
        .count(seedType, objects)
        .between(to.minus(Duration.ofDays(7)), to)
        .sameSecond(objects * 3 / 5); // More than a page: shows the dense-second path.
    if (type == ObjectType.EVENTS) plan.profiles(Math.max(1, objects / 20));
    KlaviyoSandbox sandbox = KlaviyoSandbox.builder().seed(plan.build()).start();
    err.println("klaviyo-poller: sandbox started at " + sandbox.baseUrl() + " with " + objects
        + " " + type.configName() + " (" + plan.build().sameSecond()
        + " of them in one second)");
    return new SandboxRun(sandbox, type, err);
  }

  String baseUrl() {
    return sandbox.baseUrl();
  }

  String apiKey() {
    return sandbox.defaultApiKey();
  }

  /** Updates {@code count} random objects of the polled type, as a live account would. */
  void updateSome(int count) {
    String resourceType = RESOURCE_TYPES.get(type);
    if (resourceType == null || count == 0) return;
    int updated = sandbox.mutations().mutateNow(resourceType, count);
    err.println("klaviyo-poller: sandbox updated " + updated + " " + type.configName());
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
