package io.github.kvsdk.klaviyo.poller.checkpoint;

import java.io.IOException;
import java.util.Optional;

/**
 * Durable progress of poll streams. The poller calls {@link #save} only after the consumer has
 * accepted everything the new checkpoint covers, so a store that survives a crash gives
 * at-least-once delivery with nothing lost.
 *
 * <p>Implementations must make {@link #save} atomic: after a crash, {@link #load} returns either
 * the previous or the new checkpoint, never a mix. They must never hide a damaged store by
 * returning empty: that would silently restart the stream from its start time.
 */
public interface CheckpointStore {
  /**
   * {@return the checkpoint saved for {@code key}, or empty if none was ever saved}
   *
   * @param key the stream whose progress to read
   * @throws IOException if the store cannot be read
   * @throws CorruptCheckpointException if stored state exists but cannot be read
   */
  Optional<Checkpoint> load(CheckpointKey key) throws IOException;

  /**
   * Replaces the checkpoint of {@code key}, atomically and durably: after a crash the store holds either
   * the old or the new checkpoint.
   *
   * @param key the stream whose progress to save
   * @param checkpoint the new checkpoint
   * @throws IOException if the checkpoint could not be saved; the previous one still holds
   */
  void save(CheckpointKey key, Checkpoint checkpoint) throws IOException;
}
