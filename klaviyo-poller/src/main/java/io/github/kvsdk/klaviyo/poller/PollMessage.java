package io.github.kvsdk.klaviyo.poller;

import io.github.kvsdk.klaviyo.poller.source.PolledObject;
import java.util.List;
import java.util.Objects;

/**
 * One message for the consumer. When emitting individually it carries one object and {@link
 * #json()} is that object; when emitting pages it carries a page's new objects and {@link #json()}
 * is {@code {"results":[...]}}.
 *
 * @param json the message, as compact JSON
 * @param objects the objects the message carries, in emit order
 */
public record PollMessage(String json, List<PolledObject> objects) {
  /**
   * Creates a message; {@code objects} is copied.
   *
   * @param json the message, as compact JSON
   * @param objects the objects the message carries, in emit order
   */
  public PollMessage {
    Objects.requireNonNull(json, "json");
    objects = List.copyOf(objects);
  }

  static PollMessage single(PolledObject object) {
    return new PollMessage(object.json(), List.of(object));
  }

  static PollMessage page(List<PolledObject> objects) {
    StringBuilder json = new StringBuilder("{\"results\":[");
    for (int i = 0; i < objects.size(); i++) {
      if (i > 0) json.append(',');
      json.append(objects.get(i).json());
    }
    return new PollMessage(json.append("]}").toString(), objects);
  }

  @Override
  public String toString() {
    return "PollMessage{objects=" + objects.size() + "}";
  }
}
