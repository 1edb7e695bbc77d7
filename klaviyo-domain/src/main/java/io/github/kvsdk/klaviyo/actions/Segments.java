package io.github.kvsdk.klaviyo.actions;

import io.github.kvsdk.klaviyo.api.segments.SegmentsService;
import static io.github.kvsdk.klaviyo.actions.ActionContext.additionalFields;
import static io.github.kvsdk.klaviyo.actions.ActionContext.fields;
import static io.github.kvsdk.klaviyo.actions.ActionContext.filter;
import static io.github.kvsdk.klaviyo.actions.ActionContext.include;
import static io.github.kvsdk.klaviyo.actions.ActionContext.require;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.generated.api.SegmentsApi;
import io.github.kvsdk.klaviyo.generated.model.GetSegmentListResponseCollectionCompoundDocument;
import io.github.kvsdk.klaviyo.generated.model.GetSegmentListResponseCollectionCompoundDocumentDataInner;
import io.github.kvsdk.klaviyo.generated.model.GetSegmentRetrieveResponseCompoundDocument;
import io.github.kvsdk.klaviyo.generated.model.PatchSegmentPartialUpdateResponse;
import io.github.kvsdk.klaviyo.generated.model.PostSegmentCreateResponse;
import io.github.kvsdk.klaviyo.generated.model.SegmentCreateQuery;
import io.github.kvsdk.klaviyo.generated.model.SegmentPartialUpdateQuery;
import io.github.kvsdk.klaviyo.paging.AutoPager;
import io.github.kvsdk.klaviyo.paging.Page;
import io.github.kvsdk.klaviyo.query.QueryOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import retrofit2.Call;

/**
 * Segment actions: Create, Get, List, Update and Delete Segment. Condition groups are passed as JSON
 * trees in the API's {@code definition.condition_groups} shape.
 */
public final class Segments extends SegmentsService {
  /** The seed's default for Create Segment's "Is Starred Segment". */
  public static final boolean DEFAULT_STARRED = false;

  private final ActionContext ctx;

  Segments(ActionContext ctx) {
    super(ctx.services);
    this.ctx = ctx;
  }

  /** Create Segment ({@code create_segment}); a null {@code starred} means {@value #DEFAULT_STARRED}. */
  public PostSegmentCreateResponse create(String name, List<Map<String, Object>> conditionGroups, Boolean starred) {
    return ctx.execute(createCall(name, conditionGroups, starred));
  }

  /** Create Segment, not starred. */
  public PostSegmentCreateResponse create(String name, List<Map<String, Object>> conditionGroups) {
    return create(name, conditionGroups, null);
  }

  public CompletableFuture<PostSegmentCreateResponse> createAsync(
      String name, List<Map<String, Object>> conditionGroups, Boolean starred) {
    return ctx.executeAsync(createCall(name, conditionGroups, starred));
  }

  private Call<PostSegmentCreateResponse> createCall(
      String name, List<Map<String, Object>> conditionGroups, Boolean starred) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("name", require("name", name));
    attributes.put("definition", Map.of("condition_groups", requireGroups(conditionGroups)));
    attributes.put("is_starred", starred == null ? DEFAULT_STARRED : starred);
    Map<String, Object> body = Map.of("data", Map.of("type", "segment", "attributes", attributes));
    return api().createSegment(ctx.revision(), ctx.body(body, SegmentCreateQuery.class));
  }

  /** Get Segment ({@code get_segment}). */
  public GetSegmentRetrieveResponseCompoundDocument get(String id, QueryOptions options) {
    return ctx.execute(getCall(id, options));
  }

  public GetSegmentRetrieveResponseCompoundDocument get(String id) {
    return get(id, QueryOptions.none());
  }

  public CompletableFuture<GetSegmentRetrieveResponseCompoundDocument> getAsync(String id, QueryOptions options) {
    return ctx.executeAsync(getCall(id, options));
  }

  private Call<GetSegmentRetrieveResponseCompoundDocument> getCall(String id, QueryOptions options) {
    QueryOptions o = ctx.validate("get_segment", options);
    return api().getSegment(require("id", id), ctx.revision(), additionalFields(o, "segment"), fields(o, "flow"),
        fields(o, "segment"), fields(o, "tag"), include(o));
  }

  /** List Segments ({@code get_segments}): the first page (10 segments). */
  public Page<GetSegmentListResponseCollectionCompoundDocumentDataInner> list(QueryOptions options) {
    QueryOptions o = ctx.validate("get_segments", options);
    return ctx.firstPage(listCall(o), GetSegmentListResponseCollectionCompoundDocument::getData,
        GetSegmentListResponseCollectionCompoundDocument::getIncluded,
        GetSegmentListResponseCollectionCompoundDocument::getLinks);
  }

  public CompletableFuture<Page<GetSegmentListResponseCollectionCompoundDocumentDataInner>> listAsync(
      QueryOptions options) {
    QueryOptions o = ctx.validate("get_segments", options);
    return ctx.firstPageAsync(listCall(o), GetSegmentListResponseCollectionCompoundDocument::getData,
        GetSegmentListResponseCollectionCompoundDocument::getIncluded,
        GetSegmentListResponseCollectionCompoundDocument::getLinks);
  }

  public AutoPager<GetSegmentListResponseCollectionCompoundDocumentDataInner> listAll(QueryOptions options) {
    QueryOptions o = ctx.validate("get_segments", options);
    return ctx.allPages(listCall(o), GetSegmentListResponseCollectionCompoundDocument::getData,
        GetSegmentListResponseCollectionCompoundDocument::getIncluded,
        GetSegmentListResponseCollectionCompoundDocument::getLinks);
  }

  private Function<String, Call<GetSegmentListResponseCollectionCompoundDocument>> listCall(QueryOptions o) {
    return cursor -> api().getSegments(ctx.revision(), fields(o, "flow"), fields(o, "segment"), fields(o, "tag"),
        filter(o), include(o), cursor, o.sort().orElse(null));
  }

  /** Update Segment ({@code update_segment}): null arguments are left unchanged. */
  public PatchSegmentPartialUpdateResponse update(
      String id, String name, List<Map<String, Object>> conditionGroups, Boolean starred) {
    return ctx.execute(updateCall(id, name, conditionGroups, starred));
  }

  public CompletableFuture<PatchSegmentPartialUpdateResponse> updateAsync(
      String id, String name, List<Map<String, Object>> conditionGroups, Boolean starred) {
    return ctx.executeAsync(updateCall(id, name, conditionGroups, starred));
  }

  private Call<PatchSegmentPartialUpdateResponse> updateCall(
      String id, String name, List<Map<String, Object>> conditionGroups, Boolean starred) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    if (name != null) attributes.put("name", require("name", name));
    if (conditionGroups != null) {
      attributes.put("definition", Map.of("condition_groups", requireGroups(conditionGroups)));
    }
    if (starred != null) attributes.put("is_starred", starred);
    Map<String, Object> body =
        Map.of("data", Map.of("type", "segment", "id", require("id", id), "attributes", attributes));
    return api().updateSegment(id, ctx.revision(), ctx.body(body, SegmentPartialUpdateQuery.class));
  }

  /** Delete Segment ({@code delete_segment}). */
  public void delete(String id) {
    ctx.execute(api().deleteSegment(require("id", id), ctx.revision()));
  }

  public CompletableFuture<Void> deleteAsync(String id) {
    return ctx.executeAsync(api().deleteSegment(require("id", id), ctx.revision()));
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

  private SegmentsApi api() {
    return ctx.api(SegmentsApi.class);
  }
}
