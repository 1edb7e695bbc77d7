package io.github.kvsdk.klaviyo.poller.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class CheckpointTest {
  @Test
  void startingAtAWholeSecondIncludesThatSecond() {
    assertThat(Checkpoint.startingAt(Instant.parse("2024-11-21T10:00:00Z")))
        .isEqualTo(new Checkpoint(Instant.parse("2024-11-21T10:00:00Z"), Set.of()));
  }

  @Test
  void startingInsideASecondBeginsWithTheNextWholeSecond() {
    assertThat(Checkpoint.startingAt(Instant.parse("2024-11-21T10:00:00.250Z")).boundary())
        .isEqualTo(Instant.parse("2024-11-21T10:00:01Z"));
  }

  @Test
  void boundaryMustBeAWholeSecond() {
    assertThatThrownBy(() -> new Checkpoint(Instant.parse("2024-11-21T10:00:00.250Z"), Set.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole second");
  }

  @Test
  void idsAreCopiedAndImmutable() {
    Set<String> ids = new HashSet<>(Set.of("b", "a"));
    Checkpoint checkpoint = new Checkpoint(Instant.EPOCH, ids);
    ids.add("c");
    assertThat(checkpoint.idsAtBoundary()).containsExactly("a", "b");
    assertThatThrownBy(() -> checkpoint.idsAtBoundary().add("d"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void unsettledSecondsLieBeforeTheBoundaryAndAreAddedAndSettledOneByOne() {
    Instant boundary = Instant.parse("2024-11-21T10:00:00Z");
    Instant dense = boundary.minusSeconds(60);
    UnsettledSecond state = new UnsettledSecond(Set.of("a", "b"), Set.of("a"));
    Checkpoint checkpoint = new Checkpoint(boundary, Set.of("x")).withUnsettled(dense, state);
    assertThat(checkpoint.unsettledSeconds()).containsOnlyKeys(dense).containsValue(state);
    assertThat(checkpoint.idsAtBoundary()).containsExactly("x");
    assertThat(checkpoint.withUnsettled(dense, null))
        .isEqualTo(new Checkpoint(boundary, Set.of("x")));
    assertThat(checkpoint.toString()).contains("unsettledSeconds=[" + dense + "]");

    assertThatThrownBy(() -> new Checkpoint(boundary, Set.of()).withUnsettled(boundary, state))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before the boundary");
    assertThatThrownBy(() -> new Checkpoint(boundary, Set.of())
        .withUnsettled(dense.plusMillis(500), state))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole second");
    assertThatThrownBy(() -> new UnsettledSecond(Set.of("a"), Set.of("a", "z")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not emitted");
  }

  @Test
  void inMemoryStoreKeepsOneCheckpointPerKey() {
    InMemoryCheckpointStore store = new InMemoryCheckpointStore();
    CheckpointKey key = new CheckpointKey("A", "profiles", "updated");
    assertThat(store.load(key)).isEmpty();
    Checkpoint first = new Checkpoint(Instant.EPOCH, Set.of("x"));
    Checkpoint second = new Checkpoint(Instant.EPOCH.plusSeconds(1), Set.of());
    store.save(key, first);
    store.save(key, second);
    assertThat(store.load(key)).contains(second);
    assertThat(store.load(new CheckpointKey("B", "profiles", "updated"))).isEmpty();
  }

  @Test
  void keyPartsMustNotBeBlank() {
    assertThatThrownBy(() -> new CheckpointKey(" ", "profiles", "updated"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("account");
  }
}
