package io.github.kvsdk.klaviyo.openapi.catalog;

import java.util.Map;

/**
 * The body an operation takes: its media type and schema. Immutable; instances come from {@link
 * Operation#requestBody()}.
 */
public final class RequestBody {
  private final String contentType;
  private final Map<String, Object> schema;

  RequestBody(String contentType, Map<String, Object> schema) {
    this.contentType = contentType;
    this.schema = schema;
  }

  /**
   * {@return the media type the body is sent as, such as {@code application/vnd.api+json}} If the spec lists
   * several, the first.
   */
  public String contentType() {
    return contentType;
  }

  /**
   * {@return the body's schema as the spec's own JSON tree, never modified; a {@code $ref} in it is left for
   * {@link Schemas#resolve} to follow} Empty if the media type declares none.
   */
  public Map<String, Object> schema() {
    return schema;
  }

  @Override
  public String toString() {
    return contentType;
  }
}
