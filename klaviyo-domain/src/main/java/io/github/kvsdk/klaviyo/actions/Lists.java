package io.github.kvsdk.klaviyo.actions;

import io.github.kvsdk.klaviyo.api.lists.ListsService;
import static io.github.kvsdk.klaviyo.actions.ActionContext.additionalFields;
import static io.github.kvsdk.klaviyo.actions.ActionContext.fields;
import static io.github.kvsdk.klaviyo.actions.ActionContext.filter;
import static io.github.kvsdk.klaviyo.actions.ActionContext.include;
import static io.github.kvsdk.klaviyo.actions.ActionContext.pageSize;
import static io.github.kvsdk.klaviyo.actions.ActionContext.require;

import io.github.kvsdk.klaviyo.generated.api.ListsApi;
import io.github.kvsdk.klaviyo.generated.model.GetListListResponseCollectionCompoundDocument;
import io.github.kvsdk.klaviyo.generated.model.GetListListResponseCollectionCompoundDocumentDataInner;
import io.github.kvsdk.klaviyo.generated.model.GetListMemberResponseCollection;
import io.github.kvsdk.klaviyo.generated.model.GetListMemberResponseCollectionDataInner;
import io.github.kvsdk.klaviyo.generated.model.GetListRetrieveResponseCompoundDocument;
import io.github.kvsdk.klaviyo.generated.model.ListCreateQuery;
import io.github.kvsdk.klaviyo.generated.model.ListPartialUpdateQuery;
import io.github.kvsdk.klaviyo.generated.model.PatchListPartialUpdateResponse;
import io.github.kvsdk.klaviyo.generated.model.PostListCreateResponse;
import io.github.kvsdk.klaviyo.paging.AutoPager;
import io.github.kvsdk.klaviyo.paging.Page;
import io.github.kvsdk.klaviyo.query.QueryOptions;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import retrofit2.Call;

/**
 * List actions: Create List, Get List, List Lists, Update List, Delete List and List List Profiles.
 *
 * <p>Every method validates its input and query options against the pinned spec before sending, throwing
 * a {@link io.github.kvsdk.klaviyo.errors.KlaviyoValidationException}; the {@code Async} variants throw
 * those at once and complete their future with the call's outcome.
 */
public final class Lists extends ListsService {
  /** The seed's default list name for Create List and Update List. */
  public static final String DEFAULT_NAME = "Newsletter";

  private final ActionContext ctx;

  Lists(ActionContext ctx) {
    super(ctx.services);
    this.ctx = ctx;
  }

  /** Create List named {@value #DEFAULT_NAME} ({@code create_list}). */
  public PostListCreateResponse create() {
    return create(null);
  }

  /** Create List ({@code create_list}); a null name means {@value #DEFAULT_NAME}. */
  public PostListCreateResponse create(String name) {
    return ctx.execute(createCall(name));
  }

  public CompletableFuture<PostListCreateResponse> createAsync(String name) {
    return ctx.executeAsync(createCall(name));
  }

  private Call<PostListCreateResponse> createCall(String name) {
    String listName = name == null ? DEFAULT_NAME : require("name", name);
    Map<String, Object> body = Map.of("data", Map.of("type", "list", "attributes", Map.of("name", listName)));
    return api().createList(ctx.revision(), ctx.body(body, ListCreateQuery.class));
  }

  /** Get List ({@code get_list}), with {@code fields[list]} and friends from {@code options}. */
  public GetListRetrieveResponseCompoundDocument get(String id, QueryOptions options) {
    return ctx.execute(getCall(id, options));
  }

  public GetListRetrieveResponseCompoundDocument get(String id) {
    return get(id, QueryOptions.none());
  }

  public CompletableFuture<GetListRetrieveResponseCompoundDocument> getAsync(String id, QueryOptions options) {
    return ctx.executeAsync(getCall(id, options));
  }

  private Call<GetListRetrieveResponseCompoundDocument> getCall(String id, QueryOptions options) {
    QueryOptions o = ctx.validate("get_list", options);
    return api().getList(require("id", id), ctx.revision(), additionalFields(o, "list"), fields(o, "flow"),
        fields(o, "list"), fields(o, "tag"), include(o));
  }

  /** List Lists ({@code get_lists}): the first page. */
  public Page<GetListListResponseCollectionCompoundDocumentDataInner> list(QueryOptions options) {
    QueryOptions o = ctx.validate("get_lists", options);
    return ctx.firstPage(listCall(o), GetListListResponseCollectionCompoundDocument::getData,
        GetListListResponseCollectionCompoundDocument::getIncluded,
        GetListListResponseCollectionCompoundDocument::getLinks);
  }

  public CompletableFuture<Page<GetListListResponseCollectionCompoundDocumentDataInner>> listAsync(
      QueryOptions options) {
    QueryOptions o = ctx.validate("get_lists", options);
    return ctx.firstPageAsync(listCall(o), GetListListResponseCollectionCompoundDocument::getData,
        GetListListResponseCollectionCompoundDocument::getIncluded,
        GetListListResponseCollectionCompoundDocument::getLinks);
  }

  /** List Lists, every page, fetched lazily. */
  public AutoPager<GetListListResponseCollectionCompoundDocumentDataInner> listAll(QueryOptions options) {
    QueryOptions o = ctx.validate("get_lists", options);
    return ctx.allPages(listCall(o), GetListListResponseCollectionCompoundDocument::getData,
        GetListListResponseCollectionCompoundDocument::getIncluded,
        GetListListResponseCollectionCompoundDocument::getLinks);
  }

  private Function<String, Call<GetListListResponseCollectionCompoundDocument>> listCall(QueryOptions o) {
    return cursor -> api().getLists(ctx.revision(), fields(o, "flow"), fields(o, "list"), fields(o, "tag"),
        filter(o), include(o), cursor, o.sort().orElse(null));
  }

  /** Update List ({@code update_list}); a null name means {@value #DEFAULT_NAME}. */
  public PatchListPartialUpdateResponse update(String id, String name) {
    return ctx.execute(updateCall(id, name));
  }

  public CompletableFuture<PatchListPartialUpdateResponse> updateAsync(String id, String name) {
    return ctx.executeAsync(updateCall(id, name));
  }

  private Call<PatchListPartialUpdateResponse> updateCall(String id, String name) {
    String listName = name == null ? DEFAULT_NAME : require("name", name);
    Map<String, Object> body = Map.of("data",
        Map.of("type", "list", "id", require("id", id), "attributes", Map.of("name", listName)));
    return api().updateList(id, ctx.revision(), ctx.body(body, ListPartialUpdateQuery.class));
  }

  /** Delete List ({@code delete_list}). */
  public void delete(String id) {
    ctx.execute(api().deleteList(require("id", id), ctx.revision()));
  }

  public CompletableFuture<Void> deleteAsync(String id) {
    return ctx.executeAsync(api().deleteList(require("id", id), ctx.revision()));
  }

  /** List List Profiles ({@code get_profiles_for_list}): the first page of the list's members. */
  public Page<GetListMemberResponseCollectionDataInner> profiles(String listId, QueryOptions options) {
    QueryOptions o = ctx.validate("get_profiles_for_list", options);
    return ctx.firstPage(profilesCall(listId, o), GetListMemberResponseCollection::getData, null,
        GetListMemberResponseCollection::getLinks);
  }

  public CompletableFuture<Page<GetListMemberResponseCollectionDataInner>> profilesAsync(
      String listId, QueryOptions options) {
    QueryOptions o = ctx.validate("get_profiles_for_list", options);
    return ctx.firstPageAsync(profilesCall(listId, o), GetListMemberResponseCollection::getData, null,
        GetListMemberResponseCollection::getLinks);
  }

  /** Every member of the list, fetched lazily page by page. */
  public AutoPager<GetListMemberResponseCollectionDataInner> allProfiles(String listId, QueryOptions options) {
    QueryOptions o = ctx.validate("get_profiles_for_list", options);
    return ctx.allPages(profilesCall(listId, o), GetListMemberResponseCollection::getData, null,
        GetListMemberResponseCollection::getLinks);
  }

  private Function<String, Call<GetListMemberResponseCollection>> profilesCall(String listId, QueryOptions o) {
    String id = require("listId", listId);
    return cursor -> api().getProfilesForList(id, ctx.revision(), additionalFields(o, "profile"),
        fields(o, "profile"), filter(o), cursor, pageSize(o), o.sort().orElse(null));
  }

  private ListsApi api() {
    return ctx.api(ListsApi.class);
  }
}
