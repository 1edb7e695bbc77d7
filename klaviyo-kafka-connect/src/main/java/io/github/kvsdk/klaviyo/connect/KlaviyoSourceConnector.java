package io.github.kvsdk.klaviyo.connect;

import io.github.kvsdk.klaviyo.connect.internal.OffsetCodec;
import io.github.kvsdk.klaviyo.poller.config.PollerConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * A Kafka Connect source for Klaviyo's "new and updated objects": each configured object type of
 * one account is a source partition, polled on its timestamp field by the same algorithm as the
 * standalone poller, with the poller's checkpoint as the partition's source offset.
 *
 * <p>Supports exactly-once delivery on workers with {@code exactly.once.source.support=enabled}:
 * each poller page is one transaction with the offset that covers it. On other workers delivery is
 * at least once.
 */
public final class KlaviyoSourceConnector extends SourceConnector {
  private Map<String, String> props;
  private KlaviyoSourceConfig config;

  @Override
  public String version() {
    return Version.VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    Map<String, List<String>> problems = KlaviyoSourceConfig.problems(props);
    if (!problems.isEmpty()) throw new ConnectException("Invalid configuration: " + problems);
    this.config = new KlaviyoSourceConfig(props);
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return KlaviyoSourceTask.class;
  }

  /** Spreads the object types round-robin over at most {@code maxTasks} tasks. */
  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<PollerConfig> streams = config.streams();
    int tasks = Math.min(maxTasks, streams.size());
    List<List<String>> assigned = new ArrayList<>();
    for (int i = 0; i < tasks; i++) assigned.add(new ArrayList<>());
    for (int i = 0; i < streams.size(); i++) {
      assigned.get(i % tasks).add(streams.get(i).objectType().configName());
    }
    List<Map<String, String>> configs = new ArrayList<>();
    for (List<String> types : assigned) {
      Map<String, String> task = new HashMap<>(props);
      task.put(KlaviyoSourceTask.TASK_OBJECT_TYPES, String.join(",", types));
      configs.add(task);
    }
    return configs;
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return KlaviyoSourceConfig.CONFIG_DEF;
  }

  /** Connect's checks of each key, then the poller's rules and the credentials, each on its key. */
  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config result = super.validate(connectorConfigs);
    Map<String, List<String>> problems = KlaviyoSourceConfig.problems(connectorConfigs);
    for (ConfigValue value : result.configValues()) {
      for (String message : problems.getOrDefault(value.name(), List.of())) {
        value.addErrorMessage(value.name() + " " + message);
      }
    }
    return result;
  }

  /**
   * Accepts offsets altered through Connect's REST API only if they are checkpoints this connector
   * can read; resetting (null offsets) is always accepted and starts the partition over.
   */
  @Override
  public boolean alterOffsets(Map<String, String> connectorConfig,
      Map<Map<String, ?>, Map<String, ?>> offsets) {
    for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
      Map<String, ?> partition = entry.getKey();
      for (String key : List.of(OffsetCodec.ACCOUNT, OffsetCodec.OBJECT_TYPE, OffsetCodec.TIMESTAMP_FIELD)) {
        if (!(partition.get(key) instanceof String)) {
          throw new ConnectException("Source partition " + partition + " lacks the string field '" + key + "'");
        }
      }
      if (entry.getValue() != null) OffsetCodec.checkpoint(partition, entry.getValue());
    }
    return true;
  }

  @Override
  public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
    return ExactlyOnceSupport.SUPPORTED;
  }

  /** Tasks commit one transaction per poller page when asked to define boundaries. */
  @Override
  public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> connectorConfig) {
    return ConnectorTransactionBoundaries.SUPPORTED;
  }
}
