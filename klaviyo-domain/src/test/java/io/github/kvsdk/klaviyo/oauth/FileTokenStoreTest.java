package io.github.kvsdk.klaviyo.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTokenStoreTest {
  @TempDir Path dir;

  private static OAuthTokens tokens(int n) {
    return new OAuthTokens("access-" + n, "refresh-" + n, Instant.parse("2024-11-21T11:00:00Z"), "accounts:read");
  }

  @Test
  void roundTripsTokens() {
    FileTokenStore store = new FileTokenStore(dir.resolve("tokens.json"));
    assertThat(store.load()).isEmpty();
    store.save(tokens(1));
    assertThat(new FileTokenStore(dir.resolve("tokens.json")).load()).contains(tokens(1));
    store.save(new OAuthTokens("only-access", null, null, null));
    assertThat(store.load()).contains(new OAuthTokens("only-access", null, null, null));
  }

  @Test
  void fileIsOwnerOnly() throws Exception {
    Path file = dir.resolve("nested/dir/tokens.json");
    new FileTokenStore(file).save(tokens(1));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void replacingALooseFileMakesItOwnerOnly() throws Exception {
    Path file = dir.resolve("tokens.json");
    Files.writeString(file, "{}");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    new FileTokenStore(file).save(tokens(2));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void saveLeavesNoTemporaryFiles() throws Exception {
    FileTokenStore store = new FileTokenStore(dir.resolve("tokens.json"));
    for (int i = 0; i < 5; i++) store.save(tokens(i));
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("tokens.json");
    }
  }

  @Test
  void readersNeverSeeATornFile() throws Exception {
    Path file = dir.resolve("tokens.json");
    FileTokenStore writer = new FileTokenStore(file);
    writer.save(tokens(0));
    FileTokenStore reader = new FileTokenStore(file);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> writes = pool.submit(() -> {
        for (int i = 1; i <= 50; i++) writer.save(tokens(i));
      });
      Future<List<String>> reads = pool.submit(() -> {
        List<String> seen = new ArrayList<>();
        while (!writes.isDone()) seen.add(reader.load().orElseThrow().accessToken());
        return seen;
      });
      writes.get(30, TimeUnit.SECONDS);
      // Every read parsed (a torn file would throw TokenStoreException) and saw a whole token.
      assertThat(reads.get(30, TimeUnit.SECONDS)).allMatch(token -> token.matches("access-\\d+"));
    } finally {
      pool.shutdownNow();
    }
    assertThat(reader.load()).contains(tokens(50));
  }

  @Test
  void corruptFileGivesClearErrorWithoutContents() throws Exception {
    Path file = dir.resolve("tokens.json");
    Files.writeString(file, "{\"access_token\":\"leaky-secret\",", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> new FileTokenStore(file).load())
        .isInstanceOf(TokenStoreException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("corrupt")
        .hasMessageContaining("authorize again")
        .hasMessageNotContaining("leaky-secret");

    Files.writeString(file, "{\"refresh_token\":\"leaky-secret\"}");
    assertThatThrownBy(() -> new FileTokenStore(file).load())
        .isInstanceOf(TokenStoreException.class)
        .hasMessageContaining("access_token is missing")
        .hasMessageNotContaining("leaky-secret");

    Files.writeString(file, "[1,2]");
    assertThatThrownBy(() -> new FileTokenStore(file).load()).hasMessageContaining("not a JSON object");

    Files.writeString(file, "{\"access_token\":\"a\",\"expires_at\":\"yesterday\"}");
    assertThatThrownBy(() -> new FileTokenStore(file).load()).isInstanceOf(TokenStoreException.class);
  }

  @Test
  void clearDeletesTheFile() {
    Path file = dir.resolve("tokens.json");
    FileTokenStore store = new FileTokenStore(file);
    store.save(tokens(1));
    store.clear();
    assertThat(Files.exists(file)).isFalse();
    assertThat(store.load()).isEmpty();
    assertThat(store.toString()).doesNotContain("access-1");
  }
}
