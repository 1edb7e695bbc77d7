package io.github.kvsdk.klaviyo.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

final class KlaviyoSourceConfigTest {
  private static final String KEY = "pk_0123456789abcdef0123456789abcdef01";

  private static Map<String, String> valid() {
    Map<String, String> props = new HashMap<>();
    props.put("klaviyo.api.key", KEY);
    props.put("object.types", "profiles,events");
    return props;
  }

  /** validate()'s errors, by key. */
  private static Map<String, List<String>> errors(Map<String, String> props) {
    Config config = new KlaviyoSourceConnector().validate(props);
    return config.configValues().stream().filter(v -> !v.errorMessages().isEmpty())
        .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
  }

  private static Map<String, List<String>> errorsWith(String key, String value) {
    Map<String, String> props = valid();
    if (value == null) props.remove(key); else props.put(key, value);
    return errors(props);
  }

  @Test
  void validConfigurationHasNoErrors() {
    assertThat(errors(valid())).isEmpty();
    KlaviyoSourceConfig config = new KlaviyoSourceConfig(valid());
    assertThat(config.streams()).extracting(s -> s.objectType().configName() + ":" + s.timestampField())
        .containsExactly("profiles:updated", "events:datetime");
    assertThat(config.topicFor(config.streams().get(1).objectType())).isEqualTo("klaviyo.events");
  }

  @Test
  void eachBrokenRuleIsReportedOnItsKey() {
    assertThat(errorsWith("object.types", "profiles,widgets")).containsOnlyKeys("object.types");
    assertThat(errorsWith("object.types", "profiles,profiles").get("object.types").get(0)).contains("twice");
    assertThat(errorsWith("object.types", null)).containsOnlyKeys("object.types");
    assertThat(errorsWith("timestamp.fields", "profiles:datetime").get("timestamp.fields").get(0))
        .contains("must be one of").contains("created").contains("updated");
    assertThat(errorsWith("timestamp.fields", "profiles")).containsOnlyKeys("timestamp.fields");
    assertThat(errorsWith("timestamp.fields", "lists:created")).containsOnlyKeys("timestamp.fields");
    assertThat(errorsWith("page.size", "101").get("page.size").get(0)).contains("between 1 and 100");
    assertThat(errorsWith("page.size", "0")).containsOnlyKeys("page.size");
    assertThat(errorsWith("page.size", "many")).containsOnlyKeys("page.size");
    assertThat(errorsWith("start.time", "yesterday").get("start.time").get(0)).contains("ISO-8601");
    Map<String, String> range = valid();
    range.put("start.time", "2024-06-01T00:00:00Z");
    range.put("end.time", "2024-05-01T00:00:00Z");
    assertThat(errors(range)).containsOnlyKeys("end.time");
    assertThat(errorsWith("lag.ms", "-1")).containsOnlyKeys("lag.ms");
    assertThat(errorsWith("poll.interval.ms", "0")).containsOnlyKeys("poll.interval.ms");
    assertThat(errorsWith("emit", "sometimes")).containsOnlyKeys("emit");
    assertThat(errorsWith("value.format", "xml")).containsOnlyKeys("value.format");
    assertThat(errorsWith("object.types", "campaigns").get("campaign.channel").get(0)).contains("email");
    assertThat(errorsWith("campaign.channel", "email")).containsOnlyKeys("campaign.channel");
    assertThat(errorsWith("topic.pattern", "klaviyo/${object_type}")).containsOnlyKeys("topic.pattern");
    assertThat(errorsWith("klaviyo.revision", "latest")).containsOnlyKeys("klaviyo.revision");
    assertThat(errorsWith("klaviyo.base.url", "http://example.com")).containsOnlyKeys("klaviyo.base.url");
  }

  @Test
  void flowsKeepTheirOwnPageSizeLimit() {
    Map<String, String> props = valid();
    props.put("object.types", "profiles,flows");
    props.put("page.size", "80");
    assertThat(errors(props).get("page.size").get(0)).contains("at most 50").contains("flows");
  }

  @Test
  void credentialsAreRequiredOnceAndNeverEchoed() {
    assertThat(errorsWith("klaviyo.api.key", null).get("klaviyo.api.key").get(0)).contains("required");
    String badKey = "sk_not_a_private_key_123456";
    List<String> messages = errorsWith("klaviyo.api.key", badKey).get("klaviyo.api.key");
    assertThat(messages).isNotEmpty();
    assertThat(String.join(" ", messages)).doesNotContain(badKey);

    Map<String, String> both = valid();
    both.put("klaviyo.oauth.client.id", "client");
    assertThat(errors(both).get("klaviyo.api.key").get(0)).contains("not both");

    Map<String, String> oauth = valid();
    oauth.remove("klaviyo.api.key");
    oauth.put("klaviyo.oauth.client.id", "client");
    assertThat(errors(oauth)).containsOnlyKeys("klaviyo.oauth.client.secret", "klaviyo.oauth.token.file");
    oauth.put("klaviyo.oauth.client.secret", "secret");
    oauth.put("klaviyo.oauth.token.file", "/tmp/tokens.json");
    assertThat(errors(oauth)).isEmpty();
  }

  @Test
  void alteredOffsetsMustBeCheckpoints() {
    KlaviyoSourceConnector connector = new KlaviyoSourceConnector();
    Map<String, Object> partition = Map.of("account", "A", "object_type", "profiles", "timestamp_field", "updated");
    assertThat(connector.alterOffsets(valid(), Map.of(partition,
        Map.of("boundary", "2024-06-01T12:00:00Z", "ids", "01A")))).isTrue();
    Map<Map<String, ?>, Map<String, ?>> reset = new HashMap<>();
    reset.put(partition, null);
    assertThat(connector.alterOffsets(valid(), reset)).isTrue();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> connector.alterOffsets(valid(),
        Map.of(partition, Map.of("boundary", "yesterday", "ids", ""))))
        .hasMessageContaining("unreadable");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> connector.alterOffsets(valid(),
        Map.of(Map.of("account", "A"), Map.of("boundary", "2024-06-01T12:00:00Z", "ids", ""))))
        .hasMessageContaining("object_type");
  }

  @Test
  void typesAreSpreadOverTasks() {
    Map<String, String> props = valid();
    props.put("object.types", "profiles,events,lists");
    KlaviyoSourceConnector connector = new KlaviyoSourceConnector();
    connector.start(props);
    List<Map<String, String>> two = connector.taskConfigs(2);
    assertThat(two).extracting(t -> t.get(KlaviyoSourceTask.TASK_OBJECT_TYPES))
        .containsExactly("profiles,lists", "events");
    assertThat(connector.taskConfigs(10)).hasSize(3);
  }
}
