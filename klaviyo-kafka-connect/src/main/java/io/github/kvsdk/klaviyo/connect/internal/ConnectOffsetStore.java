package io.github.kvsdk.klaviyo.connect.internal;

import io.github.kvsdk.klaviyo.poller.PollConsumer;
import io.github.kvsdk.klaviyo.poller.PollMessage;
import io.github.kvsdk.klaviyo.poller.checkpoint.Checkpoint;
import io.github.kvsdk.klaviyo.poller.checkpoint.CheckpointKey;
import io.github.kvsdk.klaviyo.poller.checkpoint.CheckpointStore;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * A poller's checkpoint store whose durable copy is Connect's source offsets, for one poll stream.
 *
 * <p>The poller hands a page's new objects to {@link #consumer()} and then {@link #save saves} the
 * checkpoint that covers them. Saving turns the page into one batch of records, which {@link
 * BatchSink#put} hands to the task's {@code poll()}; the checkpoint travels as the records' source
 * offset, so Connect stores it when (and only when) it has written the records:
 *
 * <ul>
 *   <li>the last record of a page carries the new checkpoint, the others the checkpoint before the
 *       page. Connect commits, per partition, the offset of the newest record whose predecessors were
 *       all acknowledged, so a committed offset never covers a record that was not written
 *       (at-least-once);
 *   <li>with exactly-once support, one page is one transaction (records and offset together).
 * </ul>
 *
 * <p>A checkpoint that advances without new objects (an empty window, a re-listed second) has no
 * record to carry it; it is kept in memory only, and a restarted task repeats that listing, which
 * emits nothing new. {@link #load} reads Connect's offset once, then returns the newest checkpoint
 * handed over. Thread-confined to the stream's polling thread.
 */
public final class ConnectOffsetStore implements CheckpointStore {
  /** Receives one page's records; blocks while the task has not taken the previous ones. */
  public interface BatchSink {
    void put(List<SourceRecord> batch) throws InterruptedException;
  }

  private final OffsetStorageReader reader;
  private final RecordFactory records;
  private final BatchSink sink;
  private final Checkpoint initial;
  private final List<PollMessage> pending = new ArrayList<>();
  private Checkpoint current;
  private boolean loaded;

  public ConnectOffsetStore(OffsetStorageReader reader, RecordFactory records, BatchSink sink,
      Instant startTime) {
    this.reader = reader;
    this.records = records;
    this.sink = sink;
    this.initial = Checkpoint.startingAt(startTime);
  }

  /** The consumer to poll with: collects the page the next {@link #save} covers. */
  public PollConsumer consumer() {
    return pending::add;
  }

  /** Forgets messages of a page that was never saved (the poll failed); the next poll repeats them. */
  public void discardPending() {
    pending.clear();
  }

  @Override
  public Optional<Checkpoint> load(CheckpointKey key) {
    if (!loaded) {
      Map<String, Object> partition = OffsetCodec.partition(key);
      Map<String, Object> offset = reader.offset(partition);
      current = offset == null ? null : OffsetCodec.checkpoint(partition, offset);
      loaded = true;
    }
    return Optional.ofNullable(current);
  }

  @Override
  public void save(CheckpointKey key, Checkpoint checkpoint) throws InterruptedIOException {
    if (!pending.isEmpty()) {
      Map<String, Object> partition = OffsetCodec.partition(key);
      Map<String, Object> before = OffsetCodec.offset(current != null ? current : initial);
      Map<String, Object> after = OffsetCodec.offset(checkpoint);
      List<SourceRecord> batch = new ArrayList<>(pending.size());
      for (int i = 0; i < pending.size(); i++) {
        batch.add(records.record(partition, i == pending.size() - 1 ? after : before, pending.get(i)));
      }
      try {
        sink.put(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("stopped while handing a page to Connect");
      }
      pending.clear();
    }
    current = checkpoint;
    loaded = true;
  }
}
