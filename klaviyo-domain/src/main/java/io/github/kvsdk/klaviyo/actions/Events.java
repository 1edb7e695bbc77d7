package io.github.kvsdk.klaviyo.actions;

import io.github.kvsdk.klaviyo.api.events.EventsService;
import static io.github.kvsdk.klaviyo.actions.ActionContext.batches;
import static io.github.kvsdk.klaviyo.actions.ActionContext.fields;
import static io.github.kvsdk.klaviyo.actions.ActionContext.filter;
import static io.github.kvsdk.klaviyo.actions.ActionContext.include;
import static io.github.kvsdk.klaviyo.actions.ActionContext.require;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.generated.api.EventsApi;
import io.github.kvsdk.klaviyo.generated.model.EventCreateQueryV2;
import io.github.kvsdk.klaviyo.generated.model.EventsBulkCreateJob;
import io.github.kvsdk.klaviyo.generated.model.GetEventResponseCollectionCompoundDocument;
import io.github.kvsdk.klaviyo.generated.model.GetEventResponseCollectionCompoundDocumentDataInner;
import io.github.kvsdk.klaviyo.generated.model.GetEventResponseCompoundDocument;
import io.github.kvsdk.klaviyo.paging.AutoPager;
import io.github.kvsdk.klaviyo.paging.Page;
import io.github.kvsdk.klaviyo.query.QueryOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import retrofit2.Call;

/**
 * Event actions: Create Event, Bulk Create Events, Get Event and List Events.
 *
 * <p>Bulk Create Events maps to {@code bulk_create_events} ({@code POST /api/event-bulk-create-jobs}).
 * The input is split into jobs of at most {@value #MAX_BULK_EVENTS} events; within a job, events of the
 * same profile share one profile entry.
 */
public final class Events extends EventsService {
  /** Events per bulk job: "Accepts up to 1,000 events per request". */
  public static final int MAX_BULK_EVENTS = 1000;

  private final ActionContext ctx;

  Events(ActionContext ctx) {
    super(ctx.services);
    this.ctx = ctx;
  }

  /** Create Event ({@code create_event}); Klaviyo accepts it with 202 and processes it asynchronously. */
  public void create(NewEvent event) {
    ctx.execute(createCall(event));
  }

  public CompletableFuture<Void> createAsync(NewEvent event) {
    return ctx.executeAsync(createCall(event));
  }

  private Call<Void> createCall(NewEvent event) {
    if (event == null) throw new KlaviyoValidationException("event", "is required");
    Map<String, Object> body = Map.of("data", Map.of("type", "event", "attributes", event.createAttributes()));
    return api().createEvent(ctx.revision(), ctx.body(body, EventCreateQueryV2.class));
  }

  /**
   * Bulk Create Events: one {@code bulk_create_events} job per {@value #MAX_BULK_EVENTS} events.
   *
   * @return the number of jobs submitted.
   */
  public int bulkCreate(List<NewEvent> events) {
    return ctx.executeAll(bulkCalls(events));
  }

  public CompletableFuture<Integer> bulkCreateAsync(List<NewEvent> events) {
    return ctx.executeAllAsync(bulkCalls(events));
  }

  private List<Call<Void>> bulkCalls(List<NewEvent> events) {
    if (events == null || events.isEmpty()) {
      throw new KlaviyoValidationException("events", "at least one event is required");
    }
    List<Call<Void>> calls = new ArrayList<>();
    for (List<NewEvent> batch : batches(events, MAX_BULK_EVENTS)) {
      calls.add(api().bulkCreateEvents(ctx.revision(), ctx.body(bulkDocument(batch), EventsBulkCreateJob.class)));
    }
    return calls;
  }

  /** Groups a batch by profile, keeping first-appearance order, into one event-bulk-create per profile. */
  static Map<String, Object> bulkDocument(List<NewEvent> batch) {
    Map<Map<String, Object>, List<Object>> eventsByProfile = new LinkedHashMap<>();
    for (NewEvent event : batch) {
      if (event == null) throw new KlaviyoValidationException("events", "must not contain null");
      eventsByProfile.computeIfAbsent(event.profile().toAttributes(), p -> new ArrayList<>())
          .add(Map.of("type", "event", "attributes", event.eventAttributes()));
    }
    List<Object> items = new ArrayList<>();
    eventsByProfile.forEach((profile, profileEvents) -> items.add(Map.of(
        "type", "event-bulk-create",
        "attributes", Map.of(
            "profile", Map.of("data", Map.of("type", "profile", "attributes", profile)),
            "events", Map.of("data", profileEvents)))));
    return Map.of("data", Map.of(
        "type", "event-bulk-create-job",
        "attributes", Map.of("events-bulk-create", Map.of("data", items))));
  }

  /** Get Event ({@code get_event}), with Event, Metric and Profile Fields from {@code options}. */
  public GetEventResponseCompoundDocument get(String id, QueryOptions options) {
    return ctx.execute(getCall(id, options));
  }

  public GetEventResponseCompoundDocument get(String id) {
    return get(id, QueryOptions.none());
  }

  public CompletableFuture<GetEventResponseCompoundDocument> getAsync(String id, QueryOptions options) {
    return ctx.executeAsync(getCall(id, options));
  }

  private Call<GetEventResponseCompoundDocument> getCall(String id, QueryOptions options) {
    QueryOptions o = ctx.validate("get_event", options);
    return api().getEvent(require("id", id), ctx.revision(), fields(o, "event"), fields(o, "metric"),
        fields(o, "profile"), include(o));
  }

  /** List Events ({@code get_events}): the first page (200 events). */
  public Page<GetEventResponseCollectionCompoundDocumentDataInner> list(QueryOptions options) {
    QueryOptions o = ctx.validate("get_events", options);
    return ctx.firstPage(listCall(o), GetEventResponseCollectionCompoundDocument::getData,
        GetEventResponseCollectionCompoundDocument::getIncluded,
        GetEventResponseCollectionCompoundDocument::getLinks);
  }

  public CompletableFuture<Page<GetEventResponseCollectionCompoundDocumentDataInner>> listAsync(
      QueryOptions options) {
    QueryOptions o = ctx.validate("get_events", options);
    return ctx.firstPageAsync(listCall(o), GetEventResponseCollectionCompoundDocument::getData,
        GetEventResponseCollectionCompoundDocument::getIncluded,
        GetEventResponseCollectionCompoundDocument::getLinks);
  }

  public AutoPager<GetEventResponseCollectionCompoundDocumentDataInner> listAll(QueryOptions options) {
    QueryOptions o = ctx.validate("get_events", options);
    return ctx.allPages(listCall(o), GetEventResponseCollectionCompoundDocument::getData,
        GetEventResponseCollectionCompoundDocument::getIncluded,
        GetEventResponseCollectionCompoundDocument::getLinks);
  }

  private Function<String, Call<GetEventResponseCollectionCompoundDocument>> listCall(QueryOptions o) {
    return cursor -> api().getEvents(ctx.revision(), fields(o, "event"), fields(o, "metric"),
        fields(o, "profile"), filter(o), include(o), cursor, o.sort().orElse(null));
  }

  private EventsApi api() {
    return ctx.api(EventsApi.class);
  }
}
