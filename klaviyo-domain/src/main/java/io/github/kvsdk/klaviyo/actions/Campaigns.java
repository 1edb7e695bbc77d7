package io.github.kvsdk.klaviyo.actions;

import io.github.kvsdk.klaviyo.api.campaigns.CampaignsService;
import io.github.kvsdk.klaviyo.api.campaigns.CreateCampaignParams;
import io.github.kvsdk.klaviyo.api.campaigns.DeleteCampaignParams;
import io.github.kvsdk.klaviyo.api.campaigns.GetCampaignParams;
import io.github.kvsdk.klaviyo.api.campaigns.GetCampaignsParams;
import io.github.kvsdk.klaviyo.api.campaigns.UpdateCampaignParams;
import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.filter.Filter;
import io.github.kvsdk.klaviyo.generated.model.CreateCampaignRequest;
import io.github.kvsdk.klaviyo.generated.model.CreateCampaignResult;
import io.github.kvsdk.klaviyo.generated.model.GetCampaignResult;
import io.github.kvsdk.klaviyo.generated.model.GetCampaignsResultData;
import io.github.kvsdk.klaviyo.generated.model.UpdateCampaignRequest;
import io.github.kvsdk.klaviyo.generated.model.UpdateCampaignResult;
import io.github.kvsdk.klaviyo.paging.AutoPager;
import io.github.kvsdk.klaviyo.paging.Page;
import io.github.kvsdk.klaviyo.query.QueryOptions;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Campaign actions, Create, Get, List, Update and Delete Campaign, beside every campaigns operation of the API. */
public final class Campaigns extends CampaignsService {
  /**
   * The filter of {@link #list()}, {@link #listAsync()} and {@link #listAll()}, {@code
   * equals(messages.channel,'sms')}: Klaviyo refuses campaign listings without a channel filter, and SMS
   * campaigns are what List Campaigns lists by default. Options given to {@code list(QueryOptions)} never get
   * it added: their filter must name the channel itself.
   */
  public static final Filter DEFAULT_FILTER = Filter.parse("equals(messages.channel,'sms')");

  private final ActionContext ctx;

  Campaigns(ActionContext ctx, CampaignsService base) {
    super(base);
    this.ctx = ctx;
  }

  /**
   * Create Campaign ({@code create_campaign}).
   *
   * @param campaign the campaign's attributes, built with {@link CampaignAttributes#builder()}
   * @return Klaviyo's response document
   */
  public CreateCampaignResult create(CampaignAttributes campaign) {
    return createCampaign(createParams(campaign));
  }

  /**
   * Create Campaign, asynchronously.
   *
   * @param campaign the campaign's attributes, built with {@link CampaignAttributes#builder()}
   * @return a future that completes with Klaviyo's response document, or exceptionally with a typed {@link
   *     io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<CreateCampaignResult> createAsync(CampaignAttributes campaign) {
    return createCampaignAsync(createParams(campaign));
  }

  private CreateCampaignParams createParams(CampaignAttributes campaign) {
    if (campaign == null) throw new KlaviyoValidationException("campaign", "is required");
    Map<String, Object> body =
        Map.of("data", Map.of("type", "campaign", "attributes", campaign.toCreateAttributes()));
    return CreateCampaignParams.builder().body(ctx.body(body, CreateCampaignRequest.class)).build();
  }

  /**
   * Get Campaign ({@code get_campaign}).
   *
   * @param id the campaign's id
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return Klaviyo's response document
   */
  public GetCampaignResult get(String id, QueryOptions options) {
    return getCampaign(getParams(id, options));
  }

  /**
   * Get Campaign ({@code get_campaign}).
   *
   * @param id the campaign's id
   * @return Klaviyo's response document
   */
  public GetCampaignResult get(String id) {
    return get(id, QueryOptions.none());
  }

  /**
   * Get Campaign, asynchronously.
   *
   * @param id the campaign's id
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return a future that completes with Klaviyo's response document, or exceptionally with a typed {@link
   *     io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<GetCampaignResult> getAsync(String id, QueryOptions options) {
    return getCampaignAsync(getParams(id, options));
  }

  private GetCampaignParams getParams(String id, QueryOptions options) {
    return GetCampaignParams.builder().id(id).options(ctx.validate("get_campaign", options)).build();
  }

  /**
   * List Campaigns ({@code get_campaigns}): the first page of SMS campaigns, filtered by {@link #DEFAULT_FILTER}.
   *
   * @return the first page; {@link io.github.kvsdk.klaviyo.paging.Page#nextPage()} fetches the next
   */
  public Page<GetCampaignsResultData> list() {
    return list(defaultOptions());
  }

  /**
   * List Campaigns ({@code get_campaigns}): the first page. Klaviyo lists campaigns of one channel at a time, so
   * {@code options} must carry a filter on {@code messages.channel}, such as {@code
   * equals(messages.channel,'email')}; {@link #list()} uses {@link #DEFAULT_FILTER}.
   *
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return the first page; {@link io.github.kvsdk.klaviyo.paging.Page#nextPage()} fetches the next
   * @throws io.github.kvsdk.klaviyo.errors.KlaviyoValidationException if {@code options} is null or its filter
   *     is missing or names no {@code messages.channel}, before anything is sent
   */
  public Page<GetCampaignsResultData> list(QueryOptions options) {
    return getCampaigns(listParams(options));
  }

  /**
   * List Campaigns, asynchronously, filtered by {@link #DEFAULT_FILTER}.
   *
   * @return a future that completes with the first page; {@link io.github.kvsdk.klaviyo.paging.Page#nextPage()}
   *     fetches the next, or exceptionally with a typed {@link io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<Page<GetCampaignsResultData>> listAsync() {
    return listAsync(defaultOptions());
  }

  /**
   * List Campaigns, asynchronously (see {@link #list(QueryOptions)}).
   *
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return a future that completes with the first page; {@link io.github.kvsdk.klaviyo.paging.Page#nextPage()}
   *     fetches the next, or exceptionally with a typed {@link io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<Page<GetCampaignsResultData>> listAsync(QueryOptions options) {
    return getCampaignsAsync(listParams(options));
  }

  /** {@return every SMS campaign (filtered by {@link #DEFAULT_FILTER}), fetched lazily page by page} */
  public AutoPager<GetCampaignsResultData> listAll() {
    return listAll(defaultOptions());
  }

  /**
   * Every campaign matching {@code options} (see {@link #list(QueryOptions)}), fetched lazily page by page.
   *
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return a pager over every item, fetching each page when the iteration reaches it
   */
  public AutoPager<GetCampaignsResultData> listAll(QueryOptions options) {
    return getCampaignsAutoPager(listParams(options));
  }

  private static QueryOptions defaultOptions() {
    return QueryOptions.builder().filter(DEFAULT_FILTER).build();
  }

  private GetCampaignsParams listParams(QueryOptions options) {
    if (options == null) {
      throw new KlaviyoValidationException("options",
          "is required; list() lists with the default filter " + DEFAULT_FILTER.expression());
    }
    return GetCampaignsParams.builder().options(ctx.validate("get_campaigns", options)).build();
  }

  /**
   * Update Campaign ({@code update_campaign}): only the attributes set are changed.
   *
   * @param id the campaign's id
   * @param campaign the campaign's attributes, built with {@link CampaignAttributes#builder()}
   * @return Klaviyo's response document
   */
  public UpdateCampaignResult update(String id, CampaignAttributes campaign) {
    return updateCampaign(updateParams(id, campaign));
  }

  /**
   * Update Campaign, asynchronously.
   *
   * @param id the campaign's id
   * @param campaign the campaign's attributes, built with {@link CampaignAttributes#builder()}
   * @return a future that completes with Klaviyo's response document, or exceptionally with a typed {@link
   *     io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<UpdateCampaignResult> updateAsync(String id, CampaignAttributes campaign) {
    return updateCampaignAsync(updateParams(id, campaign));
  }

  private UpdateCampaignParams updateParams(String id, CampaignAttributes campaign) {
    if (campaign == null) throw new KlaviyoValidationException("campaign", "is required");
    Map<String, Object> body = Map.of("data",
        Map.of("type", "campaign", "id", ActionContext.require("id", id), "attributes", campaign.toUpdateAttributes()));
    return UpdateCampaignParams.builder().id(id).body(ctx.body(body, UpdateCampaignRequest.class)).build();
  }

  /**
   * Delete Campaign ({@code delete_campaign}).
   *
   * @param id the campaign's id
   */
  public void delete(String id) {
    deleteCampaign(DeleteCampaignParams.builder().id(id).build());
  }

  /**
   * Delete Campaign, asynchronously.
   *
   * @param id the campaign's id
   * @return a future that completes when Klaviyo has accepted the request, or exceptionally with a typed {@link
   *     io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<Void> deleteAsync(String id) {
    return deleteCampaignAsync(DeleteCampaignParams.builder().id(id).build());
  }
}
