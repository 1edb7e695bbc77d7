package io.github.kvsdk.klaviyo.poller.checkpoint;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import okio.Buffer;

/**
 * Checkpoints in one JSON file, which may hold several poll streams.
 *
 * <p>Every {@link #save} writes the whole file to a temporary file in the same directory, forces
 * it to disk, renames it over the old file atomically and forces the directory, so a crash leaves
 * either the old or the new file. A file that exists but cannot be parsed fails with {@link
 * CorruptCheckpointException}; it is never treated as empty.
 *
 * <p>One process should own a file at a time; saves within a process are serialized.
 */
public final class FileCheckpointStore implements CheckpointStore {
  static final String FORMAT = "klaviyo-poller-checkpoints";
  /** Written when no checkpoint in the file has unsettled seconds, so older versions can read it. */
  static final int VERSION = 1;
  /**
   * Written when a checkpoint has unsettled seconds: a version that does not know them would drop
   * them and could lose objects, so it must refuse the file instead.
   */
  static final int VERSION_WITH_UNSETTLED_SECONDS = 2;

  private final Path path;
  private boolean staleFilesRemoved;

  /**
   * A store keeping every stream's checkpoint in one JSON file, written by replacing it atomically.
   *
   * @param path the file; it and its folder are created on the first save
   */
  public FileCheckpointStore(Path path) {
    this.path = Objects.requireNonNull(path, "path").toAbsolutePath();
  }

  /** {@return the checkpoint file} */
  public Path path() {
    return path;
  }

  @Override
  public synchronized Optional<Checkpoint> load(CheckpointKey key) throws IOException {
    removeStaleTemporaryFiles();
    return Optional.ofNullable(readAll().get(key));
  }

  @Override
  public synchronized void save(CheckpointKey key, Checkpoint checkpoint) throws IOException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(checkpoint, "checkpoint");
    removeStaleTemporaryFiles();
    Map<CheckpointKey, Checkpoint> all = readAll();
    all.put(key, checkpoint);
    writeAtomically(encode(all));
  }

  /**
   * Deletes temporary files that a save interrupted by a crash (e.g. SIGKILL between writing and
   * renaming) left beside the checkpoint, once per store. They never hold the only copy of
   * anything: the checkpoint file itself is replaced only by a complete rename.
   */
  private void removeStaleTemporaryFiles() throws IOException {
    if (staleFilesRemoved) return;
    staleFilesRemoved = true;
    Path directory = path.getParent();
    if (!Files.isDirectory(directory)) return;
    String prefix = path.getFileName() + ".";
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, prefix + "*.tmp")) {
      for (Path entry : entries) {
        String middle = entry.getFileName().toString();
        middle = middle.substring(prefix.length(), middle.length() - ".tmp".length());
        // Only names this store creates: <checkpoint file>.<digits>.tmp.
        if (!middle.isEmpty() && middle.chars().allMatch(c -> c >= '0' && c <= '9')) {
          Files.deleteIfExists(entry);
        }
      }
    }
  }

  private Map<CheckpointKey, Checkpoint> readAll() throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      return new LinkedHashMap<>();
    }
    if (bytes.length == 0) {
      throw new CorruptCheckpointException(path, "the file is empty", null);
    }
    try {
      return decode(JsonReader.of(new Buffer().write(bytes)));
    } catch (JsonEncodingException | JsonDataException | DateTimeException
        | IllegalArgumentException | NullPointerException e) {
      throw new CorruptCheckpointException(path, String.valueOf(e.getMessage()), e);
    } catch (java.io.EOFException e) {
      throw new CorruptCheckpointException(path, "the file ends too early", e);
    }
  }

  private Map<CheckpointKey, Checkpoint> decode(JsonReader reader) throws IOException {
    Map<CheckpointKey, Checkpoint> result = new LinkedHashMap<>();
    String format = null;
    Integer version = null;
    boolean sawCheckpoints = false;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.nextName()) {
        case "format" -> format = reader.nextString();
        case "version" -> version = reader.nextInt();
        case "checkpoints" -> {
          sawCheckpoints = true;
          reader.beginArray();
          while (reader.hasNext()) {
            decodeEntry(reader, result);
          }
          reader.endArray();
        }
        default -> reader.skipValue();
      }
    }
    reader.endObject();
    if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
      throw new JsonDataException("unexpected content after the document");
    }
    if (!FORMAT.equals(format)) {
      throw new JsonDataException("expected format '" + FORMAT + "', found '" + format + "'");
    }
    if (version == null || (version != VERSION && version != VERSION_WITH_UNSETTLED_SECONDS)) {
      throw new JsonDataException("expected version " + VERSION + " or "
          + VERSION_WITH_UNSETTLED_SECONDS + ", found " + version);
    }
    if (!sawCheckpoints) throw new JsonDataException("missing 'checkpoints'");
    return result;
  }

  private static void decodeEntry(JsonReader reader, Map<CheckpointKey, Checkpoint> into)
      throws IOException {
    String account = null;
    String objectType = null;
    String field = null;
    Instant boundary = null;
    Set<String> ids = null;
    Map<Instant, UnsettledSecond> unsettled = new TreeMap<>();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.nextName()) {
        case "account" -> account = reader.nextString();
        case "object_type" -> objectType = reader.nextString();
        case "timestamp_field" -> field = reader.nextString();
        case "boundary" -> boundary = Instant.parse(reader.nextString());
        case "ids_at_boundary" -> {
          ids = new LinkedHashSet<>();
          reader.beginArray();
          while (reader.hasNext()) ids.add(reader.nextString());
          reader.endArray();
        }
        case "unsettled_seconds" -> {
          reader.beginArray();
          while (reader.hasNext()) decodeUnsettled(reader, unsettled);
          reader.endArray();
        }
        default -> reader.skipValue();
      }
    }
    reader.endObject();
    if (account == null || objectType == null || field == null || boundary == null
        || ids == null) {
      throw new JsonDataException("a checkpoint entry at " + reader.getPath()
          + " lacks one of account, object_type, timestamp_field, boundary, ids_at_boundary");
    }
    CheckpointKey key = new CheckpointKey(account, objectType, field);
    if (into.put(key, new Checkpoint(boundary, ids, unsettled)) != null) {
      throw new JsonDataException("duplicate checkpoint for " + key);
    }
  }

  private static void decodeUnsettled(JsonReader reader, Map<Instant, UnsettledSecond> into)
      throws IOException {
    Instant second = null;
    Set<String> lastListing = null;
    Set<String> alsoEmitted = null;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.nextName()) {
        case "second" -> second = Instant.parse(reader.nextString());
        case "last_listing" -> lastListing = strings(reader);
        case "also_emitted" -> alsoEmitted = strings(reader);
        default -> reader.skipValue();
      }
    }
    reader.endObject();
    if (second == null || lastListing == null || alsoEmitted == null) {
      throw new JsonDataException("an unsettled second at " + reader.getPath()
          + " lacks one of second, last_listing, also_emitted");
    }
    Set<String> emitted = new LinkedHashSet<>(lastListing);
    emitted.addAll(alsoEmitted);
    if (into.put(second, new UnsettledSecond(emitted, lastListing)) != null) {
      throw new JsonDataException("duplicate unsettled second " + second);
    }
  }

  private static Set<String> strings(JsonReader reader) throws IOException {
    Set<String> values = new LinkedHashSet<>();
    reader.beginArray();
    while (reader.hasNext()) values.add(reader.nextString());
    reader.endArray();
    return values;
  }

  private static byte[] encode(Map<CheckpointKey, Checkpoint> all) throws IOException {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writer.setIndent("  ");
      writer.beginObject();
      writer.name("format").value(FORMAT);
      boolean unsettled = all.values().stream().anyMatch(c -> !c.unsettledSeconds().isEmpty());
      writer.name("version").value(unsettled ? VERSION_WITH_UNSETTLED_SECONDS : VERSION);
      writer.name("checkpoints").beginArray();
      for (Map.Entry<CheckpointKey, Checkpoint> entry : all.entrySet()) {
        CheckpointKey key = entry.getKey();
        Checkpoint checkpoint = entry.getValue();
        writer.beginObject();
        writer.name("account").value(key.account());
        writer.name("object_type").value(key.objectType());
        writer.name("timestamp_field").value(key.timestampField());
        writer.name("boundary").value(checkpoint.boundary().toString());
        writer.name("ids_at_boundary").beginArray();
        for (String id : checkpoint.idsAtBoundary()) writer.value(id);
        writer.endArray();
        if (!checkpoint.unsettledSeconds().isEmpty()) {
          writer.name("unsettled_seconds").beginArray();
          for (Map.Entry<Instant, UnsettledSecond> second : checkpoint.unsettledSeconds().entrySet()) {
            writer.beginObject();
            writer.name("second").value(second.getKey().toString());
            writer.name("last_listing").beginArray();
            for (String id : second.getValue().lastListing()) writer.value(id);
            writer.endArray();
            writer.name("also_emitted").beginArray();
            for (String id : second.getValue().emitted()) {
              if (!second.getValue().lastListing().contains(id)) writer.value(id);
            }
            writer.endArray();
            writer.endObject();
          }
          writer.endArray();
        }
        writer.endObject();
      }
      writer.endArray();
      writer.endObject();
    }
    buffer.writeUtf8("\n");
    return buffer.readByteArray();
  }

  private void writeAtomically(byte[] bytes) throws IOException {
    Path directory = path.getParent();
    Files.createDirectories(directory);
    Path temp = Files.createTempFile(directory, path.getFileName() + ".", ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) channel.write(buffer);
        channel.force(true);
      }
      try {
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("Cannot replace " + path + " atomically on this file system", e);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    forceDirectory(directory);
  }

  /** Makes the rename itself durable. Not every platform can open a directory; that is tolerated. */
  private static void forceDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // Windows cannot open directories; the rename is still atomic there.
    }
  }
}
