package io.github.kvsdk.klaviyo.errors;

/**
 * A successful (2xx) response whose body is not what the pinned revision describes: malformed JSON, or JSON
 * that does not fit the generated model (a string where the model has an object, say; an enum value the
 * revision does not list is not an error, since generated enums are open). Retrying will not help; the
 * request itself succeeded. The message names the method, the path and the JSON path where binding stopped,
 * never the body.
 */
public class KlaviyoUnexpectedResponseException extends KlaviyoException {
  /**
   * Creates the exception.
   *
   * @param message what was unexpected about the response
   * @param cause the parse failure, or null
   */
  public KlaviyoUnexpectedResponseException(String message, Throwable cause) {
    super(message, cause);
  }
}
