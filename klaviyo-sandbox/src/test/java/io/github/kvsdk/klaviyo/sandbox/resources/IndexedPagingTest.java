package io.github.kvsdk.klaviyo.sandbox.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.sandbox.internal.query.FieldAccess;
import io.github.kvsdk.klaviyo.sandbox.internal.query.ListQuery;
import io.github.kvsdk.klaviyo.sandbox.internal.spec.ApiSpec;
import io.github.kvsdk.klaviyo.sandbox.internal.spec.Operation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Listings served from a table's sort indexes give exactly the pages of the reference implementation
 * (filter, then sort a copy, then cut by cursor), and touch only about one page of objects per request.
 */
final class IndexedPagingTest {
  static final Instant BASE = Instant.parse("2024-03-01T00:00:00Z");
  static final int EVENTS = 2_000;
  /** Events per second: every page boundary falls inside a run of equal timestamps. */
  static final int SAME_SECOND = 7;

  static final Operation GET_EVENTS = ApiSpec.packaged().operation("get_events");
  static final Operation GET_PROFILES = ApiSpec.packaged().operation("get_profiles");

  static SandboxState state;

  @BeforeAll
  static void seed() {
    state = new SandboxState(Clock.fixed(BASE, ZoneOffset.UTC), 42L);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      order.add(i);
    }
    // Insertion order unrelated to time order, so insertion-order and datetime listings differ.
    Collections.shuffle(order, new Random(7));
    for (int i : order) {
      Map<String, Object> a = new LinkedHashMap<>();
      if (i % 997 != 0) {
        Instant t = BASE.plusSeconds(i / SAME_SECOND);
        a.put("datetime", t);
        a.put("timestamp", t.getEpochSecond());
      }
      a.put("uuid", "u" + i);
      state.insert("event", a, Map.of("metric", List.of(i % 3 == 0 ? "MetricA" : "MetricB")));
    }
  }

  static Object read(Resource r, String field, AtomicLong calls) {
    calls.incrementAndGet();
    return switch (field) {
      case "id" -> r.id();
      case "metric_id" -> r.related("metric").isEmpty() ? null : r.related("metric").get(0);
      default -> r.attribute(field);
    };
  }

  static String at(int second) {
    return BASE.plusSeconds(second).toString();
  }

  @Test
  void everyPageMatchesTheSortedCopyInBothDirectionsWithBounds() {
    List<String> sorts = new ArrayList<>();
    sorts.add(null);
    sorts.addAll(List.of("datetime", "-datetime", "timestamp", "-timestamp"));
    List<String> filters = new ArrayList<>();
    filters.add(null);
    filters.addAll(List.of(
        "greater-than(datetime," + at(40) + ")",
        "greater-or-equal(datetime," + at(40) + ")",
        "less-than(datetime," + at(150) + ")",
        "less-or-equal(datetime," + at(150) + ")",
        "and(greater-or-equal(datetime," + at(40) + "),less-than(datetime," + at(200) + "))",
        "and(greater-than(datetime," + at(40) + "),less-or-equal(datetime," + at(200) + "),"
            + "equals(metric_id,\"MetricA\"))",
        "and(greater-than(datetime," + at(200) + "),less-than(datetime," + at(40) + "))",
        "greater-or-equal(timestamp," + at(180) + ")",
        "equals(metric_id,\"MetricA\")"));
    int compared = 0;
    for (String sort : sorts) {
      for (String filter : filters) {
        compared += compareAllPages(state.events(), GET_EVENTS, sort, filter, null);
      }
    }
    assertThat(compared).isGreaterThan(500);
  }

  @Test
  void updatesMoveObjectsWithinTheIndex() {
    SandboxState profiles = new SandboxState(Clock.fixed(BASE, ZoneOffset.UTC), 3L);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Map<String, Object> a = new HashMap<>();
      a.put("email", "p" + i + "@example.com");
      a.put("created", BASE.plusSeconds(i / 10));
      a.put("updated", BASE.plusSeconds(i / 10));
      ids.add(profiles.createProfile(a).id());
    }
    // Build the indexes, then change the sort fields of some profiles.
    compareAllPages(profiles.profiles(), GET_PROFILES, "updated", null, "37");
    compareAllPages(profiles.profiles(), GET_PROFILES, "email", null, "37");
    for (int i = 0; i < 300; i += 4) {
      profiles.update("profile", ids.get(i), Map.of("updated", BASE.minusSeconds(i % 13),
          "email", "z" + (300 - i) + "@example.com"), null);
    }
    profiles.delete("profile", ids.get(1));
    assertThat(profiles.profiles().orderedBy("updated").size()).isEqualTo(299);
    for (String sort : List.of("updated", "-updated", "email", "-email", "created", "-created", "id")) {
      compareAllPages(profiles.profiles(), GET_PROFILES, sort, "greater-than(updated," + BASE.minusSeconds(5) + ")",
          "37");
      compareAllPages(profiles.profiles(), GET_PROFILES, sort, null, "100");
    }
  }

  @Test
  void aPageReadsAboutOnePageOfObjectsNotTheTable() {
    AtomicLong calls = new AtomicLong();
    FieldAccess<Resource> access = (r, f) -> read(r, f, calls);
    Map<String, String> query = new HashMap<>();
    query.put("sort", "datetime");
    query.put("filter", "and(greater-or-equal(datetime," + at(40) + "),equals(metric_id,\"MetricB\"))");
    ListQuery.Page<Resource> first = ListQuery.run(state.events().indexed(), GET_EVENTS, query, access);
    query.put("page[cursor]", first.nextCursor());
    calls.set(0);
    ListQuery.Page<Resource> second = ListQuery.run(state.events().indexed(), GET_EVENTS, query, access);

    assertThat(second.items()).hasSize(200);
    assertThat(second.previousCursor()).isNotNull();
    // 201 matches forward plus one backward (about 3/2 visits per MetricB match, two reads each).
    assertThat(calls.get()).isBetween(200L, 4L * 205);
    // The reference reads every object of the table at least once.
    calls.set(0);
    ListQuery.run(state.events().unordered(), GET_EVENTS, query, access, Resource::id, Resource::sequence);
    assertThat(calls.get()).isGreaterThanOrEqualTo(EVENTS);
  }

  /**
   * Walks every page forward from the first and then backward from the last with both implementations and
   * asserts equal items and cursors; returns how many pages were compared.
   */
  static int compareAllPages(ResourceTable table, Operation operation, String sort, String filter, String size) {
    AtomicLong calls = new AtomicLong();
    FieldAccess<Resource> access = (r, f) -> read(r, f, calls);
    Map<String, String> query = new HashMap<>();
    if (sort != null) {
      query.put("sort", sort);
    }
    if (filter != null) {
      query.put("filter", filter);
    }
    if (size != null) {
      query.put("page[size]", size);
    }
    int pages = 0;
    String cursor = null;
    do {
      ListQuery.Page<Resource> page = comparePage(table, operation, query, cursor, access);
      pages++;
      cursor = page.nextCursor();
      if (cursor == null) {
        cursor = page.previousCursor();
        break;
      }
    } while (pages < 10_000);
    // Backward from the last page.
    int back = 0;
    while (cursor != null && back < 10_000) {
      ListQuery.Page<Resource> page = comparePage(table, operation, query, cursor, access);
      back++;
      cursor = page.previousCursor();
    }
    assertThat(back).isEqualTo(pages - 1);
    return pages + back;
  }

  static ListQuery.Page<Resource> comparePage(ResourceTable table, Operation operation, Map<String, String> base,
      String cursor, FieldAccess<Resource> access) {
    Map<String, String> query = new HashMap<>(base);
    if (cursor != null) {
      query.put("page[cursor]", cursor);
    }
    ListQuery.Page<Resource> indexed = ListQuery.run(table.indexed(), operation, query, access);
    ListQuery.Page<Resource> reference =
        ListQuery.run(table.unordered(), operation, query, access, Resource::id, Resource::sequence);
    assertThat(ids(indexed)).as("%s", query).isEqualTo(ids(reference));
    assertThat(indexed.nextCursor()).as("next of %s", query).isEqualTo(reference.nextCursor());
    assertThat(indexed.previousCursor()).as("previous of %s", query).isEqualTo(reference.previousCursor());
    return indexed;
  }

  static List<String> ids(ListQuery.Page<Resource> page) {
    return page.items().stream().map(Resource::id).toList();
  }
}
