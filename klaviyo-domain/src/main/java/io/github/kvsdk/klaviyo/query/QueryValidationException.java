package io.github.kvsdk.klaviyo.query;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A {@code sort}, {@code page[size]}, {@code fields[TYPE]}, {@code additional-fields[TYPE]} or {@code
 * include} value the operation does not accept according to the pinned spec, detected before sending.
 *
 * <p>{@link #field()} names the query parameter (such as {@code fields[profile]}); {@link #allowed()}
 * lists what it accepts.
 */
public final class QueryValidationException extends KlaviyoValidationException {
  private static final long serialVersionUID = 1L;

  /** The operation checked against. */
  private final String operationId;
  /** The value refused. */
  private final String value;
  /** What the operation allows instead. */
  private final Set<String> allowed;

  QueryValidationException(String operationId, String parameter, String value, Set<String> allowed, String rule) {
    super(parameter, rule);
    this.operationId = operationId;
    this.value = value;
    this.allowed = Collections.unmodifiableSet(new LinkedHashSet<>(allowed));
  }

  /** {@return the operation the parameter was checked against} */
  public String operationId() {
    return operationId;
  }

  /** {@return the rejected value, such as {@code emial}} */
  public String value() {
    return value;
  }

  /** {@return the values the parameter accepts; empty if the operation does not take the parameter at all} */
  public Set<String> allowed() {
    return allowed;
  }
}
