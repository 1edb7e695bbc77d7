package io.github.kvsdk.klaviyo.poller.checkpoint;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A checkpoint store that lives as long as the JVM; for tests and throwaway runs. */
public final class InMemoryCheckpointStore implements CheckpointStore {
  private final Map<CheckpointKey, Checkpoint> checkpoints = new ConcurrentHashMap<>();

  @Override
  public Optional<Checkpoint> load(CheckpointKey key) {
    return Optional.ofNullable(checkpoints.get(key));
  }

  @Override
  public void save(CheckpointKey key, Checkpoint checkpoint) {
    checkpoints.put(key, checkpoint);
  }
}
