package io.github.kvsdk.klaviyo.poller.bench;

import io.github.kvsdk.klaviyo.poller.source.Page;
import io.github.kvsdk.klaviyo.poller.source.PageRequest;
import io.github.kvsdk.klaviyo.poller.source.PageSource;
import io.github.kvsdk.klaviyo.poller.source.internal.PageParser;
import java.io.IOException;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okio.Buffer;

/**
 * An in-process events listing with no HTTP and no stored data: event {@code i} has datetime
 * {@code start + i / perSecond}. Answers the poller's filters exactly (200 per page, sorted), and
 * renders and parses real JSON, so it measures the poller alone.
 */
final class SyntheticEventSource implements PageSource {
  private static final Pattern GTE = Pattern.compile("greater-or-equal\\(datetime,([^)]+)\\)");
  private static final Pattern LT = Pattern.compile("less-than\\(datetime,([^)]+)\\)");
  private static final int PAGE = 200;

  private final long count;
  private final long startSecond;
  private final int perSecond;

  SyntheticEventSource(long count, Instant start, int perSecond) {
    this.count = count;
    this.startSecond = start.getEpochSecond();
    this.perSecond = perSecond;
  }

  @Override
  public Page fetch(PageRequest request) throws IOException {
    long from;
    long to;
    if (request.isFirstPage()) {
      String filter = request.query().get("filter");
      from = firstIndexAtOrAfter(bound(GTE, filter));
      to = Math.min(count, firstIndexAtOrAfter(bound(LT, filter)));
    } else {
      String[] cursor = request.nextUrl().substring("synthetic:".length()).split(":");
      from = Long.parseLong(cursor[0]);
      to = Long.parseLong(cursor[1]);
    }
    long end = Math.min(to, from + PAGE);
    StringBuilder body = new StringBuilder(end > from ? (int) (end - from) * 330 : 64);
    body.append("{\"data\":[");
    for (long i = from; i < end; i++) {
      if (i > from) body.append(',');
      long second = startSecond + i / perSecond;
      body.append("{\"type\":\"event\",\"id\":\"ev").append(i)
          .append("\",\"attributes\":{\"timestamp\":").append(second)
          .append(",\"event_properties\":{\"$value\":").append(i % 997)
          .append(",\"seed_index\":").append(i).append("},\"datetime\":\"")
          .append(Instant.ofEpochSecond(second)).append("\",\"uuid\":\"")
          .append(new java.util.UUID(i, ~i)).append("\"},\"relationships\":{\"metric\":{\"data\":"
              + "{\"type\":\"metric\",\"id\":\"M1\"}}}}");
    }
    body.append("],\"links\":{\"self\":\"synthetic\",\"next\":");
    if (end < to) {
      body.append("\"synthetic:").append(end).append(':').append(to).append('"');
    } else {
      body.append("null");
    }
    body.append("}}");
    return PageParser.parse(new Buffer().writeUtf8(body.toString()), request.timestampField());
  }

  private long firstIndexAtOrAfter(Instant instant) {
    if (instant == null) return count;
    long seconds = instant.getEpochSecond() - startSecond;
    if (seconds <= 0) return 0;
    return Math.min(count, seconds * perSecond);
  }

  private static Instant bound(Pattern pattern, String filter) {
    Matcher m = pattern.matcher(filter);
    return m.find() ? Instant.parse(m.group(1)) : null;
  }

  @Override
  public String accountId() {
    return "synthetic";
  }
}
