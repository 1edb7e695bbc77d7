package io.github.kvsdk.klaviyo.actions;

import static io.github.kvsdk.klaviyo.actions.ActionContext.require;

import io.github.kvsdk.klaviyo.api.templates.CreateTemplateParams;
import io.github.kvsdk.klaviyo.api.templates.DeleteTemplateParams;
import io.github.kvsdk.klaviyo.api.templates.GetTemplateParams;
import io.github.kvsdk.klaviyo.api.templates.GetTemplatesParams;
import io.github.kvsdk.klaviyo.api.templates.TemplatesService;
import io.github.kvsdk.klaviyo.api.templates.UpdateTemplateParams;
import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.generated.model.CreateTemplateRequest;
import io.github.kvsdk.klaviyo.generated.model.CreateTemplateResult;
import io.github.kvsdk.klaviyo.generated.model.GetTemplateResult;
import io.github.kvsdk.klaviyo.generated.model.GetTemplatesResultData;
import io.github.kvsdk.klaviyo.generated.model.UpdateTemplateRequest;
import io.github.kvsdk.klaviyo.generated.model.UpdateTemplateResult;
import io.github.kvsdk.klaviyo.paging.AutoPager;
import io.github.kvsdk.klaviyo.paging.Page;
import io.github.kvsdk.klaviyo.query.QueryOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Template actions, Create, Get, List, Update and Delete Template, beside every templates operation of the API. */
public final class Templates extends TemplatesService {
  /** The only editor type the API creates templates with. */
  public static final String EDITOR_TYPE_CODE = "CODE";

  private final ActionContext ctx;

  Templates(ActionContext ctx, TemplatesService base) {
    super(base);
    this.ctx = ctx;
  }

  /**
   * Create Template ({@code create_template}): a custom HTML template.
   *
   * @param editorType null or {@value #EDITOR_TYPE_CODE}, the only type the API accepts.
   * @param text the plain-text version, or null for none (then nothing is sent for it).
   * @param name the template's name; not blank
   * @param html the template's HTML
   * @return Klaviyo's response document
   */
  public CreateTemplateResult create(String name, String editorType, String html, String text) {
    return createTemplate(createParams(name, editorType, html, text));
  }

  /**
   * Create Template with editor type {@value #EDITOR_TYPE_CODE}.
   *
   * @param name the template's name; not blank
   * @param html the template's HTML
   * @param text the template's plain-text version, or null
   * @return Klaviyo's response document
   */
  public CreateTemplateResult create(String name, String html, String text) {
    return create(name, null, html, text);
  }

  /**
   * Create Template, asynchronously.
   *
   * @param name the template's name; not blank
   * @param html the template's HTML
   * @param editorType the editor the template is made for, such as {@code CODE}
   * @param text the template's plain-text version, or null
   * @return a future that completes with Klaviyo's response document, or exceptionally with a typed {@link
   *     io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<CreateTemplateResult> createAsync(String name, String editorType, String html, String text) {
    return createTemplateAsync(createParams(name, editorType, html, text));
  }

  private CreateTemplateParams createParams(String name, String editorType, String html, String text) {
    if (editorType != null && !EDITOR_TYPE_CODE.equals(editorType)) {
      throw new KlaviyoValidationException("editorType", "is restricted to CODE");
    }
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("name", require("name", name));
    attributes.put("editor_type", EDITOR_TYPE_CODE);
    attributes.put("html", require("html", html));
    if (text != null) attributes.put("text", text);
    Map<String, Object> body = Map.of("data", Map.of("type", "template", "attributes", attributes));
    return CreateTemplateParams.builder().body(ctx.body(body, CreateTemplateRequest.class)).build();
  }

  /**
   * Get Template ({@code get_template}), with {@code fields[template]} from {@code options}.
   *
   * @param id the template's id
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return Klaviyo's response document
   */
  public GetTemplateResult get(String id, QueryOptions options) {
    return getTemplate(GetTemplateParams.builder().id(id).options(ctx.validate("get_template", options)).build());
  }

  /**
   * Get Template ({@code get_template}).
   *
   * @param id the template's id
   * @return Klaviyo's response document
   */
  public GetTemplateResult get(String id) {
    return get(id, QueryOptions.none());
  }

  /**
   * Get Template, asynchronously.
   *
   * @param id the template's id
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return a future that completes with Klaviyo's response document, or exceptionally with a typed {@link
   *     io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<GetTemplateResult> getAsync(String id, QueryOptions options) {
    return getTemplateAsync(
        GetTemplateParams.builder().id(id).options(ctx.validate("get_template", options)).build());
  }

  /**
   * List Templates ({@code get_templates}): the first page (10 templates).
   *
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return the first page; {@link io.github.kvsdk.klaviyo.paging.Page#nextPage()} fetches the next
   */
  public Page<GetTemplatesResultData> list(QueryOptions options) {
    return getTemplates(listParams(options));
  }

  /**
   * List Templates, asynchronously.
   *
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return a future that completes with the first page; {@link io.github.kvsdk.klaviyo.paging.Page#nextPage()}
   *     fetches the next, or exceptionally with a typed {@link io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<Page<GetTemplatesResultData>> listAsync(QueryOptions options) {
    return getTemplatesAsync(listParams(options));
  }

  /**
   * Every template matching {@code options}, fetched lazily page by page.
   *
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return a pager over every item, fetching each page when the iteration reaches it
   */
  public AutoPager<GetTemplatesResultData> listAll(QueryOptions options) {
    return getTemplatesAutoPager(listParams(options));
  }

  private GetTemplatesParams listParams(QueryOptions options) {
    return GetTemplatesParams.builder().options(ctx.validate("get_templates", options)).build();
  }

  /**
   * Update Template ({@code update_template}): sends exactly what {@code changes} sets; a part set to {@code
   * null} is cleared, a part not set stays as it is.
   *
   * @param id the template's id
   * @param changes the attributes to change; attributes not set are left unchanged
   * @return Klaviyo's response document
   */
  public UpdateTemplateResult update(String id, TemplateAttributes changes) {
    return updateTemplate(updateParams(id, changes));
  }

  /**
   * Update Template, asynchronously.
   *
   * @param id the template's id
   * @param changes the attributes to change; attributes not set are left unchanged
   * @return a future that completes with Klaviyo's response document, or exceptionally with a typed {@link
   *     io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<UpdateTemplateResult> updateAsync(String id, TemplateAttributes changes) {
    return updateTemplateAsync(updateParams(id, changes));
  }

  private UpdateTemplateParams updateParams(String id, TemplateAttributes changes) {
    if (changes == null) throw new KlaviyoValidationException("changes", "is required");
    Map<String, Object> body = Map.of("data",
        Map.of("type", "template", "id", require("id", id), "attributes", changes.toAttributes()));
    return UpdateTemplateParams.builder().id(id).body(ctx.body(body, UpdateTemplateRequest.class)).build();
  }

  /**
   * Delete Template ({@code delete_template}).
   *
   * @param id the template's id
   */
  public void delete(String id) {
    deleteTemplate(DeleteTemplateParams.builder().id(id).build());
  }

  /**
   * Delete Template, asynchronously.
   *
   * @param id the template's id
   * @return a future that completes when Klaviyo has accepted the request, or exceptionally with a typed {@link
   *     io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<Void> deleteAsync(String id) {
    return deleteTemplateAsync(DeleteTemplateParams.builder().id(id).build());
  }
}
