package io.github.kvsdk.klaviyo.poller.config;

/**
 * A poller setting breaks a rule. Thrown before any request is sent. {@link #field()} names the
 * setting (as the CLI spells it, e.g. {@code timestamp-field}) and {@link #rule()} the rule broken.
 */
public final class InvalidConfigurationException extends IllegalArgumentException {
  private final String field;
  private final String rule;

  public InvalidConfigurationException(String field, String rule) {
    super(field + ": " + rule);
    this.field = field;
    this.rule = rule;
  }

  /** The setting that is wrong, e.g. {@code page-size}. */
  public String field() {
    return field;
  }

  /** The rule it breaks, in words, e.g. {@code must be between 1 and 100}. */
  public String rule() {
    return rule;
  }
}
