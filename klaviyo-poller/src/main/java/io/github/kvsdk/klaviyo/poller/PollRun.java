package io.github.kvsdk.klaviyo.poller;

import io.github.kvsdk.klaviyo.poller.checkpoint.Checkpoint;
import io.github.kvsdk.klaviyo.poller.checkpoint.CheckpointKey;
import io.github.kvsdk.klaviyo.poller.checkpoint.CheckpointStore;
import io.github.kvsdk.klaviyo.poller.checkpoint.UnsettledSecond;
import io.github.kvsdk.klaviyo.poller.config.EmitMode;
import io.github.kvsdk.klaviyo.poller.source.Page;
import io.github.kvsdk.klaviyo.poller.source.PageRequest;
import io.github.kvsdk.klaviyo.poller.source.PageSource;
import io.github.kvsdk.klaviyo.poller.source.PolledObject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * One poll of the window [checkpoint boundary, upper bound): the algorithm the module README
 * argues correct. Single use.
 *
 * <p>Two ways of reading the window alternate:
 *
 * <ul>
 *   <li><b>Fresh queries.</b> Each page of a fresh query is a sorted prefix of the window, so
 *       when it reaches past the boundary second, every second before its newest one is complete.
 *       The next page is then another fresh query from that newest second rather than the cursor,
 *       so rows that leave the window meanwhile (updated: their timestamp moves past the upper
 *       bound) cannot make a cursor skip rows.
 *   <li><b>Dense seconds.</b> When a whole page shares the boundary second, only the cursor leads
 *       further. Its pages are followed to the end of that second; then the second is listed again
 *       from scratch until two consecutive listings return the same ids, which proves that no row
 *       left during the last but one and so that it missed nothing. A poll lists it again {@value
 *       #RELISTINGS_PER_POLL} times, and more while those listings took fewer than {@value
 *       #RELISTING_PAGES_PER_POLL} pages: if the listings still disagree (rows keep leaving the
 *       second as they are updated), the boundary moves past the second anyway and the second stays
 *       in the checkpoint as {@linkplain UnsettledSecond unsettled}, with the ids emitted from it and
 *       its last listing. Every later poll first lists its unsettled seconds again, as often, until
 *       a listing equals the one before it or fits a single response.
 * </ul>
 *
 * <p>Both rely on the listing being sorted. For object types whose listings Klaviyo may return out of
 * order (campaigns; {@link io.github.kvsdk.klaviyo.poller.config.ObjectType#listsInOrder()}), only
 * listings that fit in a single response are trusted: see {@link #runWindow()}.
 */
final class PollRun {
  /**
   * How often one poll lists a dense second again (after reading it through) before leaving it
   * unsettled for the next poll. Two: without updates the first re-listing proves a cursor walk
   * that rows left during, the second proves the first.
   */
  static final int RELISTINGS_PER_POLL = 2;

  /**
   * A dense second whose re-listings in this poll took fewer pages is listed again after {@link
   * #RELISTINGS_PER_POLL}, until two listings agree: a second of a few pages is then as likely to be
   * settled within its poll as without a bound, one of thousands of rows is listed three times.
   */
  static final int RELISTING_PAGES_PER_POLL = 50;

  private final int relistingPageBudget;

  private final PageSource source;
  private final CheckpointStore store;
  private final CheckpointKey key;
  private final String path;
  private final String field;
  private final EmitMode emitMode;
  private final boolean serverUpperBound;
  private final boolean ordered;
  private final BiFunction<Instant, Instant, Map<String, String>> queryFactory;
  private final PollConsumer consumer;
  private final PollListener listener;
  private final BooleanSupplier stopRequested;
  private final Instant upper;

  private Checkpoint checkpoint;
  private int pages;
  private long fetched;
  private long emitted;
  private long duplicates;

  PollRun(PageSource source, CheckpointStore store, CheckpointKey key, String path, String field,
      EmitMode emitMode, boolean serverUpperBound, boolean ordered,
      BiFunction<Instant, Instant, Map<String, String>> queryFactory, PollConsumer consumer,
      PollListener listener, BooleanSupplier stopRequested, Checkpoint start, Instant upper,
      int relistingPageBudget) {
    this.source = source;
    this.store = store;
    this.key = key;
    this.path = path;
    this.field = field;
    this.emitMode = emitMode;
    this.serverUpperBound = serverUpperBound;
    this.ordered = ordered;
    this.queryFactory = queryFactory;
    this.consumer = consumer;
    this.listener = listener;
    this.stopRequested = stopRequested;
    this.checkpoint = start;
    this.upper = upper;
    this.relistingPageBudget = relistingPageBudget;
  }

  PollResult run() throws IOException {
    if (!ordered) return runWindow();
    if (!settleUnsettledSeconds(PolledObject::id)) return result(false);
    String next = null; // Non-null while following the cursor through a dense boundary second.
    Set<String> runIds = new HashSet<>(); // Ids listed at the boundary since the last fresh query.
    while (checkpoint.boundary().isBefore(upper)) {
      if (stopRequested.getAsBoolean()) return result(false);
      Instant boundary = checkpoint.boundary();
      boolean dense = next != null;
      Page page = fetch(dense
          ? PageRequest.next(next, field)
          : PageRequest.first(queryPath(), queryFactory.apply(boundary, upper), field));
      if (!dense) runIds.clear();

      List<PolledObject> atBoundary = new ArrayList<>();
      List<PolledObject> beyond = new ArrayList<>();
      boolean passedUpper = partition(page, boundary, upper, atBoundary, beyond);
      boolean exhausted = page.nextUrl() == null || (passedUpper && !serverUpperBound);
      for (PolledObject object : atBoundary) runIds.add(object.id());

      if (!dense && !beyond.isEmpty()) {
        // A fresh prefix reaching past the boundary: everything before its newest second is done.
        List<PolledObject> fresh = unseen(atBoundary);
        fresh.addAll(beyond);
        emit(fresh);
        Instant newest = second(beyond.get(beyond.size() - 1));
        for (PolledObject object : beyond) newest = max(newest, second(object));
        advance(exhausted ? at(upper, Set.of()) : at(newest, idsAt(newest, beyond)), page,
            fresh.size());
        next = null;
        continue;
      }

      // Everything usable on this page lies in the boundary second.
      List<PolledObject> fresh = unseen(atBoundary);
      emit(fresh);
      if (!dense && exhausted) {
        // One response listed the whole rest of the window.
        advance(at(upper, Set.of()), page, fresh.size());
        continue;
      }
      advance(at(boundary, union(checkpoint.idsAtBoundary(), atBoundary)), page,
          fresh.size());
      if (!exhausted && beyond.isEmpty()) {
        next = page.nextUrl(); // The second goes on beyond this page: follow the cursor.
      } else {
        // The dense second has been listed to its end. Later rows are read by a fresh query, even
        // when the cursor said the listing ended: a cursor that skipped rows may have skipped the
        // first rows after this second too.
        // The walk was one listing of the second; list it again until two listings agree, a
        // bounded number of times in this poll.
        Instant end = boundary.plusSeconds(1);
        DenseSecond second = new DenseSecond(checkpoint.idsAtBoundary(), runIds);
        Outcome outcome = relist(boundary, end, PolledObject::id, second, RELISTINGS_PER_POLL,
            (emittedKeys, last) -> at(boundary, emittedKeys));
        if (outcome == Outcome.STOPPED) return result(false);
        Checkpoint past = at(end, Set.of());
        if (outcome == Outcome.UNSETTLED) {
          past = past.withUnsettled(boundary, new UnsettledSecond(second.emitted, second.last));
        }
        advance(past, null, 0);
        next = null;
      }
    }
    return result(true);
  }

  /**
   * The window [boundary, upper) of a listing that may come out of order, read in sub-windows
   * [from, to) that each fit in a <em>single</em> response. One response is one consistent answer
   * to the filter: no cursor was followed, so no row can have been skipped, and the order of the
   * rows inside it does not matter. Its rows are emitted (those whose {@link #windowKey key} the
   * checkpoint does not hold yet) and the boundary moves to {@code to}. A response that needs a
   * cursor is not trusted: its rows only choose a narrower {@code to}, and the narrower window is
   * queried afresh. Rows updated meanwhile leave the window (their new timestamp is past {@code
   * upper}) and cannot keep it from completing, so a poll's work is bounded by the rows in the
   * window, however often they change: each sub-window moves the boundary by at least a second.
   *
   * <p>Only a single second holding more rows than a response falls back to a cursor walk,
   * {@link #listUntilStable listed until stable}; so does a listing that cannot be bounded above on
   * the server, where no narrower window can be asked for.
   */
  private PollResult runWindow() throws IOException {
    if (!settleUnsettledSeconds(PollRun::windowKey)) return result(false);
    Instant from = checkpoint.boundary();
    if (!serverUpperBound && from.isBefore(upper)) {
      // No narrower window can be asked for: list the whole window until it is stable.
      Instant start = from;
      DenseSecond window = new DenseSecond(checkpoint.idsAtBoundary(), null);
      if (relist(from, upper, PollRun::windowKey, window, Integer.MAX_VALUE,
          (emittedKeys, last) -> at(start, emittedKeys)) == Outcome.STOPPED) {
        return result(false);
      }
      advance(at(upper, Set.of()), null, 0);
      return result(true);
    }
    Duration span = null; // How long a stretch about one response's rows cover; null: unknown.
    Instant narrowed = null; // The next upper bound after a response that needed a cursor.
    while (from.isBefore(upper)) {
      if (stopRequested.getAsBoolean()) return result(false);
      Instant to = narrowed != null ? narrowed
          : span == null || !from.plus(span).isBefore(upper) ? upper : from.plus(span);
      narrowed = null;
      Page page = fetch(PageRequest.first(queryPath(), queryFactory.apply(from, to), field));
      List<PolledObject> inRange = new ArrayList<>();
      partition(page, from, to, inRange, inRange);
      if (page.nextUrl() == null) {
        int emittedNow = emitNew(from, inRange);
        advance(at(to, keysFrom(to)), page, emittedNow);
        // Under half a response's rows in this stretch: try the whole rest of the window next
        // (if that needs a cursor after all, its rows give a fresh estimate).
        if (inRange.size() * 2 < pageSizeSeen) span = null;
        from = to;
        continue;
      }
      pageSizeSeen = Math.max(pageSizeSeen, page.objects().size());
      if (!from.plusSeconds(1).isBefore(to)) {
        // More rows share the second than fit a response: only a cursor leads through it.
        // 1 + RELISTINGS_PER_POLL listings (or more within the page budget), as for ordered ones.
        Instant end = from.plusSeconds(1);
        Instant boundary = from;
        DenseSecond second = new DenseSecond(checkpoint.idsAtBoundary(), null);
        Outcome outcome = relist(from, end, PollRun::windowKey, second, 1 + RELISTINGS_PER_POLL,
            (emittedKeys, last) -> at(boundary, emittedKeys));
        if (outcome == Outcome.STOPPED) return result(false);
        Checkpoint past = at(end, keysFrom(end));
        if (outcome == Outcome.UNSETTLED) {
          past = past.withUnsettled(from,
              new UnsettledSecond(keysAt(from, second.emitted), second.last));
        }
        advance(past, null, 0);
        from = end;
        continue;
      }
      // Ask again for [from, split): about all but the last two of these rows lie before split.
      List<Instant> seconds = new ArrayList<>();
      for (PolledObject object : inRange) seconds.add(second(object));
      seconds.sort(null);
      narrowed = splitPoint(from, to, seconds);
      Instant first = seconds.isEmpty() || seconds.get(0).isBefore(from) ? from : seconds.get(0);
      span = Duration.between(first, narrowed);
      if (span.compareTo(ONE_SECOND) < 0) span = ONE_SECOND;
    }
    return result(true);
  }

  private static final Duration ONE_SECOND = Duration.ofSeconds(1);

  /** The largest number of rows one response held; the listing's page size as far as seen. */
  private int pageSizeSeen;

  /**
   * A narrower upper bound for [from, to) after a response that did not hold all of it: the second
   * of its last but one row by timestamp, so that the rows before it (roughly sorted, so nearly all
   * of the response) fit one response; strictly between {@code from} and {@code to}.
   */
  private static Instant splitPoint(Instant from, Instant to, List<Instant> sortedSeconds) {
    int n = sortedSeconds.size();
    Instant split = n == 0 ? from : sortedSeconds.get(Math.max(0, n - 2));
    if (!split.isAfter(from)) split = from.plusSeconds(1);
    if (!split.isBefore(to)) {
      split = from.plusSeconds(Math.max(1, Duration.between(from, to).getSeconds() / 2));
    }
    return split;
  }

  /**
   * The checkpoint's {@link #windowKey keys} of rows at or after {@code boundary}: emitted already,
   * so they stay in the checkpoint when the boundary moves there. Only a checkpoint saved while a
   * whole window was listed at once, as earlier versions did, holds keys past its boundary second.
   */
  private Set<String> keysFrom(Instant boundary) {
    Set<String> kept = new HashSet<>();
    for (String key : checkpoint.idsAtBoundary()) {
      int at = key.lastIndexOf('@');
      if (at < 0) continue;
      try {
        if (Long.parseLong(key.substring(at + 1)) >= boundary.getEpochSecond()) kept.add(key);
      } catch (NumberFormatException e) {
        // Not a window key: an id saved by a version that kept bare ids. Dropped.
      }
    }
    return kept;
  }

  /** Emits the rows of one complete response whose window keys the checkpoint lacks. */
  private int emitNew(Instant from, List<PolledObject> rows) {
    Set<String> keys = checkpoint.boundary().equals(from) ? checkpoint.idsAtBoundary() : Set.of();
    List<PolledObject> fresh = new ArrayList<>();
    for (PolledObject object : rows) {
      if (keys.contains(windowKey(object))) {
        duplicates++;
      } else {
        fresh.add(object);
      }
    }
    emit(fresh);
    return fresh.size();
  }

  /** An object's identity within a window: its id and the second of its timestamp. */
  private static String windowKey(PolledObject object) {
    return object.id() + "@" + second(object).getEpochSecond();
  }

  /** How a bounded series of listings of one stretch ended. */
  private enum Outcome { SETTLED, UNSETTLED, STOPPED }

  /** The emitted keys of a second being listed again and again, and its last complete listing. */
  private static final class DenseSecond {
    final Set<String> emitted;
    Set<String> last; // Null before the first complete listing.

    DenseSecond(Set<String> emitted, Set<String> last) {
      this.emitted = new HashSet<>(emitted);
      this.last = last == null ? null : new HashSet<>(last);
    }
  }

  /**
   * Lists the seconds the checkpoint holds as unsettled again, oldest first, each {@value
   * #RELISTINGS_PER_POLL} times (more within the page budget); a second whose listing equals its previous one (possibly from an
   * earlier poll) or fits a single response is settled and leaves the checkpoint. Returns false if
   * stopped first.
   */
  private boolean settleUnsettledSeconds(Function<PolledObject, String> key) throws IOException {
    for (Instant second : List.copyOf(checkpoint.unsettledSeconds().keySet())) {
      UnsettledSecond saved = checkpoint.unsettledSeconds().get(second);
      DenseSecond state = new DenseSecond(saved.emitted(), saved.lastListing());
      Outcome outcome = relist(second, second.plusSeconds(1), key, state, RELISTINGS_PER_POLL,
          (emittedKeys, last) -> checkpoint.withUnsettled(second,
              new UnsettledSecond(emittedKeys, last)));
      if (outcome == Outcome.STOPPED) return false;
      advance(checkpoint.withUnsettled(second, outcome == Outcome.SETTLED ? null
          : new UnsettledSecond(state.emitted, state.last)), null, 0);
    }
    return true;
  }

  /**
   * Lists [from, to) from scratch, cursor to the end, {@code listings} times and then more while
   * this call fetched fewer than {@link #relistingPageBudget} pages, emitting rows whose {@code key}
   * is not in {@code state.emitted} yet and saving {@code saving.apply(emitted, last complete
   * listing)} after each page. Settled as soon as a listing returns exactly the keys of the previous
   * one ({@code state.last}), which proves that no listed row left during the previous one, so that
   * no cursor skipped a row; or as soon as one fits in a single response, which no cursor took part
   * in.
   */
  private Outcome relist(Instant from, Instant to, Function<PolledObject, String> key,
      DenseSecond state, int listings,
      BiFunction<Set<String>, Set<String>, Checkpoint> saving) throws IOException {
    int pagesBefore = pages;
    for (int listing = 0; listing < listings || pages - pagesBefore < relistingPageBudget;
        listing++) {
      Set<String> listed = new HashSet<>();
      String cursor = null;
      int responses = 0;
      do {
        if (stopRequested.getAsBoolean()) return Outcome.STOPPED;
        Page page = fetch(cursor == null
            ? PageRequest.first(queryPath(), queryFactory.apply(from, to), field)
            : PageRequest.next(cursor, field));
        responses++;
        List<PolledObject> inRange = new ArrayList<>();
        boolean passed = partition(page, from, to, inRange, inRange);
        List<PolledObject> fresh = new ArrayList<>();
        for (PolledObject object : inRange) {
          String k = key.apply(object);
          listed.add(k);
          if (state.emitted.add(k)) {
            fresh.add(object);
          } else {
            duplicates++;
          }
        }
        emit(fresh);
        advance(saving.apply(state.emitted, state.last != null ? state.last : Set.of()), page,
            fresh.size());
        cursor = passed && !serverUpperBound ? null : page.nextUrl();
      } while (cursor != null);
      boolean settled = listed.equals(state.last) || responses == 1;
      state.last = listed;
      if (settled) return Outcome.SETTLED;
    }
    return Outcome.UNSETTLED;
  }

  /** The keys of {@code keys} whose second is {@code second}: all of them for ordered listings. */
  private Set<String> keysAt(Instant second, Set<String> keys) {
    if (ordered) return keys;
    Set<String> at = new HashSet<>();
    String suffix = "@" + second.getEpochSecond();
    for (String k : keys) {
      if (k.endsWith(suffix)) at.add(k);
    }
    return at;
  }

  /**
   * Splits a page's rows inside [boundary, upper) into those in the boundary second and those
   * after it. Returns true if a row at or past {@code upper} was seen.
   */
  private boolean partition(Page page, Instant boundary, Instant upper,
      List<PolledObject> atBoundary, List<PolledObject> beyond) {
    for (PolledObject object : page.objects()) {
      if (object.timestamp() == null) continue; // Cannot match a timestamp filter.
      Instant second = second(object);
      if (second.isBefore(boundary)) continue;
      if (!second.isBefore(upper)) {
        // Sorted ascending: with no server-side upper bound, nothing after this is in the window.
        if (!serverUpperBound) return true;
        continue;
      }
      (second.equals(boundary) ? atBoundary : beyond).add(object);
    }
    return false;
  }

  private Page fetch(PageRequest request) throws IOException {
    Page page = source.fetch(request);
    pages++;
    fetched += page.objects().size();
    return page;
  }

  private List<PolledObject> unseen(List<PolledObject> atBoundary) {
    List<PolledObject> fresh = new ArrayList<>();
    for (PolledObject object : atBoundary) {
      if (checkpoint.idsAtBoundary().contains(object.id())) {
        duplicates++;
      } else {
        fresh.add(object);
      }
    }
    return fresh;
  }

  private void emit(List<PolledObject> fresh) {
    if (fresh.isEmpty()) return;
    try {
      if (emitMode == EmitMode.PAGE) {
        consumer.accept(PollMessage.page(fresh));
      } else {
        for (PolledObject object : fresh) consumer.accept(PollMessage.single(object));
      }
    } catch (Exception e) {
      throw new ConsumerFailedException(e);
    }
    emitted += fresh.size();
  }

  /** Saves {@code advanced} (the consumer has accepted all it covers) and reports the page. */
  private void advance(Checkpoint advanced, Page page, int emittedFromPage) throws IOException {
    if (!advanced.equals(checkpoint)) store.save(key, advanced);
    checkpoint = advanced;
    if (page != null) listener.pageCompleted(page.objects().size(), emittedFromPage, checkpoint);
  }

  /** A checkpoint at {@code boundary} that keeps the current unsettled seconds. */
  private Checkpoint at(Instant boundary, Set<String> ids) {
    return new Checkpoint(boundary, ids, checkpoint.unsettledSeconds());
  }

  private String queryPath() {
    return path;
  }

  private PollResult result(boolean complete) {
    return new PollResult(pages, fetched, emitted, duplicates, checkpoint, upper, complete);
  }

  private static Instant second(PolledObject object) {
    return object.timestamp().truncatedTo(ChronoUnit.SECONDS);
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Set<String> idsAt(Instant second, List<PolledObject> objects) {
    Set<String> ids = new HashSet<>();
    for (PolledObject object : objects) {
      if (second(object).equals(second)) ids.add(object.id());
    }
    return ids;
  }

  private static Set<String> union(Set<String> ids, List<PolledObject> objects) {
    Set<String> result = new HashSet<>(ids);
    for (PolledObject object : objects) result.add(object.id());
    return result;
  }
}
