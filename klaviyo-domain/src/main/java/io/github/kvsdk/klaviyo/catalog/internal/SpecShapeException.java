package io.github.kvsdk.klaviyo.catalog.internal;

/**
 * The spec contains something the catalogue generator does not understand. It fails the build on purpose:
 * a silently skipped rule would let invalid filters or field names through at run time.
 */
final class SpecShapeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SpecShapeException(String operationId, String problem) {
    super("Cannot build the operation catalogue: operation " + operationId + ": " + problem);
  }
}
