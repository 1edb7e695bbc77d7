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
 * API's shape, such as {@code Map.of("method", "immediate")} for the send strategy; a key the API does not
 * define for that object is refused with a {@link KlaviyoValidationException} naming it, before anything is
 * sent.
 *
 * <p>Exactly what is set is sent: a setter never called sends nothing (an update leaves that field as it
 * is), one called with {@code null} sends {@code null} (an update clears it). Setting only the included
 * audiences sends only {@code audiences.included}, so the excluded audiences stay as they are.
 */
public final class CampaignAttributes {
  private final String name;
  private final boolean nameSet;
  private final List<Map<String, Object>> messages;
  private final Map<String, Object> audiences;
  private final Map<String, Object> options;

  private CampaignAttributes(Builder b) {
    this.name = b.name;
    this.nameSet = b.nameSet;
    this.messages = b.messages == null ? null : List.copyOf(b.messages);
    this.audiences = Collections.unmodifiableMap(new LinkedHashMap<>(b.audiences));
    this.options = Collections.unmodifiableMap(new LinkedHashMap<>(b.options));
  }

  /** {@return a builder with nothing set} */
  public static Builder builder() {
    return new Builder();
  }

  /** The attributes of a create request; name, at least one message and included audiences are required. */
  Map<String, Object> toCreateAttributes() {
    if (name == null) throw new KlaviyoValidationException("name", "is required");
    if (messages == null || messages.isEmpty()) {
      throw new KlaviyoValidationException("messages", "at least one campaign message is required");
    }
    if (!(audiences.get("included") instanceof List<?> included) || included.isEmpty()) {
      throw new KlaviyoValidationException("includedAudiences", "at least one list or segment id is required");
    }
    Map<String, Object> attributes = common();
    List<Object> resources = new ArrayList<>();
    for (Map<String, Object> message : messages) {
      Object channel = message == null ? null : message.get("channel");
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
    if (nameSet) attributes.put("name", name);
    if (!audiences.isEmpty()) attributes.put("audiences", new LinkedHashMap<>(audiences));
    attributes.putAll(options);
    return attributes;
  }

  @Override
  public String toString() {
    return "CampaignAttributes{name=" + name + ", messages=" + (messages == null ? 0 : messages.size())
        + ", set=" + audiences.keySet() + options.keySet() + "}";
  }

  /** Collects campaign attributes: a setter called with {@code null} sends {@code null}; one not called sends nothing. */
  public static final class Builder {
    private String name;
    private boolean nameSet;
    private List<Map<String, Object>> messages;
    private final Map<String, Object> audiences = new LinkedHashMap<>();
    private final Map<String, Object> options = new LinkedHashMap<>();

    private Builder() {}

    /**
     * The name of the campaign; required to create one.
     *
     * @param name the campaign's name
     * @return this builder
     */
    public Builder name(String name) {
      if (name != null && name.isBlank()) throw new KlaviyoValidationException("name", "must not be blank");
      this.name = name;
      this.nameSet = true;
      return this;
    }

    /**
     * The campaign messages' attributes, each with a {@code channel} of {@code email} or {@code sms}.
     *
     * @param messages the campaign's messages
     * @return this builder
     */
    public Builder messages(List<Map<String, Object>> messages) {
      this.messages = messages;
      return this;
    }

    /**
     * Ids of the lists and segments to send to ({@code audiences.included}).
     *
     * @param ids list and segment ids
     * @return this builder
     */
    public Builder includedAudiences(List<String> ids) {
      audiences.put("included", ids == null ? null : List.copyOf(ids));
      return this;
    }

    /**
     * Ids of the lists and segments not to send to ({@code audiences.excluded}); an empty list excludes none.
     *
     * @param ids list and segment ids
     * @return this builder
     */
    public Builder excludedAudiences(List<String> ids) {
      audiences.put("excluded", ids == null ? null : List.copyOf(ids));
      return this;
    }

    /**
     * {@code tracking_options}, in the API's shape for the campaign's channel.
     *
     * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
     *     include}); checked against the operation before sending
     * @return this builder
     */
    public Builder trackingOptions(Map<String, Object> options) {
      return option("tracking_options", options);
    }

    /**
     * {@code send_options}, in the API's shape for the campaign's channel.
     *
     * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
     *     include}); checked against the operation before sending
     * @return this builder
     */
    public Builder sendOptions(Map<String, Object> options) {
      return option("send_options", options);
    }

    /**
     * {@code send_strategy}, such as {@code Map.of("method", "immediate")}.
     *
     * @param strategy how and when the campaign is sent
     * @return this builder
     */
    public Builder sendStrategy(Map<String, Object> strategy) {
      return option("send_strategy", strategy);
    }

    private Builder option(String name, Map<String, Object> value) {
      options.put(name, value == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(value)));
      return this;
    }

    /** {@return the attributes} */
    public CampaignAttributes build() {
      return new CampaignAttributes(this);
    }
  }
}
