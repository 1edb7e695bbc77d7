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

  Lists(ActionContext ctx, ListsService base) {
    super(base);
    this.ctx = ctx;
  }

  /**
   * Create List named {@value #DEFAULT_NAME}, the default name ({@code create_list}).
   *
   * @return Klaviyo's response document
   */
  public CreateListResult create() {
    return create(DEFAULT_NAME);
  }

  /**
   * Create List ({@code create_list}).
   *
   * @param name the list's name; not blank
   * @return Klaviyo's response document
   * @throws io.github.kvsdk.klaviyo.errors.KlaviyoValidationException if {@code name} is null or blank; use
   *     {@link #create()} for the default name
   */
  public CreateListResult create(String name) {
    return createList(createParams(name));
  }

  /**
   * Create List, asynchronously.
   *
   * @param name the list's name; not blank
   * @return a future that completes with Klaviyo's response document, or exceptionally with a typed {@link
   *     io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<CreateListResult> createAsync(String name) {
    return createListAsync(createParams(name));
  }

  private CreateListParams createParams(String name) {
    Map<String, Object> body =
        Map.of("data", Map.of("type", "list", "attributes", Map.of("name", require("name", name))));
    return CreateListParams.builder().body(ctx.body(body, CreateListRequest.class)).build();
  }

  /**
   * Get List ({@code get_list}), with {@code fields[list]} and friends from {@code options}.
   *
   * @param id the list's id
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return Klaviyo's response document
   */
  public GetListResult get(String id, QueryOptions options) {
    return getList(GetListParams.builder().id(id).options(ctx.validate("get_list", options)).build());
  }

  /**
   * Get List ({@code get_list}).
   *
   * @param id the list's id
   * @return Klaviyo's response document
   */
  public GetListResult get(String id) {
    return get(id, QueryOptions.none());
  }

  /**
   * Get List, asynchronously.
   *
   * @param id the list's id
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return a future that completes with Klaviyo's response document, or exceptionally with a typed {@link
   *     io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<GetListResult> getAsync(String id, QueryOptions options) {
    return getListAsync(GetListParams.builder().id(id).options(ctx.validate("get_list", options)).build());
  }

  /**
   * List Lists ({@code get_lists}): the first page.
   *
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return the first page; {@link io.github.kvsdk.klaviyo.paging.Page#nextPage()} fetches the next
   */
  public Page<GetListsResultData> list(QueryOptions options) {
    return getLists(listParams(options));
  }

  /**
   * List Lists, asynchronously.
   *
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return a future that completes with the first page; {@link io.github.kvsdk.klaviyo.paging.Page#nextPage()}
   *     fetches the next, or exceptionally with a typed {@link io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<Page<GetListsResultData>> listAsync(QueryOptions options) {
    return getListsAsync(listParams(options));
  }

  /**
   * List Lists, every page, fetched lazily.
   *
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return a pager over every item, fetching each page when the iteration reaches it
   */
  public AutoPager<GetListsResultData> listAll(QueryOptions options) {
    return getListsAutoPager(listParams(options));
  }

  private GetListsParams listParams(QueryOptions options) {
    return GetListsParams.builder().options(ctx.validate("get_lists", options)).build();
  }

  /**
   * Update List ({@code update_list}), renaming it to {@value #DEFAULT_NAME}, the default name.
   *
   * @param id the list's id
   * @return Klaviyo's response document
   */
  public UpdateListResult update(String id) {
    return update(id, DEFAULT_NAME);
  }

  /**
   * Update List ({@code update_list}).
   *
   * @param id the list's id
   * @param name the list's name; not blank
   * @return Klaviyo's response document
   * @throws io.github.kvsdk.klaviyo.errors.KlaviyoValidationException if {@code name} is null or blank; use
   *     {@link #update(String)} for the default name
   */
  public UpdateListResult update(String id, String name) {
    return updateList(updateParams(id, name));
  }

  /**
   * Update List, asynchronously.
   *
   * @param id the list's id
   * @param name the list's name; not blank
   * @return a future that completes with Klaviyo's response document, or exceptionally with a typed {@link
   *     io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<UpdateListResult> updateAsync(String id, String name) {
    return updateListAsync(updateParams(id, name));
  }

  private UpdateListParams updateParams(String id, String name) {
    Map<String, Object> body = Map.of("data",
        Map.of("type", "list", "id", require("id", id), "attributes", Map.of("name", require("name", name))));
    return UpdateListParams.builder().id(id).body(ctx.body(body, UpdateListRequest.class)).build();
  }

  /**
   * Delete List ({@code delete_list}).
   *
   * @param id the list's id
   */
  public void delete(String id) {
    deleteList(DeleteListParams.builder().id(id).build());
  }

  /**
   * Delete List, asynchronously.
   *
   * @param id the list's id
   * @return a future that completes when Klaviyo has accepted the request, or exceptionally with a typed {@link
   *     io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<Void> deleteAsync(String id) {
    return deleteListAsync(DeleteListParams.builder().id(id).build());
  }

  /**
   * List List Profiles ({@code get_profiles_for_list}): the first page of the list's members.
   *
   * @param listId the list's id
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return the first page; {@link io.github.kvsdk.klaviyo.paging.Page#nextPage()} fetches the next
   */
  public Page<GetProfilesForListResultData> profiles(String listId, QueryOptions options) {
    return getProfilesForList(profilesParams(listId, options));
  }

  /**
   * List List Profiles, asynchronously.
   *
   * @param listId the list's id
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return a future that completes with the first page; {@link io.github.kvsdk.klaviyo.paging.Page#nextPage()}
   *     fetches the next, or exceptionally with a typed {@link io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<Page<GetProfilesForListResultData>> profilesAsync(String listId, QueryOptions options) {
    return getProfilesForListAsync(profilesParams(listId, options));
  }

  /**
   * Every member of the list, fetched lazily page by page.
   *
   * @param listId the list's id
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return a pager over every item, fetching each page when the iteration reaches it
   */
  public AutoPager<GetProfilesForListResultData> allProfiles(String listId, QueryOptions options) {
    return getProfilesForListAutoPager(profilesParams(listId, options));
  }

  private GetProfilesForListParams profilesParams(String listId, QueryOptions options) {
    return GetProfilesForListParams.builder().id(require("listId", listId))
        .options(ctx.validate("get_profiles_for_list", options)).build();
  }
}
