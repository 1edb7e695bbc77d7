package io.github.kvsdk.klaviyo.sandbox.internal.http;

import io.github.kvsdk.klaviyo.sandbox.internal.spec.ApiSpec;
import java.time.Clock;
import java.time.Duration;

/**
 * Hands the sandbox its {@link ApiBackend}, whose implementation is package-private: it lives with the stored
 * objects it changes through their package-private methods, and so stays out of the public API. The
 * implementation registers its factory here when its class is initialised; {@link #create} initialises that class
 * first.
 */
public final class ApiBackends {
  /**
   * The implementation, initialised by name: its package depends on this one, so naming its class here would make
   * a package cycle.
   */
  private static final String IMPLEMENTATION = "io.github.kvsdk.klaviyo.sandbox.resources.Backend";

  private static volatile Registration<?> registration;

  private ApiBackends() {}

  /**
   * Registers the one factory of back ends; the implementation calls this from its static initialiser.
   *
   * @param <S> the type of the stored objects
   * @param stateType the class of the stored objects the factory takes
   * @param factory builds back ends
   * @throws IllegalStateException if a factory is registered already
   */
  public static synchronized <S> void register(Class<S> stateType, ApiBackend.Factory<S> factory) {
    if (registration != null) {
      throw new IllegalStateException("A back end factory is registered already");
    }
    registration = new Registration<>(stateType, factory);
  }

  /**
   * Builds a back end over {@code state}.
   *
   * @param state the stored objects, of the type the implementation registered
   * @param spec the served revision's operations and schemas
   * @param clock the sandbox clock, for timestamps and job progress
   * @param jobDuration how long a bulk job takes from queued to complete, on the sandbox clock; zero applies it at
   *     once
   * @return a back end with every operation's handler registered
   * @throws ClassCastException if {@code state} is not of the registered type
   */
  public static ApiBackend create(Object state, ApiSpec spec, Clock clock, Duration jobDuration) {
    return registration().create(state, spec, clock, jobDuration);
  }

  private static Registration<?> registration() {
    Registration<?> r = registration;
    if (r == null) {
      try {
        Class.forName(IMPLEMENTATION, true, ApiBackends.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("The back end " + IMPLEMENTATION + " is missing", e);
      }
      r = registration;
      if (r == null) {
        throw new IllegalStateException("The back end " + IMPLEMENTATION + " registered no factory");
      }
    }
    return r;
  }

  private record Registration<S>(Class<S> stateType, ApiBackend.Factory<S> factory) {
    ApiBackend create(Object state, ApiSpec spec, Clock clock, Duration jobDuration) {
      return factory.create(stateType.cast(state), spec, clock, jobDuration);
    }
  }
}
