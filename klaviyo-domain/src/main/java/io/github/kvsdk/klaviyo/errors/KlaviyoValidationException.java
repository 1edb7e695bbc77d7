package io.github.kvsdk.klaviyo.errors;

/**
 * Input was rejected before anything was sent. {@link #field()} names the offending input and {@link #rule()}
 * the rule it broke, so callers (and the poller CLI) can report it precisely.
 */
public class KlaviyoValidationException extends KlaviyoException {
  /** The input that broke a rule. */
  private final String field;
  /** The rule it broke. */
  private final String rule;

  /**
   * Creates the exception; the message is {@code field + ": " + rule}.
   *
   * @param field the input that broke a rule, such as {@code email} or {@code page[size]}
   * @param rule the rule, such as {@code must not be blank}
   */
  public KlaviyoValidationException(String field, String rule) {
    super(field + ": " + rule);
    this.field = field;
    this.rule = rule;
  }

  /** {@return the name of the invalid input, such as {@code revision} or {@code apiKey}} */
  public String field() {
    return field;
  }

  /** {@return what the input must satisfy, in plain words} Never contains the rejected value if it could be secret. */
  public String rule() {
    return rule;
  }
}
