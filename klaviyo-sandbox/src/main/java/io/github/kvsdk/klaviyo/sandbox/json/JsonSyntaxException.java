package io.github.kvsdk.klaviyo.sandbox.json;

/** Thrown when a request body or document is not valid JSON. */
public final class JsonSyntaxException extends RuntimeException {
  public JsonSyntaxException(String message) {
    super(message);
  }
}
