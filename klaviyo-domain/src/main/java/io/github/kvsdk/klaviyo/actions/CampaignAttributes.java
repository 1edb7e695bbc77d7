package io.github.kvsdk.klaviyo.actions;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inputs of Create Campaign and Update Campaign: name, messages (create only), included and excluded
 * audiences, and tracking, send and send-strategy options. Options and messages are JSON trees in the
 * API's shape, such as {@code Map.of("method", "immediate")} for the send strategy.
 */
public final class CampaignAttributes {
  private final String name;
  private final List<Map<String, Object>> messages;
  private final List<String> includedAudiences;
  private final List<String> excludedAudiences;
  private final Map<String, Object> trackingOptions;
  private final Map<String, Object> sendOptions;
  private final Map<String, Object> sendStrategy;

  private CampaignAttributes(Builder b) {
    this.name = b.name;
    this.messages = b.messages == null ? null : List.copyOf(b.messages);
    this.includedAudiences = b.includedAudiences == null ? null : List.copyOf(b.includedAudiences);
    this.excludedAudiences = b.excludedAudiences == null ? null : List.copyOf(b.excludedAudiences);
    this.trackingOptions = copy(b.trackingOptions);
    this.sendOptions = copy(b.sendOptions);
    this.sendStrategy = copy(b.sendStrategy);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The attributes of a create request; name, at least one message and included audiences are required. */
  Map<String, Object> toCreateAttributes() {
    if (name == null) throw new KlaviyoValidationException("name", "is required");
    if (messages == null || messages.isEmpty()) {
      throw new KlaviyoValidationException("messages", "at least one campaign message is required");
    }
    if (includedAudiences == null || includedAudiences.isEmpty()) {
      throw new KlaviyoValidationException("includedAudiences", "at least one list or segment id is required");
    }
    Map<String, Object> attributes = common();
    List<Object> resources = new ArrayList<>();
    for (Map<String, Object> message : messages) {
      Object channel = message.get("channel");
      if (!"email".equals(channel) && !"sms".equals(channel)) {
        throw new KlaviyoValidationException("messages.channel", "must be \"email\" or \"sms\", not " + channel);
      }
      resources.add(Map.of("type", "campaign-message", "attributes", message));
    }
    attributes.put("campaign-messages", Map.of("data", resources));
    return attributes;
  }

  /** The attributes of an update request: only what was set. */
  Map<String, Object> toUpdateAttributes() {
    if (messages != null) {
      throw new KlaviyoValidationException("messages", "cannot be changed by Update Campaign; update the messages");
    }
    return common();
  }

  private Map<String, Object> common() {
    Map<String, Object> attributes = new LinkedHashMap<>();
    if (name != null) attributes.put("name", name);
    if (includedAudiences != null || excludedAudiences != null) {
      Map<String, Object> audiences = new LinkedHashMap<>();
      if (includedAudiences != null) audiences.put("included", includedAudiences);
      audiences.put("excluded", excludedAudiences == null ? List.of() : excludedAudiences);
      attributes.put("audiences", audiences);
    }
    if (sendStrategy != null) attributes.put("send_strategy", sendStrategy);
    if (sendOptions != null) attributes.put("send_options", sendOptions);
    if (trackingOptions != null) attributes.put("tracking_options", trackingOptions);
    return attributes;
  }

  private static Map<String, Object> copy(Map<String, Object> map) {
    return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  @Override
  public String toString() {
    return "CampaignAttributes{name=" + name + ", messages=" + (messages == null ? 0 : messages.size()) + "}";
  }

  public static final class Builder {
    private String name;
    private List<Map<String, Object>> messages;
    private List<String> includedAudiences;
    private List<String> excludedAudiences;
    private Map<String, Object> trackingOptions;
    private Map<String, Object> sendOptions;
    private Map<String, Object> sendStrategy;

    private Builder() {}

    /** The name of the campaign. */
    public Builder name(String name) {
      if (name != null && name.isBlank()) throw new KlaviyoValidationException("name", "must not be blank");
      this.name = name;
      return this;
    }

    /** The campaign messages' attributes, each with a {@code channel} of {@code email} or {@code sms}. */
    public Builder messages(List<Map<String, Object>> messages) {
      this.messages = messages;
      return this;
    }

    /** Ids of the lists and segments to send to. */
    public Builder includedAudiences(List<String> ids) {
      this.includedAudiences = ids;
      return this;
    }

    /** Ids of the lists and segments not to send to. */
    public Builder excludedAudiences(List<String> ids) {
      this.excludedAudiences = ids;
      return this;
    }

    public Builder trackingOptions(Map<String, Object> options) {
      this.trackingOptions = options;
      return this;
    }

    public Builder sendOptions(Map<String, Object> options) {
      this.sendOptions = options;
      return this;
    }

    public Builder sendStrategy(Map<String, Object> strategy) {
      this.sendStrategy = strategy;
      return this;
    }

    public CampaignAttributes build() {
      return new CampaignAttributes(this);
    }
  }
}
