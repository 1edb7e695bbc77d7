package io.github.kvsdk.klaviyo.actions;

import io.github.kvsdk.klaviyo.api.profiles.ProfilesService;
import static io.github.kvsdk.klaviyo.actions.ActionContext.additionalFields;
import static io.github.kvsdk.klaviyo.actions.ActionContext.batches;
import static io.github.kvsdk.klaviyo.actions.ActionContext.fields;
import static io.github.kvsdk.klaviyo.actions.ActionContext.filter;
import static io.github.kvsdk.klaviyo.actions.ActionContext.include;
import static io.github.kvsdk.klaviyo.actions.ActionContext.pageSize;
import static io.github.kvsdk.klaviyo.actions.ActionContext.require;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.generated.api.ProfilesApi;
import io.github.kvsdk.klaviyo.generated.model.GetProfileResponseCollectionCompoundDocument;
import io.github.kvsdk.klaviyo.generated.model.GetProfileResponseCompoundDocument;
import io.github.kvsdk.klaviyo.generated.model.GetProfileResponseData;
import io.github.kvsdk.klaviyo.generated.model.PatchProfileResponse;
import io.github.kvsdk.klaviyo.generated.model.PostProfileResponse;
import io.github.kvsdk.klaviyo.generated.model.ProfileCreateQuery;
import io.github.kvsdk.klaviyo.generated.model.ProfilePartialUpdateQuery;
import io.github.kvsdk.klaviyo.generated.model.SubscriptionCreateJobCreateQuery;
import io.github.kvsdk.klaviyo.generated.model.SubscriptionDeleteJobCreateQuery;
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
 * Profile actions: Create Profile, Get Profile, List Profile, Update Profile, Subscribe Profiles and
 * Unsubscribe Profiles.
 *
 * <p>Subscribe and Unsubscribe map to the bulk subscription jobs ({@code bulk_subscribe_profiles},
 * {@code bulk_unsubscribe_profiles}); inputs larger than a job accepts are split into several jobs.
 */
public final class Profiles extends ProfilesService {
  /** Profiles per subscribe job: "Maximum number of profiles can be submitted for subscription: 1000". */
  public static final int MAX_SUBSCRIBE_BATCH = 1000;
  /** Profiles per unsubscribe job: "Maximum number of profile can be submitted for unsubscription: 100". */
  public static final int MAX_UNSUBSCRIBE_BATCH = 100;

  private final ActionContext ctx;

  Profiles(ActionContext ctx) {
    super(ctx.services);
    this.ctx = ctx;
  }

  /** Create Profile ({@code create_profile}). At least one of email, phone number or external id is needed. */
  public PostProfileResponse create(ProfileAttributes profile) {
    return ctx.execute(createCall(profile));
  }

  public CompletableFuture<PostProfileResponse> createAsync(ProfileAttributes profile) {
    return ctx.executeAsync(createCall(profile));
  }

  private Call<PostProfileResponse> createCall(ProfileAttributes profile) {
    if (profile == null || !profile.hasIdentifier()) {
      throw new KlaviyoValidationException("profile", "needs an email, a phone number or an external id");
    }
    Map<String, Object> body = Map.of("data", Map.of("type", "profile", "attributes", profile.toAttributes()));
    return api().createProfile(ctx.revision(), ctx.body(body, ProfileCreateQuery.class), null);
  }

  /** Get Profile ({@code get_profile}), with Fields and Additional Profile Fields from {@code options}. */
  public GetProfileResponseCompoundDocument get(String id, QueryOptions options) {
    return ctx.execute(getCall(id, options));
  }

  public GetProfileResponseCompoundDocument get(String id) {
    return get(id, QueryOptions.none());
  }

  public CompletableFuture<GetProfileResponseCompoundDocument> getAsync(String id, QueryOptions options) {
    return ctx.executeAsync(getCall(id, options));
  }

  private Call<GetProfileResponseCompoundDocument> getCall(String id, QueryOptions options) {
    QueryOptions o = ctx.validate("get_profile", options);
    return api().getProfile(require("id", id), ctx.revision(), additionalFields(o, "profile"), fields(o, "list"),
        fields(o, "profile"), fields(o, "segment"), include(o));
  }

  /** List Profile ({@code get_profiles}): the first page. */
  public Page<GetProfileResponseData> list(QueryOptions options) {
    QueryOptions o = ctx.validate("get_profiles", options);
    return ctx.firstPage(listCall(o), GetProfileResponseCollectionCompoundDocument::getData, null,
        GetProfileResponseCollectionCompoundDocument::getLinks);
  }

  public CompletableFuture<Page<GetProfileResponseData>> listAsync(QueryOptions options) {
    QueryOptions o = ctx.validate("get_profiles", options);
    return ctx.firstPageAsync(listCall(o), GetProfileResponseCollectionCompoundDocument::getData, null,
        GetProfileResponseCollectionCompoundDocument::getLinks);
  }

  /** Every profile matching {@code options}, fetched lazily page by page. */
  public AutoPager<GetProfileResponseData> listAll(QueryOptions options) {
    QueryOptions o = ctx.validate("get_profiles", options);
    return ctx.allPages(listCall(o), GetProfileResponseCollectionCompoundDocument::getData, null,
        GetProfileResponseCollectionCompoundDocument::getLinks);
  }

  private Function<String, Call<GetProfileResponseCollectionCompoundDocument>> listCall(QueryOptions o) {
    return cursor -> api().getProfiles(ctx.revision(), additionalFields(o, "profile"), fields(o, "profile"),
        filter(o), cursor, pageSize(o), o.sort().orElse(null));
  }

  /** Update Profile ({@code update_profile}): only the attributes set are changed. */
  public PatchProfileResponse update(String id, ProfileAttributes profile) {
    return ctx.execute(updateCall(id, profile));
  }

  public CompletableFuture<PatchProfileResponse> updateAsync(String id, ProfileAttributes profile) {
    return ctx.executeAsync(updateCall(id, profile));
  }

  private Call<PatchProfileResponse> updateCall(String id, ProfileAttributes profile) {
    if (profile == null) throw new KlaviyoValidationException("profile", "is required");
    Map<String, Object> body = Map.of("data",
        Map.of("type", "profile", "id", require("id", id), "attributes", profile.toAttributes()));
    return api().updateProfile(id, ctx.revision(), ctx.body(body, ProfilePartialUpdateQuery.class), null);
  }

  /**
   * Subscribe Profiles: one {@code bulk_subscribe_profiles} job per {@value #MAX_SUBSCRIBE_BATCH}
   * profiles, to {@code listId} if not null.
   *
   * @return the number of jobs submitted.
   */
  public int subscribe(String listId, List<ProfileSubscription> profiles) {
    return ctx.executeAll(subscribeCalls(listId, profiles));
  }

  /** Subscribe Profiles without a list: the account's default opt-in process applies. */
  public int subscribe(List<ProfileSubscription> profiles) {
    return subscribe(null, profiles);
  }

  public CompletableFuture<Integer> subscribeAsync(String listId, List<ProfileSubscription> profiles) {
    return ctx.executeAllAsync(subscribeCalls(listId, profiles));
  }

  private List<Call<Void>> subscribeCalls(String listId, List<ProfileSubscription> profiles) {
    List<Call<Void>> calls = new ArrayList<>();
    for (List<ProfileSubscription> batch : batches(requireProfiles(profiles), MAX_SUBSCRIBE_BATCH)) {
      Map<String, Object> body =
          jobDocument("profile-subscription-bulk-create-job", listId, batch, "SUBSCRIBED");
      calls.add(api().bulkSubscribeProfiles(ctx.revision(), ctx.body(body, SubscriptionCreateJobCreateQuery.class)));
    }
    return calls;
  }

  /**
   * Unsubscribe Profiles: one {@code bulk_unsubscribe_profiles} job per {@value #MAX_UNSUBSCRIBE_BATCH}
   * profiles, from {@code listId} if not null.
   *
   * @return the number of jobs submitted.
   */
  public int unsubscribe(String listId, List<ProfileSubscription> profiles) {
    return ctx.executeAll(unsubscribeCalls(listId, profiles));
  }

  public int unsubscribe(List<ProfileSubscription> profiles) {
    return unsubscribe(null, profiles);
  }

  public CompletableFuture<Integer> unsubscribeAsync(String listId, List<ProfileSubscription> profiles) {
    return ctx.executeAllAsync(unsubscribeCalls(listId, profiles));
  }

  private List<Call<Void>> unsubscribeCalls(String listId, List<ProfileSubscription> profiles) {
    List<Call<Void>> calls = new ArrayList<>();
    for (List<ProfileSubscription> batch : batches(requireProfiles(profiles), MAX_UNSUBSCRIBE_BATCH)) {
      Map<String, Object> body =
          jobDocument("profile-subscription-bulk-delete-job", listId, batch, "UNSUBSCRIBED");
      calls.add(api().bulkUnsubscribeProfiles(ctx.revision(), ctx.body(body, SubscriptionDeleteJobCreateQuery.class)));
    }
    return calls;
  }

  private static List<ProfileSubscription> requireProfiles(List<ProfileSubscription> profiles) {
    if (profiles == null || profiles.isEmpty()) {
      throw new KlaviyoValidationException("profiles", "at least one profile is required");
    }
    for (ProfileSubscription profile : profiles) {
      if (profile == null) throw new KlaviyoValidationException("profiles", "must not contain null");
    }
    return profiles;
  }

  private static Map<String, Object> jobDocument(
      String type, String listId, List<ProfileSubscription> batch, String consent) {
    List<Object> resources = new ArrayList<>();
    for (ProfileSubscription profile : batch) resources.add(profile.toResource(consent));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("type", type);
    data.put("attributes", Map.of("profiles", Map.of("data", resources)));
    if (listId != null) {
      data.put("relationships",
          Map.of("list", Map.of("data", Map.of("type", "list", "id", require("listId", listId)))));
    }
    return Map.of("data", data);
  }

  private ProfilesApi api() {
    return ctx.api(ProfilesApi.class);
  }
}
