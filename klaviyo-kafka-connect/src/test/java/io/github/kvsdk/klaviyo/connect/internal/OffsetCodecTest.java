package io.github.kvsdk.klaviyo.connect.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kvsdk.klaviyo.poller.checkpoint.Checkpoint;
import io.github.kvsdk.klaviyo.poller.checkpoint.CheckpointKey;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

final class OffsetCodecTest {
  private final Map<String, Object> partition =
      OffsetCodec.partition(new CheckpointKey("AbC123", "profiles", "updated"));

  @Test
  void partitionIsTheStream() {
    assertThat(partition).containsExactly(Map.entry("account", "AbC123"),
        Map.entry("object_type", "profiles"), Map.entry("timestamp_field", "updated"));
  }

  @Test
  void checkpointsRoundTrip() {
    Checkpoint empty = new Checkpoint(Instant.parse("2024-06-01T12:00:00Z"), Set.of());
    Checkpoint dense = new Checkpoint(Instant.parse("2024-06-01T12:00:01Z"), Set.of("01A", "01B", "x@17"));
    for (Checkpoint checkpoint : new Checkpoint[] {empty, dense}) {
      Map<String, Object> offset = OffsetCodec.offset(checkpoint);
      assertThat(offset.values()).allMatch(v -> v instanceof String);
      assertThat(OffsetCodec.checkpoint(partition, offset)).isEqualTo(checkpoint);
    }
    assertThat(OffsetCodec.offset(dense)).containsEntry("ids", "01A,01B,x@17")
        .containsEntry("boundary", "2024-06-01T12:00:01Z");
  }

  @Test
  void foreignOffsetsStopTheTaskInsteadOfStartingOver() {
    assertThatThrownBy(() -> OffsetCodec.checkpoint(partition, Map.of("position", 5L)))
        .isInstanceOf(ConnectException.class).hasMessageContaining("unreadable");
    assertThatThrownBy(() -> OffsetCodec.checkpoint(partition,
        Map.of("boundary", "2024-06-01T12:00:00.5Z", "ids", "")))
        .isInstanceOf(ConnectException.class).hasMessageContaining("whole-second");
    assertThatThrownBy(() -> OffsetCodec.offset(new Checkpoint(Instant.EPOCH, Set.of("a,b"))))
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void unsettledSecondsSurviveTheOffsetSoARestartedTaskListsThemAgain() {
    Instant dense = Instant.parse("2024-06-01T11:59:58Z");
    Checkpoint checkpoint = new Checkpoint(Instant.parse("2024-06-01T12:00:00Z"), Set.of("a"),
        Map.of(dense, new io.github.kvsdk.klaviyo.poller.checkpoint.UnsettledSecond(Set.of("p1", "p2", "p3"),
            Set.of("p1", "p2"))));
    Map<String, Object> offset = OffsetCodec.offset(checkpoint);
    assertThat(offset.values()).allSatisfy(v -> assertThat(v).isInstanceOf(String.class));
    Map<String, Object> streamPartition = OffsetCodec.partition(new CheckpointKey("A", "profiles", "updated"));
    assertThat(OffsetCodec.checkpoint(streamPartition, offset)).isEqualTo(checkpoint);

    // An offset written without the field reads as having no unsettled second.
    Map<String, Object> older = new java.util.HashMap<>(offset);
    older.remove(OffsetCodec.UNSETTLED);
    assertThat(OffsetCodec.checkpoint(streamPartition, older).unsettledSeconds()).isEmpty();

    Map<String, Object> broken = new java.util.HashMap<>(offset);
    broken.put(OffsetCodec.UNSETTLED, "not json");
    assertThatThrownBy(() -> OffsetCodec.checkpoint(streamPartition, broken))
        .isInstanceOf(ConnectException.class).hasMessageContaining("unsettled");
  }
}
