package io.github.kvsdk.klaviyo.sandbox.internal.query;

import java.util.List;

/** A parsed {@code filter} query parameter. Top-level comma-joined terms are an implicit {@link And}. */
public sealed interface FilterExpression {
  /** {@code op(field,value)} or {@code op(field)} ({@code has}); value is null for the one-argument form. */
  record Condition(String operator, String field, Object value) implements FilterExpression {}

  /** All terms must hold. */
  record And(List<FilterExpression> terms) implements FilterExpression {}

  /** At least one term must hold. */
  record Or(List<FilterExpression> terms) implements FilterExpression {}

  /** The term must not hold. */
  record Not(FilterExpression term) implements FilterExpression {}
}
