package io.github.kvsdk.klaviyo.poller.config;

import java.util.Locale;

/** The message channel a campaigns listing must be filtered on; Klaviyo requires exactly one. */
public enum CampaignChannel {
  /** Email campaigns. */
  EMAIL("email"),
  /** SMS campaigns. */
  SMS("sms");

  private final String wireName;

  CampaignChannel(String wireName) {
    this.wireName = wireName;
  }

  /** {@return the value of {@code messages.channel}, {@code email} or {@code sms}} */
  public String wireName() {
    return wireName;
  }

  /**
   * Parses {@code email} or {@code sms} (case-insensitive, surrounding blanks ignored).
   *
   * @param value the configured channel
   * @return the channel
   * @throws InvalidConfigurationException naming {@code channel} if the value is neither
   */
  public static CampaignChannel parse(String value) {
    if (value != null) {
      String normalized = value.trim().toLowerCase(Locale.ROOT);
      for (CampaignChannel channel : values()) {
        if (channel.wireName.equals(normalized)) return channel;
      }
    }
    throw new InvalidConfigurationException(
        "channel", "must be 'email' or 'sms', was " + EmitMode.quote(value));
  }
}
