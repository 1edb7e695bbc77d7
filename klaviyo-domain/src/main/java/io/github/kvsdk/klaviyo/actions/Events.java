package io.github.kvsdk.klaviyo.actions;

import static io.github.kvsdk.klaviyo.actions.ActionContext.batches;

import io.github.kvsdk.klaviyo.api.events.BulkCreateEventsParams;
import io.github.kvsdk.klaviyo.api.events.CreateEventParams;
import io.github.kvsdk.klaviyo.api.events.EventsService;
import io.github.kvsdk.klaviyo.api.events.GetEventParams;
import io.github.kvsdk.klaviyo.api.events.GetEventsParams;
import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.generated.model.BulkCreateEventsRequest;
import io.github.kvsdk.klaviyo.generated.model.CreateEventRequest;
import io.github.kvsdk.klaviyo.generated.model.GetEventResult;
import io.github.kvsdk.klaviyo.generated.model.GetEventsResultData;
import io.github.kvsdk.klaviyo.paging.AutoPager;
import io.github.kvsdk.klaviyo.paging.Page;
import io.github.kvsdk.klaviyo.query.QueryOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Event actions, Create Event, Bulk Create Events, Get Event and List Events, beside every events operation
 * of the API.
 *
 * <p>Bulk Create Events maps to {@code bulk_create_events} ({@code POST /api/event-bulk-create-jobs}).
 * The input is split into jobs of at most {@value #MAX_BULK_EVENTS} events; within a job, events of the
 * same profile share one profile entry.
 */
public final class Events extends EventsService {
  /** Events per bulk job: "Accepts up to 1,000 events per request". */
  public static final int MAX_BULK_EVENTS = 1000;

  private final ActionContext ctx;

  Events(ActionContext ctx, EventsService base) {
    super(base);
    this.ctx = ctx;
  }

  /**
   * Create Event ({@code create_event}); Klaviyo accepts it with 202 and processes it asynchronously.
   *
   * @param event the event, built with {@link NewEvent#builder()}
   */
  public void create(NewEvent event) {
    createEvent(createParams(event));
  }

  /**
   * Create Event, asynchronously.
   *
   * @param event the event, built with {@link NewEvent#builder()}
   * @return a future that completes when Klaviyo has accepted the request, or exceptionally with a typed {@link
   *     io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<Void> createAsync(NewEvent event) {
    return createEventAsync(createParams(event));
  }

  private CreateEventParams createParams(NewEvent event) {
    if (event == null) throw new KlaviyoValidationException("event", "is required");
    Map<String, Object> body = Map.of("data", Map.of("type", "event", "attributes", event.createAttributes()));
    return CreateEventParams.builder().body(ctx.body(body, CreateEventRequest.class)).build();
  }

  /**
   * Bulk Create Events: one {@code bulk_create_events} job per {@value #MAX_BULK_EVENTS} events, sent one after
   * another; every job is sent even if an earlier one failed.
   *
   * @param events the events to create, each checked before anything is sent
   * @return each job's outcome: accepted, or failed with its typed error.
   */
  public BulkResult bulkCreate(List<NewEvent> events) {
    return bulkCreate(events, BulkOptions.defaults());
  }

  /**
   * Bulk Create Events, sending the jobs as {@code options} say (for example stopping on the first failure).
   *
   * @param events the events to create, each checked before anything is sent
   * @param options how the jobs are sent (parallelism, stop on first failure)
   * @return each job's outcome: accepted, or failed with its typed error
   */
  public BulkResult bulkCreate(List<NewEvent> events, BulkOptions options) {
    List<List<NewEvent>> batches = batches(requireEvents(events), MAX_BULK_EVENTS);
    return BulkRun.runAll(bulkParams(batches), ActionContext.sizes(batches), options, this::bulkCreateEvents);
  }

  /**
   * Bulk Create Events, asynchronously, with at most {@value BulkOptions#DEFAULT_MAX_IN_FLIGHT} jobs in flight.
   * The future completes with every job's outcome once all have settled.
   *
   * @param events the events to create, each checked before anything is sent
   * @return a future that completes with each job's outcome once every job was sent
   */
  public CompletableFuture<BulkResult> bulkCreateAsync(List<NewEvent> events) {
    return bulkCreateAsync(events, BulkOptions.defaults());
  }

  /**
   * Bulk Create Events, asynchronously, as {@code options} say.
   *
   * @param events the events to create, each checked before anything is sent
   * @param options how the jobs are sent (parallelism, stop on first failure)
   * @return a future that completes with each job's outcome once every job was sent
   */
  public CompletableFuture<BulkResult> bulkCreateAsync(List<NewEvent> events, BulkOptions options) {
    List<List<NewEvent>> batches = batches(requireEvents(events), MAX_BULK_EVENTS);
    return BulkRun.runAllAsync(bulkParams(batches), ActionContext.sizes(batches), options, this::bulkCreateEventsAsync);
  }

  private static List<NewEvent> requireEvents(List<NewEvent> events) {
    if (events == null || events.isEmpty()) {
      throw new KlaviyoValidationException("events", "at least one event is required");
    }
    for (NewEvent event : events) {
      if (event == null) throw new KlaviyoValidationException("events", "must not contain null");
    }
    return events;
  }

  private List<BulkCreateEventsParams> bulkParams(List<List<NewEvent>> batches) {
    List<BulkCreateEventsParams> jobs = new ArrayList<>();
    for (List<NewEvent> batch : batches) {
      jobs.add(BulkCreateEventsParams.builder()
          .body(ctx.body(bulkDocument(batch), BulkCreateEventsRequest.class)).build());
    }
    return jobs;
  }

  /** Groups a batch by profile, keeping first-appearance order, into one event-bulk-create per profile. */
  static Map<String, Object> bulkDocument(List<NewEvent> batch) {
    Map<Map<String, Object>, List<Object>> eventsByProfile = new LinkedHashMap<>();
    for (NewEvent event : batch) {
      if (event == null) throw new KlaviyoValidationException("events", "must not contain null");
      eventsByProfile.computeIfAbsent(event.bulkProfileResource(), p -> new ArrayList<>())
          .add(Map.of("type", "event", "attributes", event.eventAttributes()));
    }
    List<Object> items = new ArrayList<>();
    eventsByProfile.forEach((profile, profileEvents) -> items.add(Map.of(
        "type", "event-bulk-create",
        "attributes", Map.of(
            "profile", Map.of("data", profile),
            "events", Map.of("data", profileEvents)))));
    return Map.of("data", Map.of(
        "type", "event-bulk-create-job",
        "attributes", Map.of("events-bulk-create", Map.of("data", items))));
  }

  /**
   * Get Event ({@code get_event}), with Event, Metric and Profile Fields from {@code options}.
   *
   * @param id the event's id
   * @param options how the jobs are sent (parallelism, stop on first failure)
   * @return Klaviyo's response document
   */
  public GetEventResult get(String id, QueryOptions options) {
    return getEvent(getParams(id, options));
  }

  /**
   * Get Event ({@code get_event}).
   *
   * @param id the event's id
   * @return Klaviyo's response document
   */
  public GetEventResult get(String id) {
    return get(id, QueryOptions.none());
  }

  /**
   * Get Event, asynchronously.
   *
   * @param id the event's id
   * @param options how the jobs are sent (parallelism, stop on first failure)
   * @return a future that completes with Klaviyo's response document, or exceptionally with a typed {@link
   *     io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<GetEventResult> getAsync(String id, QueryOptions options) {
    return getEventAsync(getParams(id, options));
  }

  private GetEventParams getParams(String id, QueryOptions options) {
    return GetEventParams.builder().id(id).options(ctx.validate("get_event", options)).build();
  }

  /**
   * List Events ({@code get_events}): the first page (200 events).
   *
   * @param options how the jobs are sent (parallelism, stop on first failure)
   * @return the first page; {@link io.github.kvsdk.klaviyo.paging.Page#nextPage()} fetches the next
   */
  public Page<GetEventsResultData> list(QueryOptions options) {
    return getEvents(listParams(options));
  }

  /**
   * List Events, asynchronously.
   *
   * @param options how the jobs are sent (parallelism, stop on first failure)
   * @return a future that completes with the first page; {@link io.github.kvsdk.klaviyo.paging.Page#nextPage()}
   *     fetches the next, or exceptionally with a typed {@link io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<Page<GetEventsResultData>> listAsync(QueryOptions options) {
    return getEventsAsync(listParams(options));
  }

  /**
   * Every event matching {@code options}, fetched lazily page by page.
   *
   * @param options how the jobs are sent (parallelism, stop on first failure)
   * @return a pager over every item, fetching each page when the iteration reaches it
   */
  public AutoPager<GetEventsResultData> listAll(QueryOptions options) {
    return getEventsAutoPager(listParams(options));
  }

  private GetEventsParams listParams(QueryOptions options) {
    return GetEventsParams.builder().options(ctx.validate("get_events", options)).build();
  }
}
