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
   * The filter List Campaigns uses when the caller gives none, {@code equals(messages.channel,'sms')}:
   * Klaviyo refuses campaign listings without a channel filter, and SMS is the connector's documented default.
   */
  public static final Filter DEFAULT_FILTER = Filter.parse("equals(messages.channel,'sms')");

  private final ActionContext ctx;

  Campaigns(ActionContext ctx) {
    super(ctx.services);
    this.ctx = ctx;
  }

  /** Create Campaign ({@code create_campaign}). */
  public CreateCampaignResult create(CampaignAttributes campaign) {
    return createCampaign(createParams(campaign));
  }

  /** Create Campaign, asynchronously. */
  public CompletableFuture<CreateCampaignResult> createAsync(CampaignAttributes campaign) {
    return createCampaignAsync(createParams(campaign));
  }

  private CreateCampaignParams createParams(CampaignAttributes campaign) {
    if (campaign == null) throw new KlaviyoValidationException("campaign", "is required");
    Map<String, Object> body =
        Map.of("data", Map.of("type", "campaign", "attributes", campaign.toCreateAttributes()));
    return CreateCampaignParams.builder().body(ctx.body(body, CreateCampaignRequest.class)).build();
  }

  /** Get Campaign ({@code get_campaign}). */
  public GetCampaignResult get(String id, QueryOptions options) {
    return getCampaign(getParams(id, options));
  }

  /** Get Campaign ({@code get_campaign}). */
  public GetCampaignResult get(String id) {
    return get(id, QueryOptions.none());
  }

  /** Get Campaign, asynchronously. */
  public CompletableFuture<GetCampaignResult> getAsync(String id, QueryOptions options) {
    return getCampaignAsync(getParams(id, options));
  }

  private GetCampaignParams getParams(String id, QueryOptions options) {
    return GetCampaignParams.builder().id(id).options(ctx.validate("get_campaign", options)).build();
  }

  /**
   * List Campaigns ({@code get_campaigns}): the first page. Without a filter in {@code options}, {@link
   * #DEFAULT_FILTER} applies; a filter must name {@code messages.channel}.
   */
  public Page<GetCampaignsResultData> list(QueryOptions options) {
    return getCampaigns(listParams(options));
  }

  /** List Campaigns, asynchronously. */
  public CompletableFuture<Page<GetCampaignsResultData>> listAsync(QueryOptions options) {
    return getCampaignsAsync(listParams(options));
  }

  /** Every campaign matching {@code options} (see {@link #list}), fetched lazily page by page. */
  public AutoPager<GetCampaignsResultData> listAll(QueryOptions options) {
    return getCampaignsAutoPager(listParams(options));
  }

  private GetCampaignsParams listParams(QueryOptions options) {
    QueryOptions o = options == null ? QueryOptions.none() : options;
    if (o.filter().isEmpty()) o = o.toBuilder().filter(DEFAULT_FILTER).build();
    return GetCampaignsParams.builder().options(ctx.validate("get_campaigns", o)).build();
  }

  /** Update Campaign ({@code update_campaign}): only the attributes set are changed. */
  public UpdateCampaignResult update(String id, CampaignAttributes campaign) {
    return updateCampaign(updateParams(id, campaign));
  }

  /** Update Campaign, asynchronously. */
  public CompletableFuture<UpdateCampaignResult> updateAsync(String id, CampaignAttributes campaign) {
    return updateCampaignAsync(updateParams(id, campaign));
  }

  private UpdateCampaignParams updateParams(String id, CampaignAttributes campaign) {
    if (campaign == null) throw new KlaviyoValidationException("campaign", "is required");
    Map<String, Object> body = Map.of("data",
        Map.of("type", "campaign", "id", ActionContext.require("id", id), "attributes", campaign.toUpdateAttributes()));
    return UpdateCampaignParams.builder().id(id).body(ctx.body(body, UpdateCampaignRequest.class)).build();
  }

  /** Delete Campaign ({@code delete_campaign}). */
  public void delete(String id) {
    deleteCampaign(DeleteCampaignParams.builder().id(id).build());
  }

  /** Delete Campaign, asynchronously. */
  public CompletableFuture<Void> deleteAsync(String id) {
    return deleteCampaignAsync(DeleteCampaignParams.builder().id(id).build());
  }
}
