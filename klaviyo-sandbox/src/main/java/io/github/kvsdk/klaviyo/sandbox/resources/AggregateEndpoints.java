package io.github.kvsdk.klaviyo.sandbox.resources;

import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiException;
import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiRequest;
import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiResponse;
import io.github.kvsdk.klaviyo.sandbox.internal.json.Timestamps;
import io.github.kvsdk.klaviyo.sandbox.internal.query.FilterExpression;
import io.github.kvsdk.klaviyo.sandbox.internal.query.FilterParser;
import io.github.kvsdk.klaviyo.sandbox.internal.query.Filters;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code query_metric_aggregates}, computed from the stored events of the metric: {@code count} (events),
 * {@code sum_value} (sum of each event's {@code $value}) and {@code unique} (distinct profiles), per
 * {@code hour}, {@code day}, {@code week} (from Monday) or {@code month} in the request's time zone,
 * grouped by event property values for {@code by}. The filter must bound {@code datetime} from below
 * ({@code greater-or-equal}/{@code greater-than}) and above ({@code less-than}/{@code less-or-equal});
 * {@code equals} conditions on other fields match event properties.
 */
final class AggregateEndpoints {
  private static final int MAX_BUCKETS = 10_000;

  private final Backend b;
  private final SandboxState state;

  AggregateEndpoints(Backend backend) {
    this.b = backend;
    this.state = backend.state;
  }

  void register() {
    b.on("query_metric_aggregates", this::aggregate);
  }

  @SuppressWarnings("unchecked")
  private ApiResponse aggregate(ApiRequest r) {
    Map<String, Object> data = Bodies.data(r.jsonObject(), "metric-aggregate");
    Map<String, Object> a = Bodies.attributes(data, "/data", null);
    String metricId = Bodies.requiredString(a, "metric_id", "/data/attributes");
    if (!state.metrics().contains(metricId)) {
      throw ApiException.notFound("A metric with id " + metricId + " does not exist.");
    }
    List<String> measurements = (List<String>) (List<?>) Bodies.array(a.get("measurements"),
        "/data/attributes/measurements");
    String interval = a.get("interval") instanceof String s ? s : "day";
    ZoneId zone;
    try {
      zone = ZoneId.of(a.get("timezone") instanceof String tz ? tz : "UTC");
    } catch (DateTimeException e) {
      throw ApiException.invalidBody("/data/attributes/timezone", "'" + a.get("timezone") + "' is not a time zone.");
    }
    List<String> by = a.get("by") instanceof List<?> list ? (List<String>) list : List.of();
    Instant from = null;
    Instant to = null;
    List<FilterExpression.Condition> others = new ArrayList<>();
    List<Object> filters = Bodies.array(a.get("filter"), "/data/attributes/filter");
    for (int i = 0; i < filters.size(); i++) {
      FilterExpression expression = FilterParser.parse(String.valueOf(filters.get(i)));
      for (FilterExpression.Condition c : Filters.topLevelConditions(expression)) {
        if (c.field().equals("datetime") && c.value() instanceof Instant at) {
          switch (c.operator()) {
            case "greater-or-equal", "greater-than" -> from = at;
            case "less-than", "less-or-equal" -> to = at;
            default -> throw ApiException.invalidBody("/data/attributes/filter/" + i,
                "'" + c.operator() + "' is not a valid operator on datetime.");
          }
        } else {
          others.add(c);
        }
      }
    }
    if (from == null || to == null || !from.isBefore(to)) {
      throw ApiException.invalidBody("/data/attributes/filter",
          "The filter must bound datetime from below and above, such as "
              + "greater-or-equal(datetime,2024-01-01T00:00:00) and less-than(datetime,2024-02-01T00:00:00).");
    }
    List<Instant> dates = buckets(from, to, interval, zone);
    Map<List<String>, Series> groups = new TreeMap<>((x, y) -> String.join("\u0000", x).compareTo(String.join("\u0000", y)));
    for (Resource event : state.events().unordered()) {
      if (!event.related("metric").contains(metricId) || !(event.attributes().get("datetime") instanceof Instant at)
          || at.isBefore(from) || !at.isBefore(to)) {
        continue;
      }
      Map<String, Object> properties = event.attributes().get("event_properties") instanceof Map<?, ?> p
          ? (Map<String, Object>) p : Map.of();
      if (!others.stream().allMatch(c -> matches(c, properties))) {
        continue;
      }
      int bucket = bucketOf(dates, at);
      List<String> dimensions = new ArrayList<>();
      for (String name : by) {
        Object v = properties.get(name);
        dimensions.add(v == null ? "" : String.valueOf(v));
      }
      Series series = groups.computeIfAbsent(dimensions, k -> new Series(dates.size()));
      series.count[bucket]++;
      if (properties.get("$value") instanceof Number n) {
        series.sum[bucket] = series.sum[bucket].add(new BigDecimal(n.toString()));
      }
      List<String> profile = event.related("profile");
      series.profiles.get(bucket).add(profile.isEmpty() ? event.id() : profile.get(0));
    }
    if (groups.isEmpty() && by.isEmpty()) {
      groups.put(List.of(), new Series(dates.size()));
    }
    List<Object> rows = new ArrayList<>();
    groups.forEach((dimensions, series) -> {
      Map<String, Object> values = new LinkedHashMap<>();
      for (String m : measurements) {
        List<Object> column = new ArrayList<>(dates.size());
        for (int i = 0; i < dates.size(); i++) {
          column.add(switch (m) {
            case "count" -> (Object) (long) series.count[i];
            case "sum_value" -> series.sum[i];
            default -> (long) series.profiles.get(i).size();
          });
        }
        values.put(m, column);
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("dimensions", dimensions);
      row.put("measurements", values);
      rows.add(row);
    });
    List<String> dateStrings = new ArrayList<>();
    dates.forEach(d -> dateStrings.add(Timestamps.format(d)));
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("dates", dateStrings);
    attributes.put("data", rows);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", "metric-aggregate");
    out.put("id", java.util.UUID.randomUUID().toString());
    out.put("attributes", attributes);
    out.put("links", Map.of("self", r.selfUrl()));
    return ApiResponse.ok(Map.of("data", out));
  }

  private static boolean matches(FilterExpression.Condition c, Map<String, Object> properties) {
    Object v = properties.get(c.field());
    return switch (c.operator()) {
      case "equals" -> v != null && String.valueOf(v).equals(String.valueOf(c.value()));
      case "any" -> c.value() instanceof List<?> l && v != null && l.stream().anyMatch(x -> String.valueOf(x)
          .equals(String.valueOf(v)));
      default -> true;
    };
  }

  /** The start of every interval from the one holding {@code from} up to {@code to}. */
  static List<Instant> buckets(Instant from, Instant to, String interval, ZoneId zone) {
    ZonedDateTime start = from.atZone(zone);
    start = switch (interval) {
      case "hour" -> start.truncatedTo(ChronoUnit.HOURS);
      case "week" -> start.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case "month" -> start.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
      default -> start.truncatedTo(ChronoUnit.DAYS);
    };
    List<Instant> dates = new ArrayList<>();
    for (ZonedDateTime t = start; t.toInstant().isBefore(to); t = next(t, interval)) {
      dates.add(t.toInstant());
      if (dates.size() > MAX_BUCKETS) {
        throw ApiException.invalidBody("/data/attributes/interval", "The time range holds more than " + MAX_BUCKETS
            + " intervals; use a larger interval.");
      }
    }
    return dates;
  }

  private static ZonedDateTime next(ZonedDateTime t, String interval) {
    return switch (interval) {
      case "hour" -> t.plusHours(1);
      case "week" -> t.plusWeeks(1);
      case "month" -> t.plusMonths(1);
      default -> t.plusDays(1);
    };
  }

  static int bucketOf(List<Instant> dates, Instant at) {
    int lo = 0;
    int hi = dates.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (dates.get(mid).isAfter(at)) {
        hi = mid - 1;
      } else {
        lo = mid;
      }
    }
    return lo;
  }

  /** Per-interval accumulators of one group. */
  private static final class Series {
    final int[] count;
    final BigDecimal[] sum;
    final List<Set<String>> profiles = new ArrayList<>();

    Series(int size) {
      count = new int[size];
      sum = new BigDecimal[size];
      java.util.Arrays.fill(sum, BigDecimal.ZERO);
      for (int i = 0; i < size; i++) {
        profiles.add(new HashSet<>());
      }
    }
  }
}
