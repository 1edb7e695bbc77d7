package io.github.kvsdk.klaviyo.actions;

import io.github.kvsdk.klaviyo.api.templates.TemplatesService;
import static io.github.kvsdk.klaviyo.actions.ActionContext.fields;
import static io.github.kvsdk.klaviyo.actions.ActionContext.filter;
import static io.github.kvsdk.klaviyo.actions.ActionContext.require;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.generated.api.TemplatesApi;
import io.github.kvsdk.klaviyo.generated.model.GetTemplateResponse;
import io.github.kvsdk.klaviyo.generated.model.GetTemplateResponseCollection;
import io.github.kvsdk.klaviyo.generated.model.PatchTemplateResponse;
import io.github.kvsdk.klaviyo.generated.model.PostTemplateResponse;
import io.github.kvsdk.klaviyo.generated.model.TemplateCreateQuery;
import io.github.kvsdk.klaviyo.generated.model.TemplateResponseObjectResource;
import io.github.kvsdk.klaviyo.generated.model.TemplateUpdateQuery;
import io.github.kvsdk.klaviyo.paging.AutoPager;
import io.github.kvsdk.klaviyo.paging.Page;
import io.github.kvsdk.klaviyo.query.QueryOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import retrofit2.Call;

/** Template actions: Create, Get, List, Update and Delete Template. */
public final class Templates extends TemplatesService {
  /** The only editor type the API creates templates with. */
  public static final String EDITOR_TYPE_CODE = "CODE";

  private final ActionContext ctx;

  Templates(ActionContext ctx) {
    super(ctx.services);
    this.ctx = ctx;
  }

  /**
   * Create Template ({@code create_template}): a custom HTML template.
   *
   * @param editorType null or {@value #EDITOR_TYPE_CODE}, the only type the API accepts.
   * @param text the plain-text version; may be null.
   */
  public PostTemplateResponse create(String name, String editorType, String html, String text) {
    return ctx.execute(createCall(name, editorType, html, text));
  }

  /** Create Template with editor type {@value #EDITOR_TYPE_CODE}. */
  public PostTemplateResponse create(String name, String html, String text) {
    return create(name, null, html, text);
  }

  public CompletableFuture<PostTemplateResponse> createAsync(String name, String editorType, String html, String text) {
    return ctx.executeAsync(createCall(name, editorType, html, text));
  }

  private Call<PostTemplateResponse> createCall(String name, String editorType, String html, String text) {
    if (editorType != null && !EDITOR_TYPE_CODE.equals(editorType)) {
      throw new KlaviyoValidationException("editorType", "is restricted to CODE");
    }
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("name", require("name", name));
    attributes.put("editor_type", EDITOR_TYPE_CODE);
    attributes.put("html", require("html", html));
    if (text != null) attributes.put("text", text);
    Map<String, Object> body = Map.of("data", Map.of("type", "template", "attributes", attributes));
    return api().createTemplate(ctx.revision(), ctx.body(body, TemplateCreateQuery.class));
  }

  /** Get Template ({@code get_template}), with {@code fields[template]} from {@code options}. */
  public GetTemplateResponse get(String id, QueryOptions options) {
    return ctx.execute(getCall(id, options));
  }

  public GetTemplateResponse get(String id) {
    return get(id, QueryOptions.none());
  }

  public CompletableFuture<GetTemplateResponse> getAsync(String id, QueryOptions options) {
    return ctx.executeAsync(getCall(id, options));
  }

  private Call<GetTemplateResponse> getCall(String id, QueryOptions options) {
    QueryOptions o = ctx.validate("get_template", options);
    return api().getTemplate(require("id", id), ctx.revision(), fields(o, "template"));
  }

  /** List Templates ({@code get_templates}): the first page (10 templates). */
  public Page<TemplateResponseObjectResource> list(QueryOptions options) {
    QueryOptions o = ctx.validate("get_templates", options);
    return ctx.firstPage(listCall(o), GetTemplateResponseCollection::getData, null,
        GetTemplateResponseCollection::getLinks);
  }

  public CompletableFuture<Page<TemplateResponseObjectResource>> listAsync(QueryOptions options) {
    QueryOptions o = ctx.validate("get_templates", options);
    return ctx.firstPageAsync(listCall(o), GetTemplateResponseCollection::getData, null,
        GetTemplateResponseCollection::getLinks);
  }

  public AutoPager<TemplateResponseObjectResource> listAll(QueryOptions options) {
    QueryOptions o = ctx.validate("get_templates", options);
    return ctx.allPages(listCall(o), GetTemplateResponseCollection::getData, null,
        GetTemplateResponseCollection::getLinks);
  }

  private Function<String, Call<GetTemplateResponseCollection>> listCall(QueryOptions o) {
    return cursor -> api().getTemplates(ctx.revision(), fields(o, "template"), filter(o), cursor,
        o.sort().orElse(null));
  }

  /** Update Template ({@code update_template}): null arguments are left unchanged. */
  public PatchTemplateResponse update(String id, String name, String html, String text) {
    return ctx.execute(updateCall(id, name, html, text));
  }

  public CompletableFuture<PatchTemplateResponse> updateAsync(String id, String name, String html, String text) {
    return ctx.executeAsync(updateCall(id, name, html, text));
  }

  private Call<PatchTemplateResponse> updateCall(String id, String name, String html, String text) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    if (name != null) attributes.put("name", require("name", name));
    if (html != null) attributes.put("html", html);
    if (text != null) attributes.put("text", text);
    Map<String, Object> body =
        Map.of("data", Map.of("type", "template", "id", require("id", id), "attributes", attributes));
    return api().updateTemplate(id, ctx.revision(), ctx.body(body, TemplateUpdateQuery.class));
  }

  /** Delete Template ({@code delete_template}). */
  public void delete(String id) {
    ctx.execute(api().deleteTemplate(require("id", id), ctx.revision()));
  }

  public CompletableFuture<Void> deleteAsync(String id) {
    return ctx.executeAsync(api().deleteTemplate(require("id", id), ctx.revision()));
  }

  private TemplatesApi api() {
    return ctx.api(TemplatesApi.class);
  }
}
