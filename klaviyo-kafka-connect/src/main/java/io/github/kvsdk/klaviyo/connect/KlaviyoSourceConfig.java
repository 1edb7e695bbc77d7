package io.github.kvsdk.klaviyo.connect;

import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.connect.internal.ValueFormat;
import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.poller.config.EmitMode;
import io.github.kvsdk.klaviyo.poller.config.InvalidConfigurationException;
import io.github.kvsdk.klaviyo.poller.config.ObjectType;
import io.github.kvsdk.klaviyo.poller.config.PollerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The connector's settings. Every key is documented in {@link #CONFIG_DEF}; the rules about what
 * may be polled (object types, timestamp fields, page sizes, time range, lag, campaign channel) are
 * the poller's own, applied through {@link PollerConfig}, and a broken one is reported on the key
 * it came from.
 */
public final class KlaviyoSourceConfig extends AbstractConfig {
  /** Key of the account's private API key ({@code pk_...}); set it or the three OAuth keys. */
  public static final String API_KEY = "klaviyo.api.key";
  /** Key of the OAuth client id, for apps installed with OAuth instead of an API key. */
  public static final String OAUTH_CLIENT_ID = "klaviyo.oauth.client.id";
  /** Key of the OAuth client secret; never logged. */
  public static final String OAUTH_CLIENT_SECRET = "klaviyo.oauth.client.secret";
  /** Key of the file holding the installation's OAuth tokens; every worker must see the same file. */
  public static final String OAUTH_TOKEN_FILE = "klaviyo.oauth.token.file";
  /** Key of the API host: https, or http on loopback for a local emulator. */
  public static final String BASE_URL = "klaviyo.base.url";
  /** Key of the API revision sent with every request ({@code YYYY-MM-DD}). */
  public static final String REVISION = "klaviyo.revision";
  /** Key of the account part of every source partition; empty asks Klaviyo for the account id. */
  public static final String ACCOUNT = "klaviyo.account";
  /** Key of the switch for client-side rate limiting per operation (default on). */
  public static final String RATE_LIMITING = "klaviyo.rate.limiting";
  /** Key of the comma-separated object types to poll (required). */
  public static final String OBJECT_TYPES = "object.types";
  /** Key of the timestamp field per object type, as {@code type:field} pairs. */
  public static final String TIMESTAMP_FIELDS = "timestamp.fields";
  /** Key of the campaign channel ({@code email} or {@code sms}), required when polling campaigns. */
  public static final String CAMPAIGN_CHANNEL = "campaign.channel";
  /** Key of the page size for endpoints that accept one; default the endpoint's maximum. */
  public static final String PAGE_SIZE = "page.size";
  /** Key of the ISO-8601 instant polling starts at; ignored once an offset exists. */
  public static final String START_TIME = "start.time";
  /** Key of the ISO-8601 instant polling stops before; default no end. */
  public static final String END_TIME = "end.time";
  /** Key of how far, in milliseconds, each poll's upper bound trails now. */
  public static final String LAG_MS = "lag.ms";
  /** Key of the pause, in milliseconds, between two polls of one object type. */
  public static final String POLL_INTERVAL_MS = "poll.interval.ms";
  /** Key of the topic per object type, where {@link #OBJECT_TYPE_PLACEHOLDER} stands for the type's name. */
  public static final String TOPIC_PATTERN = "topic.pattern";
  /** Key of the record granularity: {@code individually} (one record per object) or {@code page}. */
  public static final String EMIT = "emit";
  /** Key of the record value's format; see {@link ValueFormat}. */
  public static final String VALUE_FORMAT = "value.format";

  /** The placeholder {@link #TOPIC_PATTERN} replaces with an object type's name. */
  public static final String OBJECT_TYPE_PLACEHOLDER = "${object_type}";

  private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  /** Every setting of the connector with its type, default, validator and documentation, as Connect shows them. */
  public static final ConfigDef CONFIG_DEF = new ConfigDef()
      .define(API_KEY, Type.PASSWORD, null, Importance.HIGH,
          "Private API key (pk_...) of the Klaviyo account. Never logged or put in an error or a task status."
              + " Set this or the three OAuth keys; prefer a config provider reference such as"
              + " ${file:/path:key}, because Connect's REST API returns connector configs as submitted.",
          "Klaviyo", 1, Width.LONG, "API key")
      .define(OAUTH_CLIENT_ID, Type.STRING, null, Importance.MEDIUM,
          "OAuth client id, for apps installed with OAuth instead of an API key.",
          "Klaviyo", 2, Width.MEDIUM, "OAuth client id")
      .define(OAUTH_CLIENT_SECRET, Type.PASSWORD, null, Importance.MEDIUM,
          "OAuth client secret. Never logged.", "Klaviyo", 3, Width.MEDIUM, "OAuth client secret")
      .define(OAUTH_TOKEN_FILE, Type.STRING, null, Importance.MEDIUM,
          "File holding the installation's OAuth tokens (written when the app was authorized; refreshed"
              + " tokens are saved back). Every worker that may run a task must see the same file.",
          "Klaviyo", 4, Width.LONG, "OAuth token file")
      .define(BASE_URL, Type.STRING, KlaviyoClient.DEFAULT_BASE_URL, Importance.LOW,
          "API host: https, or http on loopback for a local emulator.", "Klaviyo", 5, Width.LONG,
          "Base URL")
      .define(REVISION, Type.STRING, KlaviyoClient.DEFAULT_REVISION, Importance.LOW,
          "The revision header sent with every request, YYYY-MM-DD.", "Klaviyo", 6, Width.SHORT,
          "API revision")
      .define(ACCOUNT, Type.STRING, "", Importance.LOW,
          "The account part of every source partition. Empty (the default): the id GET /api/accounts"
              + " returns, which needs the accounts:read scope.",
          "Klaviyo", 7, Width.MEDIUM, "Account")
      .define(RATE_LIMITING, Type.BOOLEAN, true, Importance.LOW,
          "Client-side rate limiting per operation, shared by all tasks of one account in one worker.",
          "Klaviyo", 8, Width.SHORT, "Rate limiting")
      .define(OBJECT_TYPES, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
          "Object types to poll, comma-separated: " + typeNames() + ".",
          "Polling", 1, Width.LONG, "Object types")
      .define(TIMESTAMP_FIELDS, Type.LIST, "", Importance.MEDIUM,
          "Timestamp field per object type as type:field pairs, e.g. profiles:created,events:datetime."
              + " A type not listed is polled on its update time where it has one (updated, updated_at),"
              + " else on its only field.",
          "Polling", 2, Width.LONG, "Timestamp fields")
      .define(CAMPAIGN_CHANNEL, Type.STRING, null, Importance.MEDIUM,
          "Required when polling campaigns: email or sms.", "Polling", 3, Width.SHORT, "Campaign channel")
      .define(PAGE_SIZE, Type.INT, null, Importance.LOW,
          "page[size] for endpoints that accept it, 1 to the endpoint's maximum; default that maximum.",
          "Polling", 4, Width.SHORT, "Page size")
      .define(START_TIME, Type.STRING, PollerConfig.DEFAULT_START.toString(), Importance.MEDIUM,
          "ISO-8601 instant; objects stamped at or after it are polled. Ignored once an offset exists.",
          "Polling", 5, Width.MEDIUM, "Start time")
      .define(END_TIME, Type.STRING, null, Importance.LOW,
          "ISO-8601 instant; objects stamped at or after it are not polled. Default: no end.",
          "Polling", 6, Width.MEDIUM, "End time")
      .define(LAG_MS, Type.LONG, PollerConfig.DEFAULT_LAG.toMillis(), Importance.LOW,
          "How far each poll's upper bound trails now, in ms: room for late-visible writes and clock skew.",
          "Polling", 7, Width.SHORT, "Lag (ms)")
      .define(POLL_INTERVAL_MS, Type.LONG, 60_000L, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
          "Pause between the end of one poll of an object type and the start of the next, in ms.",
          "Polling", 8, Width.SHORT, "Poll interval (ms)")
      .define(TOPIC_PATTERN, Type.STRING, "klaviyo." + OBJECT_TYPE_PLACEHOLDER, Importance.HIGH,
          "Topic per object type; " + OBJECT_TYPE_PLACEHOLDER + " is replaced with the type's name.",
          "Records", 1, Width.LONG, "Topic pattern")
      .define(EMIT, Type.STRING, EmitMode.INDIVIDUALLY.configName(),
          ConfigDef.ValidString.in("individually", "page"), Importance.MEDIUM,
          "individually: one record per object, keyed by its id; page: one record per fetched page,"
              + " value {\"results\":[...]}.",
          "Records", 2, Width.SHORT, "Emit")
      .define(VALUE_FORMAT, Type.STRING, ValueFormat.JSON.configName(),
          ConfigDef.ValidString.in("json", "string", "struct"), Importance.MEDIUM,
          "json: schemaless maps and lists (JsonConverter with schemas.enable=false writes the object);"
              + " string: the JSON text exactly as Klaviyo sent it (for StringConverter); struct: a Struct"
              + " with a schema (type, id, timestamp, attributes, relationships, links) for schema registries.",
          "Records", 3, Width.SHORT, "Value format");

  private final List<PollerConfig> streams;

  private static String typeNames() {
    List<String> names = new ArrayList<>();
    for (ObjectType type : ObjectType.values()) names.add(type.configName());
    return String.join(", ", names);
  }

  /**
   * Parses and checks the connector's settings, including the poller's rules for each object type.
   *
   * @param props the connector configuration as submitted to Connect
   * @throws ConfigException if a value breaks a rule; the message starts with the key
   */
  public KlaviyoSourceConfig(Map<String, String> props) {
    this(props, true);
  }

  private KlaviyoSourceConfig(Map<String, String> props, boolean withStreams) {
    super(CONFIG_DEF, props, false);
    List<InvalidKeyException> broken = new ArrayList<>();
    this.streams = withStreams ? List.copyOf(buildStreams(this, broken)) : List.of();
    if (!broken.isEmpty()) throw broken.get(0);
  }

  /** {@return one poller configuration per object type, in the order configured} */
  public List<PollerConfig> streams() {
    return streams;
  }

  /**
   * The topic records of {@code type} go to: {@link #TOPIC_PATTERN} with the type's name in place of
   * {@link #OBJECT_TYPE_PLACEHOLDER}.
   *
   * @param type a polled object type
   * @return the topic name
   */
  public String topicFor(ObjectType type) {
    return getString(TOPIC_PATTERN).replace(OBJECT_TYPE_PLACEHOLDER, type.configName());
  }

  /** {@return the pause between the end of one poll of an object type and the start of the next} */
  public Duration pollInterval() {
    return Duration.ofMillis(getLong(POLL_INTERVAL_MS));
  }

  /** How a record's value carries the object. */
  ValueFormat valueFormat() {
    return ValueFormat.parse(getString(VALUE_FORMAT));
  }

  /** {@return the API revision sent with every request, such as {@code 2024-10-15}} */
  public String revision() {
    return getString(REVISION);
  }

  /** {@return the API host requests go to} */
  public String baseUrl() {
    return getString(BASE_URL);
  }

  /** {@return the configured account, trimmed, or null to ask Klaviyo for the account id} */
  public String account() {
    String account = getString(ACCOUNT);
    return account == null || account.isBlank() ? null : account.trim();
  }

  Password apiKey() {
    return getPassword(API_KEY);
  }

  /**
   * Checks everything and returns each broken rule on the key it belongs to, as Connect's {@code
   * validate()} shows it. Never includes a secret's value.
   */
  static Map<String, List<String>> problems(Map<String, String> props) {
    Map<String, List<String>> problems = new LinkedHashMap<>();
    KlaviyoSourceConfig config;
    try {
      config = new KlaviyoSourceConfig(props, false);
    } catch (ConfigException e) {
      // ConfigDef's own checks (required keys, types, ranges, allowed values) are reported by Connect.
      return problems;
    }
    config.credentialProblems(problems);
    List<InvalidKeyException> broken = new ArrayList<>();
    buildStreams(config, broken);
    for (InvalidKeyException e : broken) add(problems, e.key, e.rule);
    return problems;
  }

  private void credentialProblems(Map<String, List<String>> problems) {
    boolean apiKey = apiKey() != null && !apiKey().value().isEmpty();
    boolean anyOauth = getString(OAUTH_CLIENT_ID) != null || getPassword(OAUTH_CLIENT_SECRET) != null
        || getString(OAUTH_TOKEN_FILE) != null;
    if (apiKey && anyOauth) {
      add(problems, API_KEY, "set either " + API_KEY + " or the OAuth keys, not both");
      return;
    }
    if (!apiKey && !anyOauth) {
      add(problems, API_KEY, "is required (or set " + OAUTH_CLIENT_ID + ", " + OAUTH_CLIENT_SECRET
          + " and " + OAUTH_TOKEN_FILE + ")");
      return;
    }
    if (apiKey) {
      try {
        KlaviyoClient.builder().apiKey(apiKey().value());
      } catch (KlaviyoValidationException e) {
        add(problems, API_KEY, e.rule()); // The SDK's rule never contains the key.
      }
    } else {
      for (String key : List.of(OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET, OAUTH_TOKEN_FILE)) {
        Object value = key.equals(OAUTH_CLIENT_SECRET) ? getPassword(key) : getString(key);
        if (value == null) add(problems, key, "is required when any OAuth key is set");
      }
    }
    try {
      KlaviyoClient.builder().baseUrl(baseUrl());
    } catch (KlaviyoValidationException e) {
      add(problems, BASE_URL, e.rule());
    }
    try {
      KlaviyoClient.builder().revision(revision());
    } catch (KlaviyoValidationException e) {
      add(problems, REVISION, e.rule());
    }
    String topic = getString(TOPIC_PATTERN).replace(OBJECT_TYPE_PLACEHOLDER, "profiles");
    if (!TOPIC_NAME.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
      add(problems, TOPIC_PATTERN, "must give legal topic names (letters, digits, '.', '_', '-'), gave '"
          + topic + "'");
    }
  }

  private static void add(Map<String, List<String>> problems, String key, String message) {
    problems.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
  }

  /** The streams configured; each broken rule is added to {@code broken} (no stream for its type). */
  private static List<PollerConfig> buildStreams(KlaviyoSourceConfig config, List<InvalidKeyException> broken) {
    List<PollerConfig> streams = new ArrayList<>();
    List<String> types = config.getList(OBJECT_TYPES);
    if (types.isEmpty()) {
      broken.add(new InvalidKeyException(OBJECT_TYPES, "must name at least one object type"));
      return streams;
    }
    Map<String, String> fields;
    try {
      fields = timestampFields(config.getList(TIMESTAMP_FIELDS));
    } catch (InvalidKeyException e) {
      broken.add(e);
      fields = Map.of();
    }
    List<String> seen = new ArrayList<>();
    for (String rawType : types) {
      String typeName = rawType.trim().toLowerCase(Locale.ROOT);
      if (seen.contains(typeName)) {
        broken.add(new InvalidKeyException(OBJECT_TYPES, "names '" + typeName + "' twice"));
        continue;
      }
      seen.add(typeName);
      try {
        ObjectType type = ObjectType.parse(typeName);
        PollerConfig.Builder builder = PollerConfig.builder()
            .objectType(type)
            .timestampField(fields.getOrDefault(type.configName(), defaultTimestampField(type)))
            .emitMode(EmitMode.parse(config.getString(EMIT)))
            .startTime(PollerConfig.parseInstant("start-time", config.getString(START_TIME)))
            .lag(Duration.ofMillis(config.getLong(LAG_MS)));
        String end = config.getString(END_TIME);
        if (end != null && !end.isBlank()) builder.endTime(PollerConfig.parseInstant("end-time", end));
        Integer pageSize = config.getInt(PAGE_SIZE);
        if (pageSize != null) builder.pageSize(pageSize);
        if (type.requiresChannel()) builder.channel(config.getString(CAMPAIGN_CHANNEL));
        streams.add(builder.build());
      } catch (InvalidConfigurationException e) {
        broken.add(new InvalidKeyException(keyOf(e.field()), e.rule()));
      }
    }
    if (config.getString(CAMPAIGN_CHANNEL) != null && !seen.contains(ObjectType.CAMPAIGNS.configName())) {
      broken.add(new InvalidKeyException(CAMPAIGN_CHANNEL, "applies only to campaigns, which " + OBJECT_TYPES
          + " does not name"));
    }
    for (String type : fields.keySet()) {
      if (!seen.contains(type)) {
        broken.add(new InvalidKeyException(TIMESTAMP_FIELDS, "names '" + type + "', which is not in "
            + OBJECT_TYPES));
      }
    }
    return streams;
  }

  private static Map<String, String> timestampFields(List<String> pairs) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : pairs) {
      int colon = pair.indexOf(':');
      if (colon <= 0 || colon == pair.length() - 1) {
        throw new InvalidKeyException(TIMESTAMP_FIELDS, "entries must be type:field, such as"
            + " profiles:updated, was '" + pair + "'");
      }
      fields.put(pair.substring(0, colon).trim().toLowerCase(Locale.ROOT), pair.substring(colon + 1).trim());
    }
    return fields;
  }

  /** The update time where the type has one, else its first field. */
  static String defaultTimestampField(ObjectType type) {
    for (String preferred : List.of("updated", "updated_at")) {
      if (type.timestampFields().contains(preferred)) return preferred;
    }
    return type.timestampFields().iterator().next();
  }

  /** The connector key a poller setting comes from. */
  private static String keyOf(String pollerField) {
    switch (pollerField) {
      case "object-type": return OBJECT_TYPES;
      case "timestamp-field": return TIMESTAMP_FIELDS;
      case "page-size": return PAGE_SIZE;
      case "start-time": return START_TIME;
      case "end-time": return END_TIME;
      case "lag": return LAG_MS;
      case "channel": return CAMPAIGN_CHANNEL;
      case "emit": return EMIT;
      default: return pollerField;
    }
  }

  /** A value breaks a rule; carries the key it belongs to. */
  static final class InvalidKeyException extends ConfigException {
    final String key;
    final String rule;

    InvalidKeyException(String key, String rule) {
      super(key + " " + rule);
      this.key = key;
      this.rule = rule;
    }
  }

}
