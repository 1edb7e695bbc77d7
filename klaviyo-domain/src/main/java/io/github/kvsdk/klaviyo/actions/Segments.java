package io.github.kvsdk.klaviyo.actions;

import static io.github.kvsdk.klaviyo.actions.ActionContext.require;

import io.github.kvsdk.klaviyo.api.segments.CreateSegmentParams;
import io.github.kvsdk.klaviyo.api.segments.DeleteSegmentParams;
import io.github.kvsdk.klaviyo.api.segments.GetSegmentParams;
import io.github.kvsdk.klaviyo.api.segments.GetSegmentsParams;
import io.github.kvsdk.klaviyo.api.segments.SegmentsService;
import io.github.kvsdk.klaviyo.api.segments.UpdateSegmentParams;
import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.generated.model.CreateSegmentRequest;
import io.github.kvsdk.klaviyo.generated.model.CreateSegmentResult;
import io.github.kvsdk.klaviyo.generated.model.GetSegmentResult;
import io.github.kvsdk.klaviyo.generated.model.GetSegmentsResultData;
import io.github.kvsdk.klaviyo.generated.model.UpdateSegmentRequest;
import io.github.kvsdk.klaviyo.generated.model.UpdateSegmentResult;
import io.github.kvsdk.klaviyo.paging.AutoPager;
import io.github.kvsdk.klaviyo.paging.Page;
import io.github.kvsdk.klaviyo.query.QueryOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Segment actions, Create, Get, List, Update and Delete Segment, beside every segments operation of the API.
 * Condition groups are passed as JSON trees in the API's {@code definition.condition_groups} shape; a key the
 * API does not define there is refused with a {@link KlaviyoValidationException} naming it, before anything
 * is sent.
 */
public final class Segments extends SegmentsService {
  /** Whether {@link #create(String, List)} stars the new segment: no. */
  public static final boolean DEFAULT_STARRED = false;

  private final ActionContext ctx;

  Segments(ActionContext ctx, SegmentsService base) {
    super(base);
    this.ctx = ctx;
  }

  /**
   * Create Segment ({@code create_segment}), starred or not as {@code starred} says.
   *
   * @param name the segment's name; not blank
   * @param conditionGroups the segment's definition: its condition groups, as the JSON trees Klaviyo's segment API
   *     documents
   * @param starred true to star the segment in Klaviyo's interface
   * @return Klaviyo's response document
   */
  public CreateSegmentResult create(String name, List<Map<String, Object>> conditionGroups, boolean starred) {
    return createSegment(createParams(name, conditionGroups, starred));
  }

  /**
   * Create Segment, not starred ({@link #DEFAULT_STARRED}).
   *
   * @param name the segment's name; not blank
   * @param conditionGroups the segment's definition: its condition groups, as the JSON trees Klaviyo's segment API
   *     documents
   * @return Klaviyo's response document
   */
  public CreateSegmentResult create(String name, List<Map<String, Object>> conditionGroups) {
    return create(name, conditionGroups, DEFAULT_STARRED);
  }

  /**
   * Create Segment, asynchronously.
   *
   * @param name the segment's name; not blank
   * @param conditionGroups the segment's definition: its condition groups, as the JSON trees Klaviyo's segment API
   *     documents
   * @param starred true to star the segment in Klaviyo's interface
   * @return a future that completes with Klaviyo's response document, or exceptionally with a typed {@link
   *     io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<CreateSegmentResult> createAsync(
      String name, List<Map<String, Object>> conditionGroups, boolean starred) {
    return createSegmentAsync(createParams(name, conditionGroups, starred));
  }

  /**
   * Create Segment, asynchronously, not starred ({@link #DEFAULT_STARRED}).
   *
   * @param name the segment's name; not blank
   * @param conditionGroups the segment's definition: its condition groups, as the JSON trees Klaviyo's segment API
   *     documents
   * @return a future that completes with Klaviyo's response document, or exceptionally with a typed {@link
   *     io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<CreateSegmentResult> createAsync(String name, List<Map<String, Object>> conditionGroups) {
    return createAsync(name, conditionGroups, DEFAULT_STARRED);
  }

  private CreateSegmentParams createParams(String name, List<Map<String, Object>> conditionGroups, boolean starred) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("name", require("name", name));
    attributes.put("definition", Map.of("condition_groups", requireGroups(conditionGroups)));
    attributes.put("is_starred", starred);
    Map<String, Object> body = Map.of("data", Map.of("type", "segment", "attributes", attributes));
    return CreateSegmentParams.builder().body(ctx.body(body, CreateSegmentRequest.class)).build();
  }

  /**
   * Get Segment ({@code get_segment}).
   *
   * @param id the segment's id
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return Klaviyo's response document
   */
  public GetSegmentResult get(String id, QueryOptions options) {
    return getSegment(GetSegmentParams.builder().id(id).options(ctx.validate("get_segment", options)).build());
  }

  /**
   * Get Segment ({@code get_segment}).
   *
   * @param id the segment's id
   * @return Klaviyo's response document
   */
  public GetSegmentResult get(String id) {
    return get(id, QueryOptions.none());
  }

  /**
   * Get Segment, asynchronously.
   *
   * @param id the segment's id
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return a future that completes with Klaviyo's response document, or exceptionally with a typed {@link
   *     io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<GetSegmentResult> getAsync(String id, QueryOptions options) {
    return getSegmentAsync(GetSegmentParams.builder().id(id).options(ctx.validate("get_segment", options)).build());
  }

  /**
   * List Segments ({@code get_segments}): the first page (10 segments).
   *
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return the first page; {@link io.github.kvsdk.klaviyo.paging.Page#nextPage()} fetches the next
   */
  public Page<GetSegmentsResultData> list(QueryOptions options) {
    return getSegments(listParams(options));
  }

  /**
   * List Segments, asynchronously.
   *
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return a future that completes with the first page; {@link io.github.kvsdk.klaviyo.paging.Page#nextPage()}
   *     fetches the next, or exceptionally with a typed {@link io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<Page<GetSegmentsResultData>> listAsync(QueryOptions options) {
    return getSegmentsAsync(listParams(options));
  }

  /**
   * Every segment matching {@code options}, fetched lazily page by page.
   *
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return a pager over every item, fetching each page when the iteration reaches it
   */
  public AutoPager<GetSegmentsResultData> listAll(QueryOptions options) {
    return getSegmentsAutoPager(listParams(options));
  }

  private GetSegmentsParams listParams(QueryOptions options) {
    return GetSegmentsParams.builder().options(ctx.validate("get_segments", options)).build();
  }

  /**
   * Update Segment ({@code update_segment}): a null argument is not sent, so that part stays as it is (a
   * segment's name, definition and star cannot be cleared).
   *
   * @param id the segment's id
   * @param name the segment's name; not blank
   * @param conditionGroups the segment's definition: its condition groups, as the JSON trees Klaviyo's segment API
   *     documents
   * @param starred true to star the segment in Klaviyo's interface
   * @return Klaviyo's response document
   */
  public UpdateSegmentResult update(String id, String name, List<Map<String, Object>> conditionGroups, Boolean starred) {
    return updateSegment(updateParams(id, name, conditionGroups, starred));
  }

  /**
   * Update Segment, asynchronously.
   *
   * @param id the segment's id
   * @param name the segment's name; not blank
   * @param conditionGroups the segment's definition: its condition groups, as the JSON trees Klaviyo's segment API
   *     documents
   * @param starred true to star the segment in Klaviyo's interface
   * @return a future that completes with Klaviyo's response document, or exceptionally with a typed {@link
   *     io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<UpdateSegmentResult> updateAsync(
      String id, String name, List<Map<String, Object>> conditionGroups, Boolean starred) {
    return updateSegmentAsync(updateParams(id, name, conditionGroups, starred));
  }

  private UpdateSegmentParams updateParams(
      String id, String name, List<Map<String, Object>> conditionGroups, Boolean starred) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    if (name != null) attributes.put("name", require("name", name));
    if (conditionGroups != null) {
      attributes.put("definition", Map.of("condition_groups", requireGroups(conditionGroups)));
    }
    if (starred != null) attributes.put("is_starred", starred);
    Map<String, Object> body =
        Map.of("data", Map.of("type", "segment", "id", require("id", id), "attributes", attributes));
    return UpdateSegmentParams.builder().id(id).body(ctx.body(body, UpdateSegmentRequest.class)).build();
  }

  /**
   * Delete Segment ({@code delete_segment}).
   *
   * @param id the segment's id
   */
  public void delete(String id) {
    deleteSegment(DeleteSegmentParams.builder().id(id).build());
  }

  /**
   * Delete Segment, asynchronously.
   *
   * @param id the segment's id
   * @return a future that completes when Klaviyo has accepted the request, or exceptionally with a typed {@link
   *     io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<Void> deleteAsync(String id) {
    return deleteSegmentAsync(DeleteSegmentParams.builder().id(id).build());
  }

  private static List<Map<String, Object>> requireGroups(List<Map<String, Object>> groups) {
    if (groups == null || groups.isEmpty()) {
      throw new KlaviyoValidationException("conditionGroups", "at least one condition group is required");
    }
    for (Map<String, Object> group : groups) {
      if (group == null || !(group.get("conditions") instanceof List<?> conditions) || conditions.isEmpty()) {
        throw new KlaviyoValidationException("conditionGroups", "each group needs a non-empty 'conditions' list");
      }
    }
    return groups;
  }
}
