package io.github.kvsdk.klaviyo.api.internal;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Creates the client's services from another package without a public constructor taking a {@link
 * ServiceContext}: each service class (and the action set) keeps that constructor package-private and registers
 * a factory for itself in its static initializer; the client asks for an instance by class.
 *
 * <p>{@link #create} initializes the class first, so its registration has run (the JVM runs a class's
 * initializer once, and threads that ask meanwhile wait for it to finish). A class can register only its own
 * factory, once.
 */
public final class ServiceFactories {
  private static final Map<Class<?>, Function<ServiceContext, ?>> FACTORIES = new ConcurrentHashMap<>();
  private static final StackWalker CALLER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

  private ServiceFactories() {}

  /**
   * Registers how instances of {@code type} are created; called from {@code type}'s own static initializer.
   *
   * @param <S> the service type
   * @param type the calling class itself
   * @param factory creates an instance running on the given context
   * @throws IllegalArgumentException if the caller is not {@code type}
   * @throws IllegalStateException if {@code type} already registered a factory
   */
  public static <S> void register(Class<S> type, Function<ServiceContext, ? extends S> factory) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(factory, "factory");
    Class<?> caller = CALLER.getCallerClass();
    if (caller != type) {
      throw new IllegalArgumentException(
          caller.getName() + " cannot register the factory of " + type.getName() + ": a class registers its own");
    }
    if (FACTORIES.putIfAbsent(type, factory) != null) {
      throw new IllegalStateException("A factory for " + type.getName() + " is already registered");
    }
  }

  /**
   * An instance of {@code type} running on {@code context}, from the factory {@code type} registered.
   *
   * @param <S> the service type
   * @param type the service class
   * @param context the client's context
   * @return a new instance
   * @throws IllegalStateException if {@code type}'s initializer registered no factory
   */
  public static <S> S create(Class<S> type, ServiceContext context) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(context, "context");
    Function<ServiceContext, ?> factory = FACTORIES.get(type);
    if (factory == null) {
      initialize(type);
      factory = FACTORIES.get(type);
      if (factory == null) {
        throw new IllegalStateException("No factory registered for " + type.getName() + ": its static initializer "
            + "must call ServiceFactories.register(" + type.getSimpleName() + ".class, ...)");
      }
    }
    return type.cast(Objects.requireNonNull(factory.apply(context),
        () -> "the factory of " + type.getName() + " returned null"));
  }

  /** Runs {@code type}'s static initializer unless it has run; waits if another thread is running it. */
  private static void initialize(Class<?> type) {
    try {
      Class.forName(type.getName(), true, type.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(type.getName() + " is not visible to its own class loader", e);
    }
  }
}
