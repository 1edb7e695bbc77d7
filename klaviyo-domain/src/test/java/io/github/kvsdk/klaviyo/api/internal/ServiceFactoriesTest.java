package io.github.kvsdk.klaviyo.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.squareup.moshi.Moshi;
import io.github.kvsdk.klaviyo.api.metrics.MetricsService;
import io.github.kvsdk.klaviyo.paging.IncludedTypes;
import io.github.kvsdk.klaviyo.paging.ResourceConverter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import retrofit2.Retrofit;

final class ServiceFactoriesTest {
  // Read by the fixtures' initializers; kept here so that touching them does not initialize a fixture.
  private static final CountDownLatch SLOW_INIT_ENTERED = new CountDownLatch(1);
  private static final CountDownLatch SLOW_INIT_RELEASE = new CountDownLatch(1);
  private static final AtomicInteger SLOW_REGISTRATIONS = new AtomicInteger();

  private final ServiceContext context = context();

  /** Registers its factory when initialized, as a generated service does. */
  static final class Registering {
    static {
      ServiceFactories.register(Registering.class, Registering::new);
    }

    final ServiceContext context;

    private Registering(ServiceContext context) {
      this.context = context;
    }
  }

  /** Registers nothing. */
  static final class Unregistered {
    Unregistered(ServiceContext context) {}
  }

  /** Registers twice: the second registration fails its initializer. */
  static final class RegistersTwice {
    static {
      ServiceFactories.register(RegistersTwice.class, RegistersTwice::new);
      ServiceFactories.register(RegistersTwice.class, RegistersTwice::new);
    }

    private RegistersTwice(ServiceContext context) {}
  }

  /** Tries to register the factory of a class other than itself. */
  static final class Impostor {
    static void registerFor(Class<Unregistered> other) {
      ServiceFactories.register(other, Unregistered::new);
    }
  }

  /** Its initializer holds until the test releases it, so that other threads ask while it runs. */
  static final class Slow {
    static {
      SLOW_INIT_ENTERED.countDown();
      try {
        if (!SLOW_INIT_RELEASE.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      SLOW_REGISTRATIONS.incrementAndGet();
      ServiceFactories.register(Slow.class, Slow::new);
    }

    final ServiceContext context;

    private Slow(ServiceContext context) {
      this.context = context;
    }
  }

  @Test
  void createsWithTheFactoryTheClassRegisteredWhenInitialized() {
    Registering first = ServiceFactories.create(Registering.class, context);
    Registering second = ServiceFactories.create(Registering.class, context);

    assertThat(first.context).isSameAs(context);
    assertThat(second).isNotSameAs(first);
  }

  @Test
  void createsTheGeneratedServices() {
    assertThat(ServiceFactories.create(MetricsService.class, context)).isExactlyInstanceOf(MetricsService.class);
  }

  @Test
  void aClassThatRegistersNothingIsAClearError() {
    assertThatThrownBy(() -> ServiceFactories.create(Unregistered.class, context))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("No factory registered for " + Unregistered.class.getName())
        .hasMessageContaining("ServiceFactories.register(Unregistered.class, ...)");
  }

  @Test
  void aClassRegistersOnlyItsOwnFactory() {
    assertThatThrownBy(() -> Impostor.registerFor(Unregistered.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Impostor.class.getName() + " cannot register the factory of "
            + Unregistered.class.getName());
    assertThatThrownBy(() -> ServiceFactories.create(Unregistered.class, context))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aSecondRegistrationIsRefused() {
    assertThatThrownBy(() -> ServiceFactories.create(RegistersTwice.class, context))
        .isInstanceOf(ExceptionInInitializerError.class)
        .cause().isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("A factory for " + RegistersTwice.class.getName() + " is already registered");
  }

  @Test
  void threadsAskingWhileTheInitializerRunsWaitForItsRegistration() throws Exception {
    List<CompletableFuture<Slow>> results = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      CompletableFuture<Slow> result = new CompletableFuture<>();
      results.add(result);
      threads.add(new Thread(() -> {
        try {
          result.complete(ServiceFactories.create(Slow.class, context));
        } catch (Throwable e) {
          result.completeExceptionally(e);
        }
      }, "first-use-" + i));
    }

    try {
      threads.get(0).start();
      assertThat(SLOW_INIT_ENTERED.await(10, TimeUnit.SECONDS)).as("initializer started").isTrue();
      for (Thread thread : threads.subList(1, threads.size())) thread.start();
      // The others found no factory (the initializer has not registered yet) and wait for the initializer.
      await().atMost(Duration.ofSeconds(10)).until(() -> threads.subList(1, threads.size()).stream()
          .allMatch(ServiceFactoriesTest::waitsForClassInitialization));
      assertThat(results).noneMatch(CompletableFuture::isDone);
    } finally {
      SLOW_INIT_RELEASE.countDown();
    }

    HashSet<Slow> created = new HashSet<>();
    for (CompletableFuture<Slow> result : results) {
      Slow slow = result.get(10, TimeUnit.SECONDS);
      assertThat(slow.context).isSameAs(context);
      created.add(slow);
    }
    assertThat(created).hasSize(threads.size());
    assertThat(SLOW_REGISTRATIONS).hasValue(1);
  }

  /** Whether {@code thread} is inside {@link Class#forName}, which is where it waits for another's initializer. */
  private static boolean waitsForClassInitialization(Thread thread) {
    return Arrays.stream(thread.getStackTrace())
        .anyMatch(f -> f.getClassName().equals(Class.class.getName()) && f.getMethodName().startsWith("forName"));
  }

  private static ServiceContext context() {
    Retrofit retrofit = new Retrofit.Builder().baseUrl("http://localhost/").client(new OkHttpClient()).build();
    ServiceContext[] self = new ServiceContext[1];
    self[0] = new ServiceContext(retrofit, "2024-10-15", ResourceConverter.moshi(new Moshi.Builder().build()),
        IncludedTypes.none(), options -> self[0]);
    return self[0];
  }
}
