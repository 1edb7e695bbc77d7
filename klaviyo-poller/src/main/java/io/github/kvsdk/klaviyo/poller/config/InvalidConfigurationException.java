package io.github.kvsdk.klaviyo.poller.config;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;

/**
 * A poller setting breaks a rule. Thrown before any request is sent. {@link #field()} names the
 * setting (as the CLI spells it, e.g. {@code timestamp-field}) and {@link #rule()} the rule broken,
 * e.g. {@code must be between 1 and 100}. A {@link KlaviyoValidationException}, so callers that already
 * handle the SDK's input errors handle these too.
 */
public final class InvalidConfigurationException extends KlaviyoValidationException {
  /**
   * Reports a broken setting.
   *
   * @param field the setting, as the CLI spells it, such as {@code page-size}
   * @param rule the rule broken, such as {@code must be between 1 and 100}
   */
  public InvalidConfigurationException(String field, String rule) {
    super(field, rule);
  }
}
