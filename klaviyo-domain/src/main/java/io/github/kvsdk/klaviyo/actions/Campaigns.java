package io.github.kvsdk.klaviyo.actions;

import io.github.kvsdk.klaviyo.api.campaigns.CampaignsService;
import static io.github.kvsdk.klaviyo.actions.ActionContext.fields;
import static io.github.kvsdk.klaviyo.actions.ActionContext.filter;
import static io.github.kvsdk.klaviyo.actions.ActionContext.include;
import static io.github.kvsdk.klaviyo.actions.ActionContext.require;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.filter.Filter;
import io.github.kvsdk.klaviyo.generated.api.CampaignsApi;
import io.github.kvsdk.klaviyo.generated.model.CampaignCreateQuery;
import io.github.kvsdk.klaviyo.generated.model.CampaignPartialUpdateQuery;
import io.github.kvsdk.klaviyo.generated.model.GetCampaignResponseCollectionCompoundDocument;
import io.github.kvsdk.klaviyo.generated.model.GetCampaignResponseCollectionCompoundDocumentDataInner;
import io.github.kvsdk.klaviyo.generated.model.GetCampaignResponseCompoundDocument;
import io.github.kvsdk.klaviyo.generated.model.PatchCampaignResponse;
import io.github.kvsdk.klaviyo.generated.model.PostCampaignResponse;
import io.github.kvsdk.klaviyo.paging.AutoPager;
import io.github.kvsdk.klaviyo.paging.Page;
import io.github.kvsdk.klaviyo.query.QueryOptions;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import retrofit2.Call;

/** Campaign actions: Create, Get, List, Update and Delete Campaign. */
public final class Campaigns extends CampaignsService {
  /**
   * The seed's default filter for List Campaigns, {@code equals(messages.channel,'sms')}: the API rejects
   * campaign listings without a channel filter.
   */
  public static final Filter DEFAULT_FILTER = Filter.parse("equals(messages.channel,'sms')");

  private final ActionContext ctx;

  Campaigns(ActionContext ctx) {
    super(ctx.services);
    this.ctx = ctx;
  }

  /** Create Campaign ({@code create_campaign}). */
  public PostCampaignResponse create(CampaignAttributes campaign) {
    return ctx.execute(createCall(campaign));
  }

  public CompletableFuture<PostCampaignResponse> createAsync(CampaignAttributes campaign) {
    return ctx.executeAsync(createCall(campaign));
  }

  private Call<PostCampaignResponse> createCall(CampaignAttributes campaign) {
    if (campaign == null) throw new KlaviyoValidationException("campaign", "is required");
    Map<String, Object> body =
        Map.of("data", Map.of("type", "campaign", "attributes", campaign.toCreateAttributes()));
    return api().createCampaign(ctx.revision(), ctx.body(body, CampaignCreateQuery.class));
  }

  /** Get Campaign ({@code get_campaign}). */
  public GetCampaignResponseCompoundDocument get(String id, QueryOptions options) {
    return ctx.execute(getCall(id, options));
  }

  public GetCampaignResponseCompoundDocument get(String id) {
    return get(id, QueryOptions.none());
  }

  public CompletableFuture<GetCampaignResponseCompoundDocument> getAsync(String id, QueryOptions options) {
    return ctx.executeAsync(getCall(id, options));
  }

  private Call<GetCampaignResponseCompoundDocument> getCall(String id, QueryOptions options) {
    QueryOptions o = ctx.validate("get_campaign", options);
    return api().getCampaign(require("id", id), ctx.revision(), fields(o, "campaign-message"),
        fields(o, "campaign"), fields(o, "tag"), include(o));
  }

  /**
   * List Campaigns ({@code get_campaigns}): the first page. Without a filter in {@code options}, {@link
   * #DEFAULT_FILTER} applies; a filter must name {@code messages.channel}.
   */
  public Page<GetCampaignResponseCollectionCompoundDocumentDataInner> list(QueryOptions options) {
    QueryOptions o = withDefaultFilter(options);
    return ctx.firstPage(listCall(o), GetCampaignResponseCollectionCompoundDocument::getData,
        GetCampaignResponseCollectionCompoundDocument::getIncluded,
        GetCampaignResponseCollectionCompoundDocument::getLinks);
  }

  public CompletableFuture<Page<GetCampaignResponseCollectionCompoundDocumentDataInner>> listAsync(
      QueryOptions options) {
    QueryOptions o = withDefaultFilter(options);
    return ctx.firstPageAsync(listCall(o), GetCampaignResponseCollectionCompoundDocument::getData,
        GetCampaignResponseCollectionCompoundDocument::getIncluded,
        GetCampaignResponseCollectionCompoundDocument::getLinks);
  }

  public AutoPager<GetCampaignResponseCollectionCompoundDocumentDataInner> listAll(QueryOptions options) {
    QueryOptions o = withDefaultFilter(options);
    return ctx.allPages(listCall(o), GetCampaignResponseCollectionCompoundDocument::getData,
        GetCampaignResponseCollectionCompoundDocument::getIncluded,
        GetCampaignResponseCollectionCompoundDocument::getLinks);
  }

  private QueryOptions withDefaultFilter(QueryOptions options) {
    QueryOptions o = options == null ? QueryOptions.none() : options;
    if (o.filter().isEmpty()) o = o.toBuilder().filter(DEFAULT_FILTER).build();
    return ctx.validate("get_campaigns", o);
  }

  private Function<String, Call<GetCampaignResponseCollectionCompoundDocument>> listCall(QueryOptions o) {
    return cursor -> api().getCampaigns(filter(o), ctx.revision(), fields(o, "campaign-message"),
        fields(o, "campaign"), fields(o, "tag"), include(o), cursor, o.sort().orElse(null));
  }

  /** Update Campaign ({@code update_campaign}): only the attributes set are changed. */
  public PatchCampaignResponse update(String id, CampaignAttributes campaign) {
    return ctx.execute(updateCall(id, campaign));
  }

  public CompletableFuture<PatchCampaignResponse> updateAsync(String id, CampaignAttributes campaign) {
    return ctx.executeAsync(updateCall(id, campaign));
  }

  private Call<PatchCampaignResponse> updateCall(String id, CampaignAttributes campaign) {
    if (campaign == null) throw new KlaviyoValidationException("campaign", "is required");
    Map<String, Object> body = Map.of("data",
        Map.of("type", "campaign", "id", require("id", id), "attributes", campaign.toUpdateAttributes()));
    return api().updateCampaign(id, ctx.revision(), ctx.body(body, CampaignPartialUpdateQuery.class));
  }

  /** Delete Campaign ({@code delete_campaign}). */
  public void delete(String id) {
    ctx.execute(api().deleteCampaign(require("id", id), ctx.revision()));
  }

  public CompletableFuture<Void> deleteAsync(String id) {
    return ctx.executeAsync(api().deleteCampaign(require("id", id), ctx.revision()));
  }

  private CampaignsApi api() {
    return ctx.api(CampaignsApi.class);
  }
}
