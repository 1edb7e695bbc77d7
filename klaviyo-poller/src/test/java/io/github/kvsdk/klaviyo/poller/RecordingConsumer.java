package io.github.kvsdk.klaviyo.poller;

import io.github.kvsdk.klaviyo.poller.source.PolledObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Accepts and remembers every message. */
final class RecordingConsumer implements PollConsumer {
  final List<PollMessage> messages = new CopyOnWriteArrayList<>();

  @Override
  public void accept(PollMessage message) {
    messages.add(message);
  }

  List<PolledObject> objects() {
    List<PolledObject> all = new ArrayList<>();
    for (PollMessage message : messages) all.addAll(message.objects());
    return all;
  }

  List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (PolledObject object : objects()) ids.add(object.id());
    return ids;
  }

  /** How often each id was emitted. */
  Map<String, Integer> counts() {
    Map<String, Integer> counts = new HashMap<>();
    for (String id : ids()) counts.merge(id, 1, Integer::sum);
    return counts;
  }

  void clear() {
    messages.clear();
  }
}
