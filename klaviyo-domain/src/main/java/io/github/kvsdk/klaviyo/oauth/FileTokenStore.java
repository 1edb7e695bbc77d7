package io.github.kvsdk.klaviyo.oauth;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps tokens in a JSON file that only its owner can read ({@code rw-------} on POSIX file systems).
 *
 * <p>Every save writes a temporary file in the same directory, forces it to disk, and atomically renames it
 * over the old file, so a crash leaves either the old or the new tokens, never a torn file. A file that cannot
 * be parsed is reported with a {@link TokenStoreException} that names the path, not the contents.
 *
 * <p>Several processes may share one file: refreshes are serialised with a lock on a sibling {@code .lock}
 * file (see {@link #withRefreshLock}), and a session re-reads the file before refreshing, so a refresh token
 * that another process has already rotated is never sent again.
 */
public final class FileTokenStore implements TokenStore {
  private static final Logger log = LoggerFactory.getLogger(FileTokenStore.class);
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class).indent("  ");

  /** One lock per token file for the stores of this process: a JVM cannot hold a file lock twice. */
  private static final ConcurrentMap<Path, ReentrantLock> PROCESS_LOCKS = new ConcurrentHashMap<>();

  private final Path path;

  /**
   * A store keeping the tokens in the JSON file at {@code path}, created on the first save.
   *
   * @param path the token file; keep it private, it holds secrets
   */
  public FileTokenStore(Path path) {
    this.path = path.toAbsolutePath();
  }

  /** {@return the token file, as an absolute path} */
  public Path path() {
    return path;
  }

  @Override
  public synchronized Optional<OAuthTokens> load() {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new TokenStoreException("Cannot read the token file " + path + ": " + e.getClass().getSimpleName(), e);
    }
    warnIfReadableByOthers();
    try {
      if (!(JSON.fromJson(new String(bytes, StandardCharsets.UTF_8)) instanceof Map<?, ?> map)) {
        throw corrupt("it is not a JSON object", null);
      }
      if (!(map.get("access_token") instanceof String accessToken) || accessToken.isEmpty()) {
        throw corrupt("access_token is missing", null);
      }
      Instant expiresAt = map.get("expires_at") instanceof String s ? Instant.parse(s) : null;
      return Optional.of(new OAuthTokens(accessToken, stringOrNull(map.get("refresh_token")), expiresAt,
          stringOrNull(map.get("scope"))));
    } catch (IOException | DateTimeParseException | com.squareup.moshi.JsonDataException e) {
      throw corrupt(e.getClass().getSimpleName(), null);
    }
  }

  @Override
  public synchronized void save(OAuthTokens tokens) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("access_token", tokens.accessToken());
    if (tokens.refreshToken() != null) json.put("refresh_token", tokens.refreshToken());
    if (tokens.expiresAt() != null) json.put("expires_at", tokens.expiresAt().toString());
    if (tokens.scope() != null) json.put("scope", tokens.scope());
    writeAtomically(JSON.toJson(json).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Holds an exclusive lock on {@code <token file>.lock} (created owner-only next to the token file) while
   * {@code refresh} runs, so that processes sharing the file refresh one after another; within this process,
   * stores on the same path also queue on one lock.
   */
  @Override
  public <T> T withRefreshLock(Supplier<T> refresh) {
    ReentrantLock processLock = PROCESS_LOCKS.computeIfAbsent(path, p -> new ReentrantLock());
    processLock.lock();
    try {
      Path lockFile = path.resolveSibling(path.getFileName() + ".lock");
      try {
        Files.createDirectories(path.getParent());
        if (posix() && Files.notExists(lockFile)) {
          try {
            Files.createFile(lockFile, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
          } catch (java.nio.file.FileAlreadyExistsException raced) {
            // Another process created it first.
          }
        }
      } catch (IOException e) {
        throw new TokenStoreException("Cannot create the lock file " + lockFile + ": " + e.getClass().getSimpleName(), e);
      }
      try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
           FileLock lock = channel.lock()) {
        return refresh.get();
      } catch (IOException e) {
        throw new TokenStoreException("Cannot lock " + lockFile + ": " + e.getClass().getSimpleName(), e);
      }
    } finally {
      processLock.unlock();
    }
  }

  @Override
  public synchronized void clear() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new TokenStoreException("Cannot delete the token file " + path, e);
    }
  }

  private void writeAtomically(byte[] bytes) {
    Path dir = path.getParent();
    Path temp = null;
    try {
      Files.createDirectories(dir);
      temp = posix()
          ? Files.createTempFile(dir, "." + path.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
          : Files.createTempFile(dir, "." + path.getFileName(), ".tmp");
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) channel.write(buffer);
        channel.force(true);
      }
      try {
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new TokenStoreException("The file system of " + path + " cannot rename atomically", e);
      }
      temp = null;
      syncDirectory(dir);
    } catch (IOException e) {
      throw new TokenStoreException("Cannot write the token file " + path + ": " + e.getClass().getSimpleName(), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // Best effort; the temporary file holds tokens but is owner-only.
        }
      }
    }
  }

  /** Makes the rename itself durable. Not every platform can open a directory; that is not fatal. */
  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      log.debug("Cannot fsync directory {}: {}", dir, e.getClass().getSimpleName());
    }
  }

  private void warnIfReadableByOthers() {
    if (!posix()) return;
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
      if (!OWNER_ONLY.containsAll(permissions)) {
        log.warn("Token file {} is accessible to other users ({}); it will be rewritten owner-only on next save",
            path, PosixFilePermissions.toString(permissions));
      }
    } catch (IOException e) {
      log.debug("Cannot read permissions of {}", path);
    }
  }

  private TokenStoreException corrupt(String why, Throwable cause) {
    return new TokenStoreException("The token file " + path + " is corrupt (" + why
        + "); delete it and authorize again", cause);
  }

  private static String stringOrNull(Object value) {
    return value instanceof String s ? s : null;
  }

  private boolean posix() {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  @Override
  public String toString() {
    return "FileTokenStore[" + path + "]";
  }
}
