package io.github.kvsdk.klaviyo.sandbox.internal.http;

import io.github.kvsdk.klaviyo.sandbox.internal.spec.ApiSpec;
import io.github.kvsdk.klaviyo.sandbox.seed.SeedPlan;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The emulated API behind the HTTP layer: a handler for every operation over one sandbox's stored objects, and
 * the sample data the sandbox starts with. The sandbox obtains one from {@link ApiBackends#create}.
 */
public interface ApiBackend extends AutoCloseable {
  /** {@return operationId -> handler, for every emulated operation} */
  Map<String, ApiHandler> handlers();

  /** Creates the sandbox's one account, unless it exists. */
  void createAccount();

  /**
   * Creates the sample data of {@code plan}, brings it in line with the served revision's schemas, then creates
   * the plan's number of objects of every resource type without hand-written behaviour.
   *
   * @param plan how many objects of each type to create
   */
  void createSampleData(SeedPlan plan);

  /** Stops the background work (job progress). */
  @Override
  void close();

  /**
   * Builds back ends over stored objects of type {@code S}.
   *
   * @param <S> the type of the stored objects
   */
  @FunctionalInterface
  interface Factory<S> {
    /**
     * {@return a back end with every operation's handler registered}
     *
     * @param state the stored objects
     * @param spec the served revision's operations and schemas
     * @param clock the sandbox clock, for timestamps and job progress
     * @param jobDuration how long a bulk job takes from queued to complete, on the sandbox clock; zero applies it
     *     at once
     */
    ApiBackend create(S state, ApiSpec spec, Clock clock, Duration jobDuration);
  }
}
