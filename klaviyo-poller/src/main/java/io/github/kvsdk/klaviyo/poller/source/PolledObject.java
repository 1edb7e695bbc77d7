package io.github.kvsdk.klaviyo.poller.source;

import java.time.Instant;
import java.util.Objects;

/**
 * One resource object from a listing, kept as the exact JSON Klaviyo sent so that nothing is lost
 * or reformatted on the way to the consumer.
 *
 * @param id the resource id
 * @param timestamp the polled timestamp attribute, or null if the object has none
 * @param json the JSON:API resource object ({@code {"type":..,"id":..,"attributes":{..},..}})
 */
public record PolledObject(String id, Instant timestamp, String json) {
  /**
   * Creates a polled object.
   *
   * @param id the resource id
   * @param timestamp the polled timestamp attribute, or null if the object has none
   * @param json the JSON:API resource object, verbatim
   */
  public PolledObject {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(json, "json");
  }

  @Override
  public String toString() {
    return "PolledObject{id=" + id + ", timestamp=" + timestamp + "}";
  }
}
