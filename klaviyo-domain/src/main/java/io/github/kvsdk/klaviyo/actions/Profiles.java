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

  Profiles(ActionContext ctx, ProfilesService base) {
    super(base);
    this.ctx = ctx;
  }

  /**
   * Create Profile ({@code create_profile}). At least one of email, phone number or external id is needed.
   *
   * @param profile the profile's attributes, built with {@link ProfileAttributes#builder()}
   * @return Klaviyo's response document
   */
  public CreateProfileResult create(ProfileAttributes profile) {
    return createProfile(createParams(profile));
  }

  /**
   * Create Profile, asynchronously.
   *
   * @param profile the profile's attributes, built with {@link ProfileAttributes#builder()}
   * @return a future that completes with Klaviyo's response document, or exceptionally with a typed {@link
   *     io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<CreateProfileResult> createAsync(ProfileAttributes profile) {
    return createProfileAsync(createParams(profile));
  }

  private CreateProfileParams createParams(ProfileAttributes profile) {
    if (profile == null || !profile.hasIdentifier()) {
      throw new KlaviyoValidationException("profile", "needs an email, a phone number or an external id");
    }
    if (!profile.toMeta().isEmpty()) {
      throw new KlaviyoValidationException("profile",
          "patch operations on properties (append, unappend, unset) apply to Update Profile only");
    }
    Map<String, Object> body = Map.of("data", Map.of("type", "profile", "attributes", profile.toAttributes()));
    return CreateProfileParams.builder().body(ctx.body(body, CreateProfileRequest.class)).build();
  }

  /**
   * Get Profile ({@code get_profile}), with Fields and Additional Profile Fields from {@code options}.
   *
   * @param id the profile's id
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return Klaviyo's response document
   */
  public GetProfileResult get(String id, QueryOptions options) {
    return getProfile(GetProfileParams.builder().id(id).options(ctx.validate("get_profile", options)).build());
  }

  /**
   * Get Profile ({@code get_profile}).
   *
   * @param id the profile's id
   * @return Klaviyo's response document
   */
  public GetProfileResult get(String id) {
    return get(id, QueryOptions.none());
  }

  /**
   * Get Profile, asynchronously.
   *
   * @param id the profile's id
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return a future that completes with Klaviyo's response document, or exceptionally with a typed {@link
   *     io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<GetProfileResult> getAsync(String id, QueryOptions options) {
    return getProfileAsync(GetProfileParams.builder().id(id).options(ctx.validate("get_profile", options)).build());
  }

  /**
   * List Profile ({@code get_profiles}): the first page.
   *
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return the first page; {@link io.github.kvsdk.klaviyo.paging.Page#nextPage()} fetches the next
   */
  public Page<GetProfilesResultData> list(QueryOptions options) {
    return getProfiles(listParams(options));
  }

  /**
   * List Profile, asynchronously.
   *
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return a future that completes with the first page; {@link io.github.kvsdk.klaviyo.paging.Page#nextPage()}
   *     fetches the next, or exceptionally with a typed {@link io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<Page<GetProfilesResultData>> listAsync(QueryOptions options) {
    return getProfilesAsync(listParams(options));
  }

  /**
   * Every profile matching {@code options}, fetched lazily page by page.
   *
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return a pager over every item, fetching each page when the iteration reaches it
   */
  public AutoPager<GetProfilesResultData> listAll(QueryOptions options) {
    return getProfilesAutoPager(listParams(options));
  }

  private GetProfilesParams listParams(QueryOptions options) {
    return GetProfilesParams.builder().options(ctx.validate("get_profiles", options)).build();
  }

  /**
   * Update Profile ({@code update_profile}): sends exactly the attributes set on {@code profile}, so only those
   * change; an attribute set to {@code null} is cleared. Patch operations on properties go in the request's
   * {@code meta}.
   *
   * @param id the profile's id
   * @param profile the profile's attributes, built with {@link ProfileAttributes#builder()}
   * @return Klaviyo's response document
   */
  public UpdateProfileResult update(String id, ProfileAttributes profile) {
    return updateProfile(updateParams(id, profile));
  }

  /**
   * Update Profile, asynchronously.
   *
   * @param id the profile's id
   * @param profile the profile's attributes, built with {@link ProfileAttributes#builder()}
   * @return a future that completes with Klaviyo's response document, or exceptionally with a typed {@link
   *     io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<UpdateProfileResult> updateAsync(String id, ProfileAttributes profile) {
    return updateProfileAsync(updateParams(id, profile));
  }

  private UpdateProfileParams updateParams(String id, ProfileAttributes profile) {
    if (profile == null) throw new KlaviyoValidationException("profile", "is required");
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("type", "profile");
    data.put("id", require("id", id));
    data.put("attributes", profile.toAttributes());
    if (!profile.toMeta().isEmpty()) data.put("meta", profile.toMeta());
    Map<String, Object> body = Map.of("data", data);
    return UpdateProfileParams.builder().id(id).body(ctx.body(body, UpdateProfileRequest.class)).build();
  }

  /**
   * Subscribe Profiles: one {@code bulk_subscribe_profiles} job per {@value #MAX_SUBSCRIBE_BATCH} profiles, to
   * {@code listId} if not null, sent one after another; every job is sent even if an earlier one failed.
   *
   * @param listId the list to subscribe them to, or null for none
   * @param profiles the profiles to subscribe, each with its email and/or phone number and consent
   * @return each job's outcome: accepted, or failed with its typed error.
   */
  public BulkResult subscribe(String listId, List<ProfileSubscription> profiles) {
    return subscribe(listId, profiles, SubscriptionOptions.none());
  }

  /**
   * Subscribe Profiles without a list: the account's default opt-in process applies.
   *
   * @param profiles the profiles to subscribe, each with its email and/or phone number and consent
   * @return each job's outcome: accepted, or failed with its typed error
   */
  public BulkResult subscribe(List<ProfileSubscription> profiles) {
    return subscribe(null, profiles);
  }

  /**
   * Subscribe Profiles with a custom source, as a historical import, or sending the jobs as {@code options} say.
   *
   * @param listId the list to subscribe them to, or null for none
   * @param profiles the profiles to subscribe, each with its email and/or phone number and consent
   * @param options the custom source, historical import flag and how the jobs are sent
   * @return each job's outcome: accepted, or failed with its typed error
   */
  public BulkResult subscribe(String listId, List<ProfileSubscription> profiles, SubscriptionOptions options) {
    List<List<ProfileSubscription>> batches = batches(requireProfiles(profiles), MAX_SUBSCRIBE_BATCH);
    SubscriptionOptions o = requireOptions(options, profiles);
    return BulkRun.runAll(subscribeJobs(listId, batches, o), ActionContext.sizes(batches), o.bulk(),
        this::bulkSubscribeProfiles);
  }

  /**
   * Subscribe Profiles, asynchronously, with at most {@value BulkOptions#DEFAULT_MAX_IN_FLIGHT} jobs in flight;
   * the future completes with every job's outcome.
   *
   * @param listId the list's id
   * @param profiles the profiles to subscribe, each with its email and/or phone number and consent
   * @return a future that completes with each job's outcome once every job was sent
   */
  public CompletableFuture<BulkResult> subscribeAsync(String listId, List<ProfileSubscription> profiles) {
    return subscribeAsync(listId, profiles, SubscriptionOptions.none());
  }

  /**
   * Subscribe Profiles, asynchronously, as {@code options} say.
   *
   * @param listId the list's id
   * @param profiles the profiles to subscribe, each with its email and/or phone number and consent
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return a future that completes with each job's outcome once every job was sent
   */
  public CompletableFuture<BulkResult> subscribeAsync(
      String listId, List<ProfileSubscription> profiles, SubscriptionOptions options) {
    List<List<ProfileSubscription>> batches = batches(requireProfiles(profiles), MAX_SUBSCRIBE_BATCH);
    SubscriptionOptions o = requireOptions(options, profiles);
    return BulkRun.runAllAsync(subscribeJobs(listId, batches, o), ActionContext.sizes(batches), o.bulk(),
        this::bulkSubscribeProfilesAsync);
  }

  private static SubscriptionOptions requireOptions(SubscriptionOptions options, List<ProfileSubscription> profiles) {
    if (options == null) throw new KlaviyoValidationException("options", "is required; use SubscriptionOptions.none()");
    boolean historical = Boolean.TRUE.equals(options.historicalImport());
    for (ProfileSubscription profile : profiles) {
      if (historical && !profile.hasConsentedAt()) {
        throw new KlaviyoValidationException("profiles.consentedAt",
            "a historical import needs the consent time of every profile (Klaviyo's rule)");
      }
      if (!historical && profile.hasConsentedAt()) {
        throw new KlaviyoValidationException("profiles.consentedAt",
            "is only accepted in a historical import (SubscriptionOptions.historicalImport(true))");
      }
    }
    return options;
  }

  private List<BulkSubscribeProfilesParams> subscribeJobs(
      String listId, List<List<ProfileSubscription>> batches, SubscriptionOptions options) {
    List<BulkSubscribeProfilesParams> jobs = new ArrayList<>();
    for (List<ProfileSubscription> batch : batches) {
      Map<String, Object> body =
          jobDocument("profile-subscription-bulk-create-job", listId, batch, "SUBSCRIBED", options);
      jobs.add(BulkSubscribeProfilesParams.builder()
          .body(ctx.body(body, BulkSubscribeProfilesRequest.class)).build());
    }
    return jobs;
  }

  /**
   * Unsubscribe Profiles: one {@code bulk_unsubscribe_profiles} job per {@value #MAX_UNSUBSCRIBE_BATCH}
   * profiles, from {@code listId} if not null, sent one after another; every job is sent even if an earlier
   * one failed.
   *
   * @param listId the list to unsubscribe them from, or null for none
   * @param profiles the profiles to unsubscribe, each with its email and/or phone number
   * @return each job's outcome: accepted, or failed with its typed error.
   */
  public BulkResult unsubscribe(String listId, List<ProfileSubscription> profiles) {
    return unsubscribe(listId, profiles, BulkOptions.defaults());
  }

  /**
   * Unsubscribe Profiles without a list.
   *
   * @param profiles the profiles to unsubscribe, each with its email and/or phone number
   * @return each job's outcome: accepted, or failed with its typed error
   */
  public BulkResult unsubscribe(List<ProfileSubscription> profiles) {
    return unsubscribe(null, profiles);
  }

  /**
   * Unsubscribe Profiles, sending the jobs as {@code options} say.
   *
   * @param listId the list to unsubscribe them from, or null for none
   * @param profiles the profiles to unsubscribe, each with its email and/or phone number
   * @param options how the jobs are sent (parallelism, stop on first failure)
   * @return each job's outcome: accepted, or failed with its typed error
   */
  public BulkResult unsubscribe(String listId, List<ProfileSubscription> profiles, BulkOptions options) {
    List<List<ProfileSubscription>> batches = batches(requireProfiles(profiles), MAX_UNSUBSCRIBE_BATCH);
    return BulkRun.runAll(unsubscribeJobs(listId, batches), ActionContext.sizes(batches), options,
        this::bulkUnsubscribeProfiles);
  }

  /**
   * Unsubscribe Profiles, asynchronously, with at most {@value BulkOptions#DEFAULT_MAX_IN_FLIGHT} jobs in
   * flight; the future completes with every job's outcome.
   *
   * @param listId the list's id
   * @param profiles the profiles to unsubscribe, each with its email and/or phone number
   * @return a future that completes with each job's outcome once every job was sent
   */
  public CompletableFuture<BulkResult> unsubscribeAsync(String listId, List<ProfileSubscription> profiles) {
    return unsubscribeAsync(listId, profiles, BulkOptions.defaults());
  }

  /**
   * Unsubscribe Profiles, asynchronously, as {@code options} say.
   *
   * @param listId the list's id
   * @param profiles the profiles to unsubscribe, each with its email and/or phone number
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return a future that completes with each job's outcome once every job was sent
   */
  public CompletableFuture<BulkResult> unsubscribeAsync(
      String listId, List<ProfileSubscription> profiles, BulkOptions options) {
    List<List<ProfileSubscription>> batches = batches(requireProfiles(profiles), MAX_UNSUBSCRIBE_BATCH);
    return BulkRun.runAllAsync(unsubscribeJobs(listId, batches), ActionContext.sizes(batches), options,
        this::bulkUnsubscribeProfilesAsync);
  }

  private List<BulkUnsubscribeProfilesParams> unsubscribeJobs(String listId, List<List<ProfileSubscription>> batches) {
    List<BulkUnsubscribeProfilesParams> jobs = new ArrayList<>();
    for (List<ProfileSubscription> batch : batches) {
      for (ProfileSubscription profile : batch) {
        if (profile.hasConsentedAt()) {
          throw new KlaviyoValidationException("profiles.consentedAt", "applies to Subscribe Profiles only");
        }
      }
      Map<String, Object> body =
          jobDocument("profile-subscription-bulk-delete-job", listId, batch, "UNSUBSCRIBED", SubscriptionOptions.none());
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
      String type, String listId, List<ProfileSubscription> batch, String consent, SubscriptionOptions options) {
    List<Object> resources = new ArrayList<>();
    for (ProfileSubscription profile : batch) resources.add(profile.toResource(consent));
    Map<String, Object> attributes = new LinkedHashMap<>();
    if (options.customSource() != null) attributes.put("custom_source", options.customSource());
    attributes.put("profiles", Map.of("data", resources));
    if (options.historicalImport() != null) attributes.put("historical_import", options.historicalImport());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("type", type);
    data.put("attributes", attributes);
    if (listId != null) {
      data.put("relationships",
          Map.of("list", Map.of("data", Map.of("type", "list", "id", require("listId", listId)))));
    }
    return Map.of("data", data);
  }
}
