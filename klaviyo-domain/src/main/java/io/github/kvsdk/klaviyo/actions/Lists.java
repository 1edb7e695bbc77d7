package io.github.kvsdk.klaviyo.actions;

import static io.github.kvsdk.klaviyo.actions.ActionContext.require;

import io.github.kvsdk.klaviyo.api.lists.CreateListParams;
import io.github.kvsdk.klaviyo.api.lists.DeleteListParams;
import io.github.kvsdk.klaviyo.api.lists.GetListParams;
import io.github.kvsdk.klaviyo.api.lists.GetListsParams;
import io.github.kvsdk.klaviyo.api.lists.GetProfilesForListParams;
import io.github.kvsdk.klaviyo.api.lists.ListsService;
import io.github.kvsdk.klaviyo.api.lists.UpdateListParams;
import io.github.kvsdk.klaviyo.generated.model.CreateListRequest;
import io.github.kvsdk.klaviyo.generated.model.CreateListResult;
import io.github.kvsdk.klaviyo.generated.model.GetListResult;
import io.github.kvsdk.klaviyo.generated.model.GetListsResultData;
import io.github.kvsdk.klaviyo.generated.model.GetProfilesForListResultData;
import io.github.kvsdk.klaviyo.generated.model.UpdateListRequest;
import io.github.kvsdk.klaviyo.generated.model.UpdateListResult;
import io.github.kvsdk.klaviyo.paging.AutoPager;
import io.github.kvsdk.klaviyo.paging.Page;
import io.github.kvsdk.klaviyo.query.QueryOptions;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * List actions: Create List, Get List, List Lists, Update List, Delete List and List List Profiles.
 *
 * <p>Every method validates its input and query options against the pinned spec before sending, throwing
 * a {@link io.github.kvsdk.klaviyo.errors.KlaviyoValidationException}; the {@code Async} variants throw
 * those at once and complete their future with the call's outcome.
 */
public final class Lists extends ListsService {
  /** The list name of {@link #create()} and {@link #update(String)}, the overloads without a name. */
  public static final String DEFAULT_NAME = "Newsletter";

  private final ActionContext ctx;

  Lists(ActionContext ctx) {
    super(ctx.services);
    this.ctx = ctx;
  }

  /** Create List named {@value #DEFAULT_NAME}, the default name ({@code create_list}). */
  public CreateListResult create() {
    return create(DEFAULT_NAME);
  }

  /**
   * Create List ({@code create_list}).
   *
   * @throws io.github.kvsdk.klaviyo.errors.KlaviyoValidationException if {@code name} is null or blank; use
   *     {@link #create()} for the default name
   */
  public CreateListResult create(String name) {
    return createList(createParams(name));
  }

  /** Create List, asynchronously. */
  public CompletableFuture<CreateListResult> createAsync(String name) {
    return createListAsync(createParams(name));
  }

  private CreateListParams createParams(String name) {
    Map<String, Object> body =
        Map.of("data", Map.of("type", "list", "attributes", Map.of("name", require("name", name))));
    return CreateListParams.builder().body(ctx.body(body, CreateListRequest.class)).build();
  }

  /** Get List ({@code get_list}), with {@code fields[list]} and friends from {@code options}. */
  public GetListResult get(String id, QueryOptions options) {
    return getList(GetListParams.builder().id(id).options(ctx.validate("get_list", options)).build());
  }

  /** Get List ({@code get_list}). */
  public GetListResult get(String id) {
    return get(id, QueryOptions.none());
  }

  /** Get List, asynchronously. */
  public CompletableFuture<GetListResult> getAsync(String id, QueryOptions options) {
    return getListAsync(GetListParams.builder().id(id).options(ctx.validate("get_list", options)).build());
  }

  /** List Lists ({@code get_lists}): the first page. */
  public Page<GetListsResultData> list(QueryOptions options) {
    return getLists(listParams(options));
  }

  /** List Lists, asynchronously. */
  public CompletableFuture<Page<GetListsResultData>> listAsync(QueryOptions options) {
    return getListsAsync(listParams(options));
  }

  /** List Lists, every page, fetched lazily. */
  public AutoPager<GetListsResultData> listAll(QueryOptions options) {
    return getListsAutoPager(listParams(options));
  }

  private GetListsParams listParams(QueryOptions options) {
    return GetListsParams.builder().options(ctx.validate("get_lists", options)).build();
  }

  /** Update List ({@code update_list}), renaming it to {@value #DEFAULT_NAME}, the default name. */
  public UpdateListResult update(String id) {
    return update(id, DEFAULT_NAME);
  }

  /**
   * Update List ({@code update_list}).
   *
   * @throws io.github.kvsdk.klaviyo.errors.KlaviyoValidationException if {@code name} is null or blank; use
   *     {@link #update(String)} for the default name
   */
  public UpdateListResult update(String id, String name) {
    return updateList(updateParams(id, name));
  }

  /** Update List, asynchronously. */
  public CompletableFuture<UpdateListResult> updateAsync(String id, String name) {
    return updateListAsync(updateParams(id, name));
  }

  private UpdateListParams updateParams(String id, String name) {
    Map<String, Object> body = Map.of("data",
        Map.of("type", "list", "id", require("id", id), "attributes", Map.of("name", require("name", name))));
    return UpdateListParams.builder().id(id).body(ctx.body(body, UpdateListRequest.class)).build();
  }

  /** Delete List ({@code delete_list}). */
  public void delete(String id) {
    deleteList(DeleteListParams.builder().id(id).build());
  }

  /** Delete List, asynchronously. */
  public CompletableFuture<Void> deleteAsync(String id) {
    return deleteListAsync(DeleteListParams.builder().id(id).build());
  }

  /** List List Profiles ({@code get_profiles_for_list}): the first page of the list's members. */
  public Page<GetProfilesForListResultData> profiles(String listId, QueryOptions options) {
    return getProfilesForList(profilesParams(listId, options));
  }

  /** List List Profiles, asynchronously. */
  public CompletableFuture<Page<GetProfilesForListResultData>> profilesAsync(String listId, QueryOptions options) {
    return getProfilesForListAsync(profilesParams(listId, options));
  }

  /** Every member of the list, fetched lazily page by page. */
  public AutoPager<GetProfilesForListResultData> allProfiles(String listId, QueryOptions options) {
    return getProfilesForListAutoPager(profilesParams(listId, options));
  }

  private GetProfilesForListParams profilesParams(String listId, QueryOptions options) {
    return GetProfilesForListParams.builder().id(require("listId", listId))
        .options(ctx.validate("get_profiles_for_list", options)).build();
  }
}
