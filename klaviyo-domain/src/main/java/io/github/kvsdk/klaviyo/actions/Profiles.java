package io.github.kvsdk.klaviyo.actions;

import static io.github.kvsdk.klaviyo.actions.ActionContext.batches;
import static io.github.kvsdk.klaviyo.actions.ActionContext.require;

import io.github.kvsdk.klaviyo.api.profiles.BulkSubscribeProfilesParams;
import io.github.kvsdk.klaviyo.api.profiles.BulkUnsubscribeProfilesParams;
import io.github.kvsdk.klaviyo.api.profiles.CreateProfileParams;
import io.github.kvsdk.klaviyo.api.profiles.GetProfileParams;
import io.github.kvsdk.klaviyo.api.profiles.GetProfilesParams;
import io.github.kvsdk.klaviyo.api.profiles.ProfilesService;
import io.github.kvsdk.klaviyo.api.profiles.UpdateProfileParams;
import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.generated.model.BulkSubscribeProfilesRequest;
import io.github.kvsdk.klaviyo.generated.model.BulkUnsubscribeProfilesRequest;
import io.github.kvsdk.klaviyo.generated.model.CreateProfileRequest;
import io.github.kvsdk.klaviyo.generated.model.CreateProfileResult;
import io.github.kvsdk.klaviyo.generated.model.GetProfileResult;
import io.github.kvsdk.klaviyo.generated.model.GetProfilesResultData;
import io.github.kvsdk.klaviyo.generated.model.UpdateProfileRequest;
import io.github.kvsdk.klaviyo.generated.model.UpdateProfileResult;
import io.github.kvsdk.klaviyo.paging.AutoPager;
import io.github.kvsdk.klaviyo.paging.Page;
import io.github.kvsdk.klaviyo.query.QueryOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Profile actions, Create Profile, Get Profile, List Profile, Update Profile, Subscribe Profiles and
 * Unsubscribe Profiles, beside every profiles operation of the API.
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
  public CreateProfileResult create(ProfileAttributes profile) {
    return createProfile(createParams(profile));
  }

  /** Create Profile, asynchronously. */
  public CompletableFuture<CreateProfileResult> createAsync(ProfileAttributes profile) {
    return createProfileAsync(createParams(profile));
  }

  private CreateProfileParams createParams(ProfileAttributes profile) {
    if (profile == null || !profile.hasIdentifier()) {
      throw new KlaviyoValidationException("profile", "needs an email, a phone number or an external id");
    }
    Map<String, Object> body = Map.of("data", Map.of("type", "profile", "attributes", profile.toAttributes()));
    return CreateProfileParams.builder().body(ctx.body(body, CreateProfileRequest.class)).build();
  }

  /** Get Profile ({@code get_profile}), with Fields and Additional Profile Fields from {@code options}. */
  public GetProfileResult get(String id, QueryOptions options) {
    return getProfile(GetProfileParams.builder().id(id).options(ctx.validate("get_profile", options)).build());
  }

  /** Get Profile ({@code get_profile}). */
  public GetProfileResult get(String id) {
    return get(id, QueryOptions.none());
  }

  /** Get Profile, asynchronously. */
  public CompletableFuture<GetProfileResult> getAsync(String id, QueryOptions options) {
    return getProfileAsync(GetProfileParams.builder().id(id).options(ctx.validate("get_profile", options)).build());
  }

  /** List Profile ({@code get_profiles}): the first page. */
  public Page<GetProfilesResultData> list(QueryOptions options) {
    return getProfiles(listParams(options));
  }

  /** List Profile, asynchronously. */
  public CompletableFuture<Page<GetProfilesResultData>> listAsync(QueryOptions options) {
    return getProfilesAsync(listParams(options));
  }

  /** Every profile matching {@code options}, fetched lazily page by page. */
  public AutoPager<GetProfilesResultData> listAll(QueryOptions options) {
    return getProfilesAutoPager(listParams(options));
  }

  private GetProfilesParams listParams(QueryOptions options) {
    return GetProfilesParams.builder().options(ctx.validate("get_profiles", options)).build();
  }

  /** Update Profile ({@code update_profile}): only the attributes set are changed. */
  public UpdateProfileResult update(String id, ProfileAttributes profile) {
    return updateProfile(updateParams(id, profile));
  }

  /** Update Profile, asynchronously. */
  public CompletableFuture<UpdateProfileResult> updateAsync(String id, ProfileAttributes profile) {
    return updateProfileAsync(updateParams(id, profile));
  }

  private UpdateProfileParams updateParams(String id, ProfileAttributes profile) {
    if (profile == null) throw new KlaviyoValidationException("profile", "is required");
    Map<String, Object> body = Map.of("data",
        Map.of("type", "profile", "id", require("id", id), "attributes", profile.toAttributes()));
    return UpdateProfileParams.builder().id(id).body(ctx.body(body, UpdateProfileRequest.class)).build();
  }

  /**
   * Subscribe Profiles: one {@code bulk_subscribe_profiles} job per {@value #MAX_SUBSCRIBE_BATCH}
   * profiles, to {@code listId} if not null.
   *
   * @return the number of jobs submitted.
   */
  public int subscribe(String listId, List<ProfileSubscription> profiles) {
    return ActionContext.runAll(subscribeJobs(listId, profiles), this::bulkSubscribeProfiles);
  }

  /** Subscribe Profiles without a list: the account's default opt-in process applies. */
  public int subscribe(List<ProfileSubscription> profiles) {
    return subscribe(null, profiles);
  }

  /** Subscribe Profiles, asynchronously. */
  public CompletableFuture<Integer> subscribeAsync(String listId, List<ProfileSubscription> profiles) {
    return ActionContext.runAllAsync(subscribeJobs(listId, profiles), this::bulkSubscribeProfilesAsync);
  }

  private List<BulkSubscribeProfilesParams> subscribeJobs(String listId, List<ProfileSubscription> profiles) {
    List<BulkSubscribeProfilesParams> jobs = new ArrayList<>();
    for (List<ProfileSubscription> batch : batches(requireProfiles(profiles), MAX_SUBSCRIBE_BATCH)) {
      Map<String, Object> body =
          jobDocument("profile-subscription-bulk-create-job", listId, batch, "SUBSCRIBED");
      jobs.add(BulkSubscribeProfilesParams.builder()
          .body(ctx.body(body, BulkSubscribeProfilesRequest.class)).build());
    }
    return jobs;
  }

  /**
   * Unsubscribe Profiles: one {@code bulk_unsubscribe_profiles} job per {@value #MAX_UNSUBSCRIBE_BATCH}
   * profiles, from {@code listId} if not null.
   *
   * @return the number of jobs submitted.
   */
  public int unsubscribe(String listId, List<ProfileSubscription> profiles) {
    return ActionContext.runAll(unsubscribeJobs(listId, profiles), this::bulkUnsubscribeProfiles);
  }

  /** Unsubscribe Profiles without a list. */
  public int unsubscribe(List<ProfileSubscription> profiles) {
    return unsubscribe(null, profiles);
  }

  /** Unsubscribe Profiles, asynchronously. */
  public CompletableFuture<Integer> unsubscribeAsync(String listId, List<ProfileSubscription> profiles) {
    return ActionContext.runAllAsync(unsubscribeJobs(listId, profiles), this::bulkUnsubscribeProfilesAsync);
  }

  private List<BulkUnsubscribeProfilesParams> unsubscribeJobs(String listId, List<ProfileSubscription> profiles) {
    List<BulkUnsubscribeProfilesParams> jobs = new ArrayList<>();
    for (List<ProfileSubscription> batch : batches(requireProfiles(profiles), MAX_UNSUBSCRIBE_BATCH)) {
      Map<String, Object> body =
          jobDocument("profile-subscription-bulk-delete-job", listId, batch, "UNSUBSCRIBED");
      jobs.add(BulkUnsubscribeProfilesParams.builder()
          .body(ctx.body(body, BulkUnsubscribeProfilesRequest.class)).build());
    }
    return jobs;
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
}
