package io.github.kvsdk.klaviyo.filter;

import io.github.kvsdk.klaviyo.catalog.FilterOperator;
import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import java.util.Optional;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A filter that Klaviyo would reject, detected before any request is sent: an unknown field, an operator
 * the endpoint does not allow on that field, a value of the wrong kind, a missing required filter, or a
 * malformed expression.
 *
 * <p>{@link #field()} names the filter field concerned ({@code filter} for a malformed expression) and
 * {@link #rule()} says what was wrong and what is allowed.
 */
public final class FilterValidationException extends KlaviyoValidationException {
  private static final long serialVersionUID = 1L;

  /** The operation checked against, or null. */
  private final String operationId;
  /** The operator at fault, or null. */
  private final FilterOperator operator;
  /** What the operation allows instead. */
  private final Set<String> allowed;

  FilterValidationException(
      String operationId, String field, FilterOperator operator, Set<String> allowed, String message) {
    super(field, message);
    this.operationId = operationId;
    this.operator = operator;
    this.allowed = Collections.unmodifiableSet(new LinkedHashSet<>(allowed));
  }

  static FilterValidationException forValue(String field, FilterOperator operator, String rule) {
    return new FilterValidationException(
        null, field, operator, Set.of(), "Invalid value for " + operator.wireName() + "(" + field + "): " + rule);
  }

  /** {@return the operation the filter was checked against, if the check was against an operation} */
  public Optional<String> operationId() {
    return Optional.ofNullable(operationId);
  }

  /** {@return the offending operator, if the problem concerns one} */
  public Optional<FilterOperator> operator() {
    return Optional.ofNullable(operator);
  }

  /**
   * {@return what would have been accepted: the allowed operators (wire names) when the operator was rejected,
   * the filterable fields when the field was rejected, otherwise empty}
   */
  public Set<String> allowed() {
    return allowed;
  }
}
