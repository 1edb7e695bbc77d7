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
   * Returns the checkpoint saved for {@code key}, or empty if none was ever saved.
   *
   * @throws CorruptCheckpointException if stored state exists but cannot be read
   */
  Optional<Checkpoint> load(CheckpointKey key) throws IOException;

  /** Replaces the checkpoint of {@code key}, atomically and durably. */
  void save(CheckpointKey key, Checkpoint checkpoint) throws IOException;
}
