package io.github.kvsdk.klaviyo.actions;

import io.github.kvsdk.klaviyo.api.accounts.AccountsService;
import io.github.kvsdk.klaviyo.api.campaigns.CampaignsService;
import io.github.kvsdk.klaviyo.api.events.EventsService;
import io.github.kvsdk.klaviyo.api.images.ImagesService;
import io.github.kvsdk.klaviyo.api.internal.ServiceContext;
import io.github.kvsdk.klaviyo.api.internal.ServiceFactories;
import io.github.kvsdk.klaviyo.api.lists.ListsService;
import io.github.kvsdk.klaviyo.api.profiles.ProfilesService;
import io.github.kvsdk.klaviyo.api.segments.SegmentsService;
import io.github.kvsdk.klaviyo.api.templates.TemplatesService;
import io.github.kvsdk.klaviyo.paging.IncludedTypes;

/**
 * The documented action set, one facade per resource, over a {@link io.github.kvsdk.klaviyo.KlaviyoClient}.
 *
 * <pre>{@code
 * client.lists().create("Newsletter");
 * for (GetProfileResponseData p : client.profiles().listAll(QueryOptions.none())) { ... }
 * }</pre>
 *
 * <p>{@link io.github.kvsdk.klaviyo.KlaviyoClient#actions()} (and its shortcuts such as {@link
 * io.github.kvsdk.klaviyo.KlaviyoClient#profiles()}) returns one cached instance per client.
 *
 * <p>Every action is a typed method with a {@code CompletableFuture} twin ({@code ...Async}). Inputs and
 * the {@code fields}, {@code additional-fields}, {@code include}, {@code filter}, {@code sort} and {@code
 * page[size]} options are validated against the pinned spec before anything is sent. List actions return
 * a {@link io.github.kvsdk.klaviyo.paging.Page} ({@code list}) or an auto-pager ({@code listAll}, lazy by
 * default, {@link io.github.kvsdk.klaviyo.paging.AutoPager#prefetching()} to fetch ahead); included
 * resources resolve by type to the generated {@code *ResponseObjectResource} classes ({@link
 * #includedTypes()}). Raw Request is {@link io.github.kvsdk.klaviyo.KlaviyoClient#raw()}.
 */
public final class KlaviyoActions {
  private final ActionContext ctx;
  private final Accounts accounts;
  private final Campaigns campaigns;
  private final Events events;
  private final Images images;
  private final Lists lists;
  private final Profiles profiles;
  private final Segments segments;
  private final Templates templates;

  static {
    // The client, in another package, creates the action set through the registry: no public member of this
    // class takes the internal context.
    ServiceFactories.register(KlaviyoActions.class, KlaviyoActions::new);
  }

  private KlaviyoActions(ServiceContext services) {
    this.ctx = new ActionContext(services);
    this.accounts = new Accounts(ctx, ServiceFactories.create(AccountsService.class, services));
    this.campaigns = new Campaigns(ctx, ServiceFactories.create(CampaignsService.class, services));
    this.events = new Events(ctx, ServiceFactories.create(EventsService.class, services));
    this.images = new Images(ctx, ServiceFactories.create(ImagesService.class, services));
    this.lists = new Lists(ctx, ServiceFactories.create(ListsService.class, services));
    this.profiles = new Profiles(ctx, ServiceFactories.create(ProfilesService.class, services));
    this.segments = new Segments(ctx, ServiceFactories.create(SegmentsService.class, services));
    this.templates = new Templates(ctx, ServiceFactories.create(TemplatesService.class, services));
  }

  /**
   * Get Account, List Accounts.
   *
   * @return the accounts actions
   */
  public Accounts accounts() {
    return accounts;
  }

  /**
   * Create, Get, List, Update and Delete Campaign.
   *
   * @return the campaigns actions
   */
  public Campaigns campaigns() {
    return campaigns;
  }

  /**
   * Create Event, Bulk Create Events, Get Event, List Events.
   *
   * @return the events actions
   */
  public Events events() {
    return events;
  }

  /**
   * Upload Image, Get Image, List Images, Update Image.
   *
   * @return the images actions
   */
  public Images images() {
    return images;
  }

  /**
   * Create, Get, List, Update and Delete List; List List Profiles.
   *
   * @return the lists actions
   */
  public Lists lists() {
    return lists;
  }

  /**
   * Create, Get, List and Update Profile; Subscribe and Unsubscribe Profiles.
   *
   * @return the profiles actions
   */
  public Profiles profiles() {
    return profiles;
  }

  /**
   * Create, Get, List, Update and Delete Segment.
   *
   * @return the segments actions
   */
  public Segments segments() {
    return segments;
  }

  /**
   * Create, Get, List, Update and Delete Template.
   *
   * @return the templates actions
   */
  public Templates templates() {
    return templates;
  }

  /** {@return how included resources of list actions resolve: JSON:API type to generated model class} */
  public IncludedTypes includedTypes() {
    return ctx.includedTypes;
  }

}
