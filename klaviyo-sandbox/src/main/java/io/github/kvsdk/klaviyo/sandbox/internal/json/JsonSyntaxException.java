package io.github.kvsdk.klaviyo.sandbox.internal.json;

/** Thrown when a request body or document is not valid JSON. */
public final class JsonSyntaxException extends RuntimeException {
  /**
   * Creates the exception.
   *
   * @param message what is not valid and where
   */
  public JsonSyntaxException(String message) {
    super(message);
  }
}
