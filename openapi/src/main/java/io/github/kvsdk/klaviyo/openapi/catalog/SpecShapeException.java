package io.github.kvsdk.klaviyo.openapi.catalog;

/**
 * The spec contains something the catalogue cannot read. Where the fact is one a request can do without
 * (a reworded filter description, an unknown parameter), the catalogue catches it, records a warning and
 * leaves that fact unchecked; where the document itself is malformed or a rule every request relies on (a
 * rate limit) is unreadable, it propagates.
 */
public final class SpecShapeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What cannot be read, without the operation prefix, as a warning states it. */
  private final String problem;

  SpecShapeException(String operationId, String problem) {
    super("Cannot build the operation catalogue: operation " + operationId + ": " + problem);
    this.problem = problem;
  }

  /** The problem without the operation prefix, as a warning states it. */
  String problem() {
    return problem;
  }
}
