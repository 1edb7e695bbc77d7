package io.github.kvsdk.klaviyo.poller.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class FileCheckpointStoreTest {
  private static final CheckpointKey PROFILES = new CheckpointKey("ACC1", "profiles", "updated");
  private static final CheckpointKey EVENTS = new CheckpointKey("ACC1", "events", "datetime");
  private static final Checkpoint AT_NOON = new Checkpoint(
      Instant.parse("2024-03-01T12:00:00Z"), Set.of("01HX", "01HY"));

  @TempDir Path dir;

  @Test
  void missingFileMeansNoCheckpoint() throws IOException {
    assertThat(new FileCheckpointStore(dir.resolve("state.json")).load(PROFILES)).isEmpty();
  }

  @Test
  void savedCheckpointsSurviveANewStoreInstance() throws IOException {
    Path file = dir.resolve("nested/state.json");
    new FileCheckpointStore(file).save(PROFILES, AT_NOON);
    assertThat(new FileCheckpointStore(file).load(PROFILES)).contains(AT_NOON);
  }

  @Test
  void keysAreIndependentWithinOneFile() throws IOException {
    FileCheckpointStore store = new FileCheckpointStore(dir.resolve("state.json"));
    Checkpoint events = new Checkpoint(Instant.parse("2023-01-01T00:00:00Z"), Set.of());
    store.save(PROFILES, AT_NOON);
    store.save(EVENTS, events);
    Checkpoint later = new Checkpoint(Instant.parse("2024-03-01T12:00:05Z"), Set.of("01HZ"));
    store.save(PROFILES, later);
    assertThat(store.load(PROFILES)).contains(later);
    assertThat(store.load(EVENTS)).contains(events);
    assertThat(store.load(new CheckpointKey("ACC2", "profiles", "updated"))).isEmpty();
    assertThat(store.load(new CheckpointKey("ACC1", "profiles", "created"))).isEmpty();
  }

  @Test
  void writesReadableJsonAndLeavesNoTemporaryFiles() throws IOException {
    Path file = dir.resolve("state.json");
    FileCheckpointStore store = new FileCheckpointStore(file);
    for (int i = 0; i < 5; i++) store.save(PROFILES, AT_NOON);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
    assertThat(Files.readString(file))
        .contains("\"format\": \"klaviyo-poller-checkpoints\"")
        .contains("\"account\": \"ACC1\"")
        .contains("\"boundary\": \"2024-03-01T12:00:00Z\"")
        .contains("\"ids_at_boundary\": [\n        \"01HX\",\n        \"01HY\"\n      ]");
  }

  @Test
  void temporaryFilesLeftByAnInterruptedSaveAreRemovedOnFirstUse() throws IOException {
    Path file = dir.resolve("cp.json");
    new FileCheckpointStore(file).save(PROFILES, AT_NOON);
    // What a process killed between writing and renaming leaves behind.
    Path stale1 = Files.writeString(dir.resolve("cp.json.8812734.tmp"), "{\"format\":");
    Path stale2 = Files.writeString(dir.resolve("cp.json.17.tmp"), "");
    Path otherStore = Files.writeString(dir.resolve("other.json.99.tmp"), "x");
    Path notOurs = Files.writeString(dir.resolve("cp.json.backup.tmp"), "x");

    FileCheckpointStore restarted = new FileCheckpointStore(file);
    assertThat(restarted.load(PROFILES)).contains(AT_NOON);
    assertThat(stale1).doesNotExist();
    assertThat(stale2).doesNotExist();
    assertThat(otherStore).exists();
    assertThat(notOurs).exists();
  }

  @Test
  void unsettledSecondsSurviveARestartAndOnlyThenRaiseTheFileVersion() throws IOException {
    Path file = dir.resolve("state.json");
    FileCheckpointStore store = new FileCheckpointStore(file);
    store.save(PROFILES, AT_NOON);
    assertThat(Files.readString(file)).contains("\"version\": 1").doesNotContain("unsettled");

    Instant dense = Instant.parse("2024-03-01T11:00:00Z");
    Checkpoint unsettled = AT_NOON.withUnsettled(dense,
        new UnsettledSecond(Set.of("01A", "01B", "01C"), Set.of("01A", "01C")));
    store.save(PROFILES, unsettled);
    assertThat(Files.readString(file)).contains("\"version\": 2")
        .contains("\"second\": \"2024-03-01T11:00:00Z\"")
        .contains("\"last_listing\": [\n            \"01A\",\n            \"01C\"\n          ]")
        .contains("\"also_emitted\": [\n            \"01B\"\n          ]");
    assertThat(new FileCheckpointStore(file).load(PROFILES)).contains(unsettled);

    // Once settled, the file is readable by versions that know no unsettled seconds again.
    store.save(PROFILES, unsettled.withUnsettled(dense, null));
    assertThat(Files.readString(file)).contains("\"version\": 1").doesNotContain("unsettled");
  }

  @Test
  void unparseableFileIsReportedNeverTreatedAsEmpty() throws IOException {
    assertCorrupt("{\"format\": \"klaviyo-poller-checkpoints\", \"version\": 1, \"checkpoints\": [",
        "ends too early");
    assertCorrupt("not json at all", "");
    assertCorrupt("", "the file is empty");
    assertCorrupt("{\"format\":\"something-else\",\"version\":1,\"checkpoints\":[]}",
        "expected format");
    assertCorrupt("{\"format\":\"klaviyo-poller-checkpoints\",\"version\":3,\"checkpoints\":[]}",
        "expected version 1 or 2");
    String entry = "{\"format\":\"klaviyo-poller-checkpoints\",\"version\":2,\"checkpoints\":"
        + "[{\"account\":\"A\",\"object_type\":\"profiles\",\"timestamp_field\":\"updated\","
        + "\"boundary\":\"2024-01-01T00:00:00Z\",\"ids_at_boundary\":[],\"unsettled_seconds\":";
    assertCorrupt(entry + "[{\"second\":\"2023-12-31T23:00:00Z\",\"last_listing\":[]}]}]}",
        "lacks one of second, last_listing, also_emitted");
    assertCorrupt(entry + "[{\"second\":\"2024-01-01T00:00:00Z\",\"last_listing\":[],"
        + "\"also_emitted\":[]}]}]}", "whole second before the boundary");
    assertCorrupt(entry + "[{\"second\":\"2023-12-31T23:00:00Z\",\"last_listing\":[],"
        + "\"also_emitted\":[]},{\"second\":\"2023-12-31T23:00:00Z\",\"last_listing\":[],"
        + "\"also_emitted\":[]}]}]}", "duplicate unsettled second");
    assertCorrupt("{\"format\":\"klaviyo-poller-checkpoints\",\"version\":1}", "missing 'checkpoints'");
    assertCorrupt("{\"format\":\"klaviyo-poller-checkpoints\",\"version\":1,\"checkpoints\":"
        + "[{\"account\":\"A\",\"object_type\":\"profiles\",\"timestamp_field\":\"updated\"}]}",
        "lacks one of");
    assertCorrupt("{\"format\":\"klaviyo-poller-checkpoints\",\"version\":1,\"checkpoints\":"
        + "[{\"account\":\"A\",\"object_type\":\"profiles\",\"timestamp_field\":\"updated\","
        + "\"boundary\":\"yesterday\",\"ids_at_boundary\":[]}]}", "yesterday");
    assertCorrupt("{\"format\":\"klaviyo-poller-checkpoints\",\"version\":1,\"checkpoints\":"
        + "[{\"account\":\"A\",\"object_type\":\"profiles\",\"timestamp_field\":\"updated\","
        + "\"boundary\":\"2024-01-01T00:00:00.5Z\",\"ids_at_boundary\":[]}]}", "whole second");
  }

  @Test
  void saveRefusesToOverwriteACorruptFile() throws IOException {
    Path file = dir.resolve("state.json");
    Files.writeString(file, "{garbage");
    FileCheckpointStore store = new FileCheckpointStore(file);
    assertThatThrownBy(() -> store.save(PROFILES, AT_NOON))
        .isInstanceOf(CorruptCheckpointException.class);
    assertThat(Files.readString(file)).isEqualTo("{garbage");
  }

  private void assertCorrupt(String content, String reason) throws IOException {
    Path file = dir.resolve("corrupt.json");
    Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    FileCheckpointStore store = new FileCheckpointStore(file);
    assertThatThrownBy(() -> store.load(PROFILES))
        .as(content)
        .isInstanceOfSatisfying(CorruptCheckpointException.class,
            e -> assertThat(e.path()).isEqualTo(file.toAbsolutePath()))
        .hasMessageContaining("is corrupt")
        .hasMessageContaining(reason)
        .hasMessageContaining("Refusing to restart from the start time");
  }
}
