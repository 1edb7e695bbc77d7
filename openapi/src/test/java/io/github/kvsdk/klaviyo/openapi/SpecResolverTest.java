package io.github.kvsdk.klaviyo.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kvsdk.klaviyo.openapi.SpecResolver.Resolved;
import io.github.kvsdk.klaviyo.openapi.SpecResolver.SpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecResolverTest {
  @TempDir Path dir;
  Path revisions;
  Path mirror;
  /** Nothing listens here: a download fails at once. */
  static final String NO_UPSTREAM = "http://127.0.0.1:9";

  @BeforeEach
  void setUp() throws IOException {
    revisions = Files.createDirectories(dir.resolve("revisions"));
    mirror = Files.createDirectories(dir.resolve("mirror"));
  }

  private Path spec(String name, String version) throws IOException {
    return Files.writeString(dir.resolve(name), "{\"openapi\":\"3.0.2\",\"info\":{\"title\":\"Klaviyo API\",\"version\":\""
        + version + "\",\"contact\":{\"version\":\"x\"}},\"paths\":{}}");
  }

  private void pin(String revision, Path spec) throws IOException {
    Files.writeString(revisions.resolve(revision + ".properties"),
        "commit=abc123\nsha256=" + SpecResolver.sha256(spec) + "\n");
  }

  private SpecResolver resolver(String revision, Path spec) {
    return new SpecResolver(revision, spec, "2024-10-15", revisions, mirror, NO_UPSTREAM, dir.resolve("download"));
  }

  @Test
  void aGivenFileWithoutARevisionIsTheRevisionItsInfoVersionNames() throws IOException {
    Path spec = spec("stable.json", "2025-04-15");
    pin("2025-04-15", spec);

    Resolved resolved = resolver(null, spec).resolve();

    assertThat(resolved.revision()).isEqualTo("2025-04-15");
    assertThat(resolved.commit()).isEqualTo("abc123");
    assertThat(resolved.source()).isEqualTo("-Dklaviyo.openapi.spec");
    assertThat(resolved.warning()).isNull();
  }

  @Test
  void aRevisionThatDisagreesWithTheFilesInfoVersionIsRefused() throws IOException {
    Path spec = spec("stable.json", "2024-10-15");
    pin("2024-10-15", spec);
    Files.copy(revisions.resolve("2024-10-15.properties"), revisions.resolve("2025-01-15.properties"));

    assertThatThrownBy(() -> resolver("2025-01-15", spec).resolve())
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("is revision 2024-10-15, not 2025-01-15");
  }

  @Test
  void aPinnedMirrorFileWhoseInfoVersionDisagreesIsRefused() throws IOException {
    Path relabelled = Files.copy(spec("stable.json", "2024-10-15"), mirror.resolve("klaviyo-openapi-2025-01-15.json"));
    pin("2025-01-15", relabelled);

    assertThatThrownBy(() -> resolver("2025-01-15", null).resolve())
        .hasMessageContaining("is revision 2024-10-15, not 2025-01-15")
        .hasMessageContaining("correct " + revisions.resolve("2025-01-15.properties"));
  }

  @Test
  void aFileWithTheWrongHashIsRefusedWithBothHashes() throws IOException {
    Path pinned = spec("pinned.json", "2024-10-15");
    pin("2024-10-15", pinned);
    Path other = spec("other.json", "2024-10-15 ");

    assertThatThrownBy(() -> resolver("2024-10-15", other).resolve())
        .hasMessageContaining("expected SHA-256 " + SpecResolver.sha256(pinned) + ", actual " + SpecResolver.sha256(other));
  }

  @Test
  void aMissingGivenFileIsReportedWithoutClaimingOtherStepsWereTried() {
    SpecResolver resolver = resolver(null, dir.resolve("nope.json"));

    assertThatThrownBy(resolver::resolve)
        .hasMessageContaining(dir.resolve("nope.json") + " (given with -Dklaviyo.openapi.spec) does not exist")
        .hasMessageContaining("Nothing else was tried")
        .hasMessageNotContaining("download");
    assertThat(resolver.steps()).containsExactly("-Dklaviyo.openapi.spec=" + dir.resolve("nope.json") + ": does not exist");
  }

  @Test
  void whenNothingIsFoundTheMessageListsEachStepTriedAndWhatItFound() throws IOException {
    pin("2024-10-15", spec("elsewhere.json", "2024-10-15"));
    SpecResolver resolver = resolver(null, null);

    assertThatThrownBy(resolver::resolve)
        .hasMessageContaining("-Dklaviyo.openapi.spec: not given")
        .hasMessageContaining("mirror " + mirror.resolve("klaviyo-openapi-2024-10-15.json") + ": absent")
        .hasMessageContaining("download " + NO_UPSTREAM + "/abc123/openapi/stable.json: failed");
    assertThat(resolver.steps()).hasSize(4).first().asString().contains("the pinned revision");
  }

  @Test
  void theMirrorIsUsedForAPinnedRevision() throws IOException {
    Path mirrored = Files.copy(spec("stable.json", "2025-10-15"), mirror.resolve("klaviyo-openapi-2025-10-15.json"));
    pin("2025-10-15", mirrored);

    Resolved resolved = resolver("2025-10-15", null).resolve();

    assertThat(resolved.file()).isEqualTo(mirrored);
    assertThat(resolved.source()).isEqualTo("mirror");
  }

  @Test
  void aGivenFileOfARevisionNotPinnedIsUsedWithAWarningSayingHowToPinIt() throws IOException {
    Path spec = spec("stable.json", "2026-01-15");

    Resolved resolved = resolver(null, spec).resolve();

    assertThat(resolved.revision()).isEqualTo("2026-01-15");
    assertThat(resolved.commit()).isEqualTo("unpinned");
    assertThat(resolved.warning()).contains("not pinned").contains("sha256=" + SpecResolver.sha256(spec));
  }

  @Test
  void anUnpinnedRevisionWithoutAFileIsRefused() {
    assertThatThrownBy(() -> resolver("2026-01-15", null).resolve())
        .hasMessageContaining("Unknown Klaviyo API revision '2026-01-15'");
  }

  @Test
  void aGivenFileWithoutInfoVersionNeedsTheRevisionAskedFor() throws IOException {
    Path spec = Files.writeString(dir.resolve("bare.json"), "{\"openapi\": \"3.0.2\"}");

    assertThatThrownBy(() -> resolver(null, spec).resolve()).hasMessageContaining("has no info.version");
  }
}
