package io.github.kvsdk.klaviyo.connect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads one single-partition topic from its start with {@code isolation.level=read_committed}, so
 * records of aborted or open transactions are never counted.
 */
final class TopicReader implements AutoCloseable {
  private final KafkaConsumer<String, String> consumer;
  private final TopicPartition partition;
  final List<ConsumerRecord<String, String>> records = new ArrayList<>();

  TopicReader(String bootstrapServers, String topic) {
    consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
        new StringDeserializer(), new StringDeserializer());
    partition = new TopicPartition(topic, 0);
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
  }

  /** Reads until {@code done} holds for everything read so far; fails after {@code timeout}. */
  List<ConsumerRecord<String, String>> readUntil(Duration timeout,
      Predicate<List<ConsumerRecord<String, String>>> done) {
    Instant deadline = Instant.now().plus(timeout);
    while (!done.test(records)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("Timed out after " + timeout + " reading " + partition + "; read "
            + records.size() + " records, " + keys().size() + " distinct keys");
      }
      consumer.poll(Duration.ofMillis(200)).forEach(records::add);
    }
    return records;
  }

  /** Reads up to the partition's current end (its last stable offset under read_committed). */
  List<ConsumerRecord<String, String>> readToEnd(Duration timeout) {
    long end = consumer.endOffsets(List.of(partition)).get(partition);
    return readUntil(timeout, r -> consumer.position(partition) >= end);
  }

  /** Waits until every id in {@code expected} has been read. */
  List<ConsumerRecord<String, String>> readIds(Set<String> expected, Duration timeout) {
    return readUntil(timeout, r -> keys().containsAll(expected));
  }

  Set<String> keys() {
    Set<String> keys = new HashSet<>();
    for (ConsumerRecord<String, String> record : records) keys.add(record.key());
    return keys;
  }

  /** Records beyond one per key. */
  int duplicates() {
    return records.size() - keys().size();
  }

  @Override
  public void close() {
    consumer.close();
  }
}
