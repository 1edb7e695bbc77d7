package io.github.kvsdk.klaviyo.connect.internal;

import io.github.kvsdk.klaviyo.poller.checkpoint.Checkpoint;
import io.github.kvsdk.klaviyo.poller.checkpoint.CheckpointKey;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.github.kvsdk.klaviyo.poller.checkpoint.UnsettledSecond;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Poller checkpoints as Connect source offsets. A source partition is one poll stream: {@code
 * {account, object_type, timestamp_field}}; its offset is the stream's checkpoint: {@code
 * {boundary: "2024-06-01T12:00:00Z", ids: "id1,id2"}}, the first second not known to be complete and
 * the ids already emitted within it. Connect offsets hold only primitives, so the ids are joined
 * with commas, which no Klaviyo id contains.
 *
 * <p>A checkpoint with unsettled seconds (earlier seconds holding more objects than one response, not yet
 * known to be complete) also carries {@code unsettled}: a JSON array, as a string, of {@code {second,
 * emitted, last_listing}}. Without it a restarted task would take those seconds as complete and could miss
 * an object in them; an offset written before the field existed has none.
 */
public final class OffsetCodec {
  public static final String ACCOUNT = "account";
  public static final String OBJECT_TYPE = "object_type";
  public static final String TIMESTAMP_FIELD = "timestamp_field";
  public static final String BOUNDARY = "boundary";
  public static final String IDS = "ids";
  public static final String UNSETTLED = "unsettled";

  private static final JsonAdapter<List<Map<String, String>>> UNSETTLED_JSON = new Moshi.Builder().build()
      .adapter(Types.newParameterizedType(List.class, Types.newParameterizedType(Map.class, String.class,
          String.class)));

  private OffsetCodec() {}

  public static Map<String, Object> partition(CheckpointKey key) {
    Map<String, Object> partition = new LinkedHashMap<>();
    partition.put(ACCOUNT, key.account());
    partition.put(OBJECT_TYPE, key.objectType());
    partition.put(TIMESTAMP_FIELD, key.timestampField());
    return partition;
  }

  public static Map<String, Object> offset(Checkpoint checkpoint) {
    for (String id : checkpoint.idsAtBoundary()) {
      if (id.indexOf(',') >= 0) {
        throw new ConnectException("Object id contains a comma and cannot be kept in an offset: " + id);
      }
    }
    Map<String, Object> offset = new LinkedHashMap<>();
    offset.put(BOUNDARY, checkpoint.boundary().toString());
    offset.put(IDS, String.join(",", checkpoint.idsAtBoundary()));
    if (!checkpoint.unsettledSeconds().isEmpty()) {
      List<Map<String, String>> seconds = new ArrayList<>();
      checkpoint.unsettledSeconds().forEach((second, state) -> {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("second", second.toString());
        entry.put("emitted", joined(state.emitted()));
        entry.put("last_listing", joined(state.lastListing()));
        seconds.add(entry);
      });
      offset.put(UNSETTLED, UNSETTLED_JSON.toJson(seconds));
    }
    return offset;
  }

  private static String joined(Set<String> ids) {
    for (String id : ids) {
      if (id.indexOf(',') >= 0) {
        throw new ConnectException("Object id contains a comma and cannot be kept in an offset: " + id);
      }
    }
    return String.join(",", ids);
  }

  private static Set<String> split(Map<String, ?> partition, String field, String joined) {
    Set<String> set = new TreeSet<>();
    if (joined == null) throw unreadable(partition, "'" + field + "' is missing");
    if (!joined.isEmpty()) set.addAll(Arrays.asList(joined.split(",", -1)));
    if (set.contains("")) throw unreadable(partition, "'" + field + "' holds an empty id");
    return set;
  }

  /**
   * Reads an offset back.
   *
   * @throws ConnectException if the offset is not one this connector wrote (for example, one altered
   *     by hand): the task stops instead of silently starting over
   */
  public static Checkpoint checkpoint(Map<String, ?> partition, Map<String, ?> offset) {
    Object boundary = offset.get(BOUNDARY);
    Object ids = offset.get(IDS);
    if (!(boundary instanceof String) || !(ids instanceof String)) {
      throw unreadable(partition, "expected string fields '" + BOUNDARY + "' and '" + IDS + "'");
    }
    try {
      Set<String> set = new TreeSet<>();
      if (!((String) ids).isEmpty()) set.addAll(Arrays.asList(((String) ids).split(",", -1)));
      if (set.contains("")) throw unreadable(partition, "'" + IDS + "' holds an empty id");
      Map<Instant, UnsettledSecond> unsettled = new TreeMap<>();
      Object json = offset.get(UNSETTLED);
      if (json != null) {
        List<Map<String, String>> seconds;
        try {
          seconds = json instanceof String text ? UNSETTLED_JSON.fromJson(text) : null;
        } catch (IOException | JsonDataException e) {
          seconds = null;
        }
        if (seconds == null) throw unreadable(partition, "'" + UNSETTLED + "' is not a JSON array of seconds");
        for (Map<String, String> entry : seconds) {
          unsettled.put(Instant.parse(String.valueOf(entry.get("second"))), new UnsettledSecond(
              split(partition, "emitted", entry.get("emitted")),
              split(partition, "last_listing", entry.get("last_listing"))));
        }
      }
      return new Checkpoint(Instant.parse((String) boundary), set, unsettled);
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw unreadable(partition, "'" + BOUNDARY + "' must be a whole-second ISO-8601 instant, was '"
          + boundary + "'");
    }
  }

  private static ConnectException unreadable(Map<String, ?> partition, String reason) {
    return new ConnectException("The offset of source partition " + partition + " is unreadable: "
        + reason + ". Refusing to start over from the start time; alter or reset the connector's"
        + " offsets deliberately.");
  }
}
