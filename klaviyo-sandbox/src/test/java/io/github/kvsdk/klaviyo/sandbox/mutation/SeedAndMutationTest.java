package io.github.kvsdk.klaviyo.sandbox.mutation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import io.github.kvsdk.klaviyo.sandbox.resources.Resource;
import io.github.kvsdk.klaviyo.sandbox.seed.SeedPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class SeedAndMutationTest {
  static final Instant FROM = Instant.parse("2024-03-01T00:00:00Z");
  static final Instant TO = Instant.parse("2024-03-02T00:00:00Z");

  @Test
  void seedPlanCreatesEveryTypeWithTimestampsInRangeAndASharedSecond() {
    SeedPlan plan = SeedPlan.builder().profiles(100).lists(4).segments(2).events(50).metrics(2).campaigns(3)
        .templates(2).images(2).flows(5).forms(2).reviews(4).between(FROM, TO).sameSecond(30).build();
    try (KlaviyoSandbox sandbox = KlaviyoSandbox.builder().seed(plan).start()) {
      var state = sandbox.state();
      assertThat(state.profiles().count()).isEqualTo(100);
      assertThat(state.lists().count()).isEqualTo(4);
      assertThat(state.segments().count()).isEqualTo(2);
      assertThat(state.events().count()).isEqualTo(50);
      assertThat(state.metrics().count()).isEqualTo(3);
      assertThat(state.campaigns().count()).isEqualTo(3);
      assertThat(state.campaignMessages().count()).isEqualTo(3);
      assertThat(state.templates().count()).isEqualTo(2);
      assertThat(state.images().count()).isEqualTo(2);
      assertThat(state.flows().count()).isEqualTo(5);
      assertThat(state.forms().count()).isEqualTo(2);
      assertThat(state.reviews().count()).isEqualTo(4);
      assertThat(state.accounts().count()).isEqualTo(1);

      Map<Object, Long> perSecond = state.profiles().all().stream()
          .collect(Collectors.groupingBy(p -> p.attributes().get("created"), Collectors.counting()));
      assertThat(perSecond.values().stream().mapToLong(Long::longValue).max().orElseThrow()).isGreaterThanOrEqualTo(30);
      assertThat(state.profiles().all()).allSatisfy(p -> {
        Instant created = (Instant) p.attributes().get("created");
        assertThat(created).isBetween(FROM, TO);
        assertThat(created.getNano()).isZero();
      });
      assertThat(state.listMembers(state.lists().all().get(0).id())).hasSize(25);
    }
  }

  @Test
  void seedingTwiceAddsMoreObjectsWithUniqueEmails() {
    try (KlaviyoSandbox sandbox = KlaviyoSandbox.builder().seedProfiles(10).start()) {
      sandbox.seed(SeedPlan.builder().profiles(10).build());
      Set<Object> emails = sandbox.state().profiles().all().stream().map(p -> p.attributes().get("email"))
          .collect(Collectors.toSet());
      assertThat(emails).hasSize(20);
      assertThat(sandbox.state().flows().count()).isEqualTo(3);
    }
  }

  @Test
  void mutateNowBumpsUpdatedAndWritesACounter() {
    try (KlaviyoSandbox sandbox = KlaviyoSandbox.builder()
        .seed(SeedPlan.builder().profiles(5).templates(3).between(FROM, TO).build()).start()) {
      int done = sandbox.mutations().mutateNow("profile", 3);
      assertThat(done).isEqualTo(3);
      long touched = sandbox.state().profiles().all().stream()
          .filter(p -> ((Instant) p.attributes().get("updated")).isAfter(TO)).count();
      assertThat(touched).isBetween(1L, 3L);
      assertThat(sandbox.state().profiles().all())
          .anyMatch(p -> p.attribute("properties.sandbox_mutation") != null);
      sandbox.mutations().mutateNow("template", 1);
      assertThat(sandbox.state().templates().all())
          .anyMatch(t -> ((Instant) t.attributes().get("updated")).isAfter(TO));
      assertThatThrownBy(() -> sandbox.mutations().mutateNow("event", 1))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void driverUpdatesProfilesAtTheRequestedRate() {
    try (KlaviyoSandbox sandbox = KlaviyoSandbox.builder()
        .seed(SeedPlan.builder().profiles(50).templates(3).between(FROM, TO).build()).start()) {
      Map<String, Object> before = new HashMap<>();
      sandbox.state().profiles().all().forEach(p -> before.put(p.id(), p.attributes().get("updated")));
      long start = System.nanoTime();
      sandbox.mutations().updateProfilesPerSecond(40);
      // Three 100 ms ticks at the requested rate: 300 ms; a driver ten times too slow misses the deadline.
      await("12 updates").atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(10))
          .until(() -> sandbox.mutations().appliedCount("profile") >= 12);
      sandbox.mutations().stop();
      long ranMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      long applied = sandbox.mutations().appliedCount("profile");
      // 4 updates per 100 ms tick, never more than the time that passed allows.
      assertThat(applied).isBetween(12L, 4 * (ranMillis / 100 + 1));
      long changed = sandbox.state().profiles().all().stream()
          .filter((Resource p) -> !p.attributes().get("updated").equals(before.get(p.id()))).count();
      assertThat(changed).isPositive();
      // Another stream ticks on the same single scheduler thread, in time order: once it has ticked three times,
      // any tick of the stopped stream that was still due would have run before it.
      sandbox.mutations().updatePerSecond("template", 10);
      await("three ticks of another stream").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
          .until(() -> sandbox.mutations().appliedCount("template") >= 3);
      assertThat(sandbox.mutations().appliedCount("profile")).isEqualTo(applied);
    }
  }
}
