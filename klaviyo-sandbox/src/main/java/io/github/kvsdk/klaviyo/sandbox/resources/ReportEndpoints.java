package io.github.kvsdk.klaviyo.sandbox.resources;

import io.github.kvsdk.klaviyo.openapi.catalog.Schemas;
import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiException;
import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiRequest;
import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiResponse;
import io.github.kvsdk.klaviyo.sandbox.internal.json.Timestamps;
import io.github.kvsdk.klaviyo.sandbox.internal.query.FilterExpression;
import io.github.kvsdk.klaviyo.sandbox.internal.query.FilterParser;
import io.github.kvsdk.klaviyo.sandbox.internal.query.Filters;
import io.github.kvsdk.klaviyo.sandbox.internal.spec.ApiSpec;
import io.github.kvsdk.klaviyo.sandbox.internal.spec.Operation;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The campaign, flow, form and segment values and series reports, computed from the stored events (and,
 * for segments, from the logged membership changes) in the request's {@code timeframe} (UTC), per
 * {@code interval} for series. See the sandbox README for the metrics and event properties each
 * statistic reads; a statistic the stored data cannot define is 0.
 */
final class ReportEndpoints {
  private static final Pattern REPORT_PATH = Pattern.compile("/api/(campaign|flow|form|segment)-(values|series)-reports");
  private static final Pattern ALLOWED_FILTERS = Pattern.compile("Allowed filters are ([a-z_, ]+)\\.");
  private static final Duration YEAR = Duration.ofDays(366);

  /** A delivery metric: the family of statistics it feeds and its channel. */
  private record Delivery(String family, String channel) {}

  private static final Map<String, Delivery> DELIVERY_METRICS = Map.ofEntries(
      Map.entry("Received Email", new Delivery("delivered", "email")),
      Map.entry("Received SMS", new Delivery("delivered", "sms")),
      Map.entry("Received Push", new Delivery("delivered", "push-notification")),
      Map.entry("Bounced Email", new Delivery("bounced", "email")),
      Map.entry("Failed to Deliver", new Delivery("failed", "email")),
      Map.entry("Failed to deliver SMS", new Delivery("failed", "sms")),
      Map.entry("Failed to Deliver Push", new Delivery("failed", "push-notification")),
      Map.entry("Opened Email", new Delivery("opens", "email")),
      Map.entry("Opened Push", new Delivery("opens", "push-notification")),
      Map.entry("Clicked Email", new Delivery("clicks", "email")),
      Map.entry("Clicked SMS", new Delivery("clicks", "sms")),
      Map.entry("Marked Email as Spam", new Delivery("spam_complaints", "email")),
      Map.entry("Unsubscribed", new Delivery("unsubscribes", "email")),
      Map.entry("Unsubscribed from SMS", new Delivery("unsubscribes", "sms")));

  private static final Map<String, String> FORM_METRICS = Map.of(
      "Viewed Form", "viewed_form",
      "Submitted Form", "submits",
      "Closed Form", "closed_form",
      "Qualified for Form", "qualified_form",
      "Viewed Form Step", "viewed_form_step",
      "Submitted Form Step", "submitted_form_step");

  private final Backend b;
  private final SandboxState state;
  private final ApiSpec spec;
  private final Schemas schemas;

  ReportEndpoints(Backend backend, ApiSpec spec) {
    this.b = backend;
    this.state = backend.state;
    this.spec = spec;
    this.schemas = spec.schemas();
  }

  void register() {
    for (Operation op : spec.operations()) {
      Matcher m = REPORT_PATH.matcher(op.pathTemplate());
      if (op.method().equals("POST") && m.matches()) {
        String subject = m.group(1);
        boolean series = m.group(2).equals("series");
        b.on(op.operationId(), r -> report(r, subject, series));
      }
    }
  }

  // ---- request -----------------------------------------------------------------------------------------

  private ApiResponse report(ApiRequest r, String subject, boolean series) {
    String type = subject + "-" + (series ? "series" : "values") + "-report";
    Map<String, Object> data = Bodies.data(r.jsonObject(), type);
    Map<String, Object> a = Bodies.attributes(data, "/data", null);
    @SuppressWarnings("unchecked")
    List<String> statistics = (List<String>) (List<?>) Bodies.array(a.get("statistics"), "/data/attributes/statistics");
    Instant[] range = timeframe(Bodies.object(a.get("timeframe"), "/data/attributes/timeframe"));
    String interval = series ? String.valueOf(a.get("interval")) : null;
    if (series) {
      checkIntervalLength(interval, range);
    }
    String conversionMetric = a.get("conversion_metric_id") instanceof String s ? s : null;
    if (conversionMetric != null && !state.metrics().contains(conversionMetric)) {
      throw ApiException.invalidBody("/data/attributes/conversion_metric_id",
          "A metric with id " + conversionMetric + " does not exist.");
    }
    Map<String, Set<String>> filter = filter(r.operation(), a.get("filter"));
    List<String> groupBy = groupBy(subject, a.get("group_by"));
    List<Instant> buckets = series
        ? AggregateEndpoints.buckets(range[0], range[1], intervalUnit(interval), ZoneOffset.UTC)
        : List.of(range[0]);
    Map<Map<String, Object>, Tally> tallies = switch (subject) {
      case "segment" -> segments(range, buckets, filter);
      case "form" -> forms(range, buckets, filter, groupBy);
      default -> messages(subject, range, buckets, filter, groupBy, conversionMetric);
    };
    return respond(r, type, subject, statistics, buckets, series, tallies);
  }

  /** The [start, end) of a timeframe: {@code start}/{@code end}, or a key relative to today (UTC). */
  private Instant[] timeframe(Map<String, Object> timeframe) {
    String pointer = "/data/attributes/timeframe";
    Instant start;
    Instant end;
    if (timeframe.get("key") instanceof String key) {
      ZonedDateTime today = state.now().atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
      ZonedDateTime week = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      ZonedDateTime month = today.withDayOfMonth(1);
      ZonedDateTime year = today.withDayOfYear(1);
      ZonedDateTime[] r = switch (key) {
        case "today" -> new ZonedDateTime[] {today, today.plusDays(1)};
        case "yesterday" -> new ZonedDateTime[] {today.minusDays(1), today};
        case "last_7_days" -> new ZonedDateTime[] {today.minusDays(7), today};
        case "last_30_days" -> new ZonedDateTime[] {today.minusDays(30), today};
        case "last_90_days" -> new ZonedDateTime[] {today.minusDays(90), today};
        case "last_365_days" -> new ZonedDateTime[] {today.minusDays(365), today};
        case "this_week" -> new ZonedDateTime[] {week, week.plusWeeks(1)};
        case "last_week" -> new ZonedDateTime[] {week.minusWeeks(1), week};
        case "this_month" -> new ZonedDateTime[] {month, month.plusMonths(1)};
        case "last_month" -> new ZonedDateTime[] {month.minusMonths(1), month};
        case "last_3_months" -> new ZonedDateTime[] {month.minusMonths(3), month};
        case "last_12_months" -> new ZonedDateTime[] {month.minusMonths(12), month};
        case "this_year" -> new ZonedDateTime[] {year, year.plusYears(1)};
        case "last_year" -> new ZonedDateTime[] {year.minusYears(1), year};
        default -> throw ApiException.invalidBody(pointer + "/key", "'" + key + "' is not a timeframe key.");
      };
      start = r[0].toInstant();
      end = r[1].toInstant();
    } else {
      start = Timestamps.parseOrNull(String.valueOf(timeframe.get("start")));
      end = Timestamps.parseOrNull(String.valueOf(timeframe.get("end")));
      if (start == null || end == null) {
        throw ApiException.invalidBody(pointer, "The timeframe needs a 'key', or a 'start' and an 'end'.");
      }
    }
    if (!start.isBefore(end)) {
      throw ApiException.invalidBody(pointer, "The timeframe's start must be before its end.");
    }
    if (Duration.between(start, end).compareTo(YEAR) > 0) {
      throw ApiException.invalidBody(pointer, "The timeframe can be at most one year long.");
    }
    return new Instant[] {start, end};
  }

  /** The spec's limits: hourly at most 7 days, daily at most 60 days, monthly at most 52 weeks. */
  private static void checkIntervalLength(String interval, Instant[] range) {
    Duration length = Duration.between(range[0], range[1]);
    Duration max = switch (interval) {
      case "hourly" -> Duration.ofDays(7);
      case "daily" -> Duration.ofDays(60);
      case "monthly" -> Duration.ofDays(7 * 52);
      default -> null;
    };
    if (max != null && length.compareTo(max) > 0) {
      throw ApiException.invalidBody("/data/attributes/interval", "With interval '" + interval
          + "' the timeframe can be at most " + max.toDays() + " days long.");
    }
  }

  private static String intervalUnit(String interval) {
    return switch (interval) {
      case "hourly" -> "hour";
      case "weekly" -> "week";
      case "monthly" -> "month";
      default -> "day";
    };
  }

  /**
   * The AND-ed {@code equals}/{@code any}/{@code contains-any} conditions of the filter, as field to the
   * accepted values; fields other than those the operation's description allows are refused.
   */
  private Map<String, Set<String>> filter(Operation op, Object text) {
    String pointer = "/data/attributes/filter";
    Map<String, Set<String>> out = new HashMap<>();
    if (!(text instanceof String s) || s.isBlank()) {
      return out;
    }
    FilterExpression expression;
    try {
      expression = FilterParser.parse(s);
    } catch (ApiException e) {
      throw ApiException.invalidBody(pointer, e.getMessage());
    }
    List<FilterExpression.Condition> conditions = Filters.topLevelConditions(expression);
    if (conditions.isEmpty()) {
      throw ApiException.invalidBody(pointer, "Only conditions joined by AND are allowed.");
    }
    Set<String> allowed = allowedFilterFields(op);
    for (FilterExpression.Condition c : conditions) {
      if (!allowed.isEmpty() && !allowed.contains(c.field())) {
        throw ApiException.invalidBody(pointer, "'" + c.field() + "' is not a valid filter field; allowed: "
            + String.join(", ", allowed) + ".");
      }
      Set<String> values = new LinkedHashSet<>();
      switch (c.operator()) {
        case "equals" -> values.add(String.valueOf(c.value()));
        case "any", "contains-any" -> {
          if (!(c.value() instanceof List<?> list)) {
            throw ApiException.invalidBody(pointer, "'" + c.operator() + "' needs a list of values.");
          }
          list.forEach(v -> values.add(String.valueOf(v)));
        }
        default -> throw ApiException.invalidBody(pointer, "'" + c.operator() + "' is not a valid operator here.");
      }
      if (out.put(c.field(), values) != null) {
        throw ApiException.invalidBody(pointer, "Only one filter can be used per attribute ('" + c.field() + "').");
      }
    }
    return out;
  }

  private Set<String> allowedFilterFields(Operation op) {
    Map<String, Object> attributes = schemas.property(schemas.property(op.requestSchema(), "data"), "attributes");
    Map<String, Object> filter = attributes == null ? null : schemas.property(attributes, "filter");
    Object description = filter == null ? null : filter.get("description");
    Set<String> out = new LinkedHashSet<>();
    if (description instanceof String d) {
      Matcher m = ALLOWED_FILTERS.matcher(d);
      if (m.find()) {
        for (String f : m.group(1).split(",")) {
          out.add(f.trim());
        }
      }
    }
    return out;
  }

  private static List<String> groupBy(String subject, Object requested) {
    List<String> out = new ArrayList<>();
    if (requested instanceof List<?> list && !list.isEmpty()) {
      list.forEach(v -> out.add(String.valueOf(v)));
      return out;
    }
    return switch (subject) {
      case "campaign" -> List.of("campaign_id", "campaign_message_id", "send_channel");
      case "flow" -> List.of("flow_id", "flow_message_id", "send_channel");
      case "form" -> List.of("form_id");
      default -> List.of("segment_id");
    };
  }

  // ---- tallies -----------------------------------------------------------------------------------------

  /** Per-interval counts, distinct profiles and value sums of one group, by statistic family. */
  private static final class Tally {
    final int size;
    final Map<String, long[]> counts = new HashMap<>();
    final Map<String, List<Set<String>>> profiles = new HashMap<>();
    final BigDecimal[] value;

    Tally(int size) {
      this.size = size;
      this.value = new BigDecimal[size];
      java.util.Arrays.fill(value, BigDecimal.ZERO);
    }

    void add(String family, int bucket, String profileId) {
      counts.computeIfAbsent(family, k -> new long[size])[bucket]++;
      List<Set<String>> sets = profiles.computeIfAbsent(family, k -> {
        List<Set<String>> l = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          l.add(new HashSet<>());
        }
        return l;
      });
      sets.get(bucket).add(profileId);
    }

    long count(String family, int bucket) {
      long[] c = counts.get(family);
      return c == null ? 0 : c[bucket];
    }

    long unique(String family, int bucket) {
      List<Set<String>> s = profiles.get(family);
      return s == null ? 0 : s.get(bucket).size();
    }
  }

  /**
   * Campaign or flow deliveries and interactions: events of the delivery metrics attributed by
   * {@code $message} (a campaign message, or with {@code $flow} a flow and its message), and events of the
   * conversion metric attributed by {@code $attributed_message} (and {@code $attributed_flow}).
   */
  @SuppressWarnings("unchecked")
  private Map<Map<String, Object>, Tally> messages(String subject, Instant[] range, List<Instant> buckets,
      Map<String, Set<String>> filter, List<String> groupBy, String conversionMetric) {
    Map<String, String> metricNames = new HashMap<>();
    for (Resource m : state.metrics().unordered()) {
      metricNames.put(m.id(), String.valueOf(m.attribute("name")));
    }
    Map<Map<String, Object>, Tally> out = new TreeMap<>(ReportEndpoints::compareGroups);
    for (Resource event : state.events().unordered()) {
      if (!(event.attributes().get("datetime") instanceof Instant at) || at.isBefore(range[0])
          || !at.isBefore(range[1])) {
        continue;
      }
      String metricId = event.related("metric").isEmpty() ? null : event.related("metric").get(0);
      Map<String, Object> properties = event.attributes().get("event_properties") instanceof Map<?, ?> p
          ? (Map<String, Object>) p : Map.of();
      Delivery delivery = DELIVERY_METRICS.get(metricNames.get(metricId));
      boolean conversion = conversionMetric != null && conversionMetric.equals(metricId);
      if (delivery == null && !conversion) {
        continue;
      }
      String profileId = event.related("profile").isEmpty() ? event.id() : event.related("profile").get(0);
      int bucket = AggregateEndpoints.bucketOf(buckets, at);
      if (delivery != null) {
        Map<String, Object> dimensions = attribution(subject, properties, false, delivery.channel());
        if (dimensions != null && passes(dimensions, filter)) {
          out.computeIfAbsent(grouping(dimensions, groupBy), k -> new Tally(buckets.size()))
              .add(delivery.family(), bucket, profileId);
        }
      }
      if (conversion) {
        Map<String, Object> dimensions = attribution(subject, properties, true, null);
        if (dimensions != null && passes(dimensions, filter)) {
          Tally tally = out.computeIfAbsent(grouping(dimensions, groupBy), k -> new Tally(buckets.size()));
          tally.add("conversions", bucket, profileId);
          if (properties.get("$value") instanceof Number n) {
            tally.value[bucket] = tally.value[bucket].add(new BigDecimal(n.toString()));
          }
        }
      }
    }
    return out;
  }

  /**
   * The campaign (message, channel) or flow (message, channel) an event is attributed to, or null: by
   * {@code $message} and {@code $flow}, or for a conversion by {@code $attributed_message},
   * {@code $attributed_flow} and {@code $attributed_channel}.
   */
  private Map<String, Object> attribution(String subject, Map<String, Object> properties, boolean conversion,
      String channel) {
    String messageId = string(properties.get(conversion ? "$attributed_message" : "$message"));
    String flowId = string(properties.get(conversion ? "$attributed_flow" : "$flow"));
    String sendChannel = channel != null ? channel : string(properties.get("$attributed_channel"));
    Map<String, Object> dimensions = new LinkedHashMap<>();
    if (subject.equals("campaign")) {
      Resource message = messageId == null ? null : state.campaignMessages().get(messageId).orElse(null);
      if (message == null || flowId != null || message.related("campaign").isEmpty()) {
        return null;
      }
      dimensions.put("campaign_id", message.related("campaign").get(0));
      dimensions.put("campaign_message_id", messageId);
      if (sendChannel == null) {
        sendChannel = string(message.attribute("channel"));
      }
    } else {
      if (flowId == null) {
        return null;
      }
      dimensions.put("flow_id", flowId);
      dimensions.put("flow_message_id", messageId);
    }
    dimensions.put("send_channel", sendChannel == null ? "email" : sendChannel);
    return dimensions;
  }

  /** Form events attributed by their {@code form_id} (and {@code form_version_id}) properties. */
  @SuppressWarnings("unchecked")
  private Map<Map<String, Object>, Tally> forms(Instant[] range, List<Instant> buckets,
      Map<String, Set<String>> filter, List<String> groupBy) {
    Map<String, String> families = new HashMap<>();
    for (Resource m : state.metrics().unordered()) {
      String family = FORM_METRICS.get(String.valueOf(m.attribute("name")));
      if (family != null) {
        families.put(m.id(), family);
      }
    }
    Map<Map<String, Object>, Tally> out = new TreeMap<>(ReportEndpoints::compareGroups);
    if (families.isEmpty()) {
      return out;
    }
    for (Resource event : state.events().unordered()) {
      String family = event.related("metric").isEmpty() ? null : families.get(event.related("metric").get(0));
      if (family == null || !(event.attributes().get("datetime") instanceof Instant at) || at.isBefore(range[0])
          || !at.isBefore(range[1])) {
        continue;
      }
      Map<String, Object> properties = event.attributes().get("event_properties") instanceof Map<?, ?> p
          ? (Map<String, Object>) p : Map.of();
      String formId = string(properties.get("form_id"));
      if (formId == null) {
        continue;
      }
      Map<String, Object> dimensions = new LinkedHashMap<>();
      dimensions.put("form_id", formId);
      dimensions.put("form_version_id", string(properties.get("form_version_id")));
      if (!passes(dimensions, filter)) {
        continue;
      }
      String profileId = event.related("profile").isEmpty() ? event.id() : event.related("profile").get(0);
      out.computeIfAbsent(grouping(dimensions, groupBy), k -> new Tally(buckets.size()))
          .add(family, AggregateEndpoints.bucketOf(buckets, at), profileId);
    }
    return out;
  }

  /**
   * Every stored segment (that the filter accepts): its joins and leaves per interval, and its member count
   * at the end of each interval (the current count minus the net changes since).
   */
  private Map<Map<String, Object>, Tally> segments(Instant[] range, List<Instant> buckets,
      Map<String, Set<String>> filter) {
    Map<Map<String, Object>, Tally> out = new TreeMap<>(ReportEndpoints::compareGroups);
    List<SandboxState.SegmentChange> changes = state.segmentChanges();
    for (Resource segment : state.segments().all()) {
      Map<String, Object> dimensions = Map.of("segment_id", segment.id());
      if (!passes(dimensions, filter)) {
        continue;
      }
      Tally tally = new Tally(buckets.size());
      long[] total = new long[buckets.size()];
      long current = state.segmentMembers(segment.id()).size();
      for (int i = 0; i < buckets.size(); i++) {
        Instant end = i + 1 < buckets.size() ? buckets.get(i + 1) : range[1];
        long after = 0;
        for (SandboxState.SegmentChange c : changes) {
          if (c.segmentId().equals(segment.id()) && !c.at().isBefore(end)) {
            after += c.added() ? 1 : -1;
          }
        }
        total[i] = current - after;
      }
      for (SandboxState.SegmentChange c : changes) {
        if (c.segmentId().equals(segment.id()) && !c.at().isBefore(range[0]) && c.at().isBefore(range[1])) {
          tally.add(c.added() ? "members_added" : "members_removed", AggregateEndpoints.bucketOf(buckets, c.at()),
              c.profileId() + "@" + c.at());
        }
      }
      tally.counts.put("total_members", total);
      out.put(dimensions, tally);
    }
    return out;
  }

  private static boolean passes(Map<String, Object> dimensions, Map<String, Set<String>> filter) {
    for (Map.Entry<String, Set<String>> f : filter.entrySet()) {
      if (!f.getValue().contains(String.valueOf(dimensions.get(f.getKey())))) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, Object> grouping(Map<String, Object> dimensions, List<String> groupBy) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String name : groupBy) {
      out.put(name, dimensions.get(name));
    }
    return out;
  }

  private static int compareGroups(Map<String, Object> x, Map<String, Object> y) {
    return x.toString().compareTo(y.toString());
  }

  private static String string(Object value) {
    return value == null ? null : String.valueOf(value);
  }

  // ---- response ----------------------------------------------------------------------------------------

  private ApiResponse respond(ApiRequest r, String type, String subject, List<String> statistics,
      List<Instant> buckets, boolean series, Map<Map<String, Object>, Tally> tallies) {
    List<Object> results = new ArrayList<>();
    tallies.forEach((groupings, tally) -> {
      Map<String, Object> values = new LinkedHashMap<>();
      for (String statistic : statistics) {
        if (series) {
          List<Object> column = new ArrayList<>(buckets.size());
          for (int i = 0; i < buckets.size(); i++) {
            column.add(statistic(subject, statistic, tally, i));
          }
          values.put(statistic, column);
        } else {
          values.put(statistic, statistic(subject, statistic, tally, 0));
        }
      }
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("groupings", groupings);
      result.put("statistics", values);
      results.add(result);
    });
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("results", results);
    if (series) {
      List<String> dates = new ArrayList<>(buckets.size());
      buckets.forEach(d -> dates.add(Timestamps.format(d)));
      attributes.put("date_times", dates);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", type);
    out.put("attributes", attributes);
    Map<String, Object> relationships = relationships(r.operation(), tallies.keySet());
    if (!relationships.isEmpty()) {
      out.put("relationships", relationships);
    }
    return ApiResponse.of(r.operation().successStatus(), Map.of("data", out));
  }

  /** The response's relationships (campaigns, flows, flow messages) to the objects named in the groupings. */
  private Map<String, Object> relationships(Operation op, Set<Map<String, Object>> groupings) {
    Map<String, Object> data = schemas.property(op.successSchema(), "data");
    Map<String, Object> declared = data == null ? null : schemas.property(data, "relationships");
    Map<String, Object> out = new LinkedHashMap<>();
    if (declared == null) {
      return out;
    }
    for (String name : schemas.properties(declared).keySet()) {
      String target = name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
      String key = target.replace('-', '_') + "_id";
      Set<String> ids = new LinkedHashSet<>();
      for (Map<String, Object> g : groupings) {
        if (g.get(key) != null) {
          ids.add(String.valueOf(g.get(key)));
        }
      }
      List<Object> identifiers = new ArrayList<>();
      ids.forEach(id -> identifiers.add(JsonApi.identifier(target, id)));
      out.put(name, Map.of("data", identifiers));
    }
    return out;
  }

  /** One statistic of one group in one interval; rates are fractions in [0, 1], 0 when undefined. */
  private static Object statistic(String subject, String name, Tally t, int i) {
    if (subject.equals("segment")) {
      return switch (name) {
        case "members_added" -> t.count("members_added", i);
        case "members_removed" -> t.count("members_removed", i);
        case "net_members_changed" -> t.count("members_added", i) - t.count("members_removed", i);
        case "total_members" -> t.count("total_members", i);
        default -> 0L;
      };
    }
    if (subject.equals("form")) {
      if (name.equals("submit_rate")) {
        return rate(t.unique("submits", i), t.unique("viewed_form", i));
      }
      if (name.endsWith("_uniques")) {
        return t.unique(name.substring(0, name.length() - "_uniques".length()), i);
      }
      return t.count(name, i);
    }
    long delivered = t.count("delivered", i);
    long bounced = t.count("bounced", i);
    long failed = t.count("failed", i);
    long recipients = delivered + bounced + failed;
    BigDecimal value = t.value[i];
    return switch (name) {
      case "delivered" -> delivered;
      case "bounced" -> bounced;
      case "failed" -> failed;
      case "bounced_or_failed" -> bounced + failed;
      case "recipients" -> recipients;
      case "opens" -> t.count("opens", i);
      case "opens_unique" -> t.unique("opens", i);
      case "clicks" -> t.count("clicks", i);
      case "clicks_unique" -> t.unique("clicks", i);
      case "spam_complaints" -> t.count("spam_complaints", i);
      case "unsubscribes" -> t.count("unsubscribes", i);
      case "unsubscribe_uniques" -> t.unique("unsubscribes", i);
      case "conversions" -> t.count("conversions", i);
      case "conversion_uniques" -> t.unique("conversions", i);
      case "conversion_value" -> value;
      case "delivery_rate" -> rate(delivered, recipients);
      case "bounce_rate" -> rate(bounced, recipients);
      case "failed_rate" -> rate(failed, recipients);
      case "bounced_or_failed_rate" -> rate(bounced + failed, recipients);
      case "open_rate" -> rate(t.unique("opens", i), delivered);
      case "click_rate" -> rate(t.unique("clicks", i), delivered);
      case "click_to_open_rate" -> rate(t.unique("clicks", i), t.unique("opens", i));
      case "conversion_rate" -> rate(t.unique("conversions", i), delivered);
      case "unsubscribe_rate" -> rate(t.unique("unsubscribes", i), delivered);
      case "spam_complaint_rate" -> rate(t.count("spam_complaints", i), delivered);
      case "average_order_value" -> divide(value, t.count("conversions", i));
      case "revenue_per_recipient" -> divide(value, delivered);
      default -> 0L;
    };
  }

  private static double rate(long part, long whole) {
    return whole == 0 ? 0.0 : Math.min(1.0, (double) part / whole);
  }

  private static double divide(BigDecimal value, long by) {
    return by == 0 ? 0.0 : value.doubleValue() / by;
  }
}
