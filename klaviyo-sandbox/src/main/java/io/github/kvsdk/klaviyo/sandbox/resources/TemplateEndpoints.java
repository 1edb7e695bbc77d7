package io.github.kvsdk.klaviyo.sandbox.resources;

import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiException;
import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiRequest;
import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Templates: CRUD of custom HTML ({@code CODE}) templates. */
final class TemplateEndpoints {
  private final Backend b;
  private final SandboxState state;

  TemplateEndpoints(Backend backend) {
    this.b = backend;
    this.state = backend.state;
  }

  void register() {
    b.on("get_templates", r -> b.list(r, state.templates()));
    b.on("get_template", r -> b.get(state.templates(), r));
    b.on("create_template", this::create);
    b.on("update_template", this::update);
    b.on("delete_template", r -> {
      state.delete(Types.TEMPLATE, b.find(state.templates(), r).id());
      return ApiResponse.noContent();
    });
  }

  private ApiResponse create(ApiRequest r) {
    Map<String, Object> data = Bodies.data(r.jsonObject(), Types.TEMPLATE);
    Map<String, Object> attributes = Bodies.attributes(data, "/data", Set.of("name", "editor_type", "html", "text"));
    String name = Bodies.requiredString(attributes, "name", "/data/attributes");
    String editorType = Bodies.requiredString(attributes, "editor_type", "/data/attributes");
    if (!editorType.equals("CODE")) {
      throw ApiException.invalidBody("/data/attributes/editor_type",
          "'editor_type' must be 'CODE'; only custom HTML templates can be created through the API.");
    }
    String html = Bodies.optionalString(attributes, "html", "/data/attributes");
    Instant now = state.now();
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("name", name);
    a.put("editor_type", editorType);
    a.put("html", html == null ? "" : html);
    a.put("text", Bodies.optionalString(attributes, "text", "/data/attributes"));
    a.put("created", now);
    a.put("updated", now);
    return ApiResponse.created(b.api.single(r, state.insert(Types.TEMPLATE, a, Map.of())));
  }

  private ApiResponse update(ApiRequest r) {
    Resource template = b.find(state.templates(), r);
    Map<String, Object> data = Bodies.data(r.jsonObject(), Types.TEMPLATE);
    Bodies.checkId(data, template.id());
    Map<String, Object> attributes = Bodies.attributes(data, "/data", Set.of("name", "html", "text"));
    Map<String, Object> changes = new LinkedHashMap<>();
    if (attributes.containsKey("name")) {
      changes.put("name", Bodies.requiredString(attributes, "name", "/data/attributes"));
    }
    if (attributes.containsKey("html")) {
      String html = Bodies.optionalString(attributes, "html", "/data/attributes");
      changes.put("html", html == null ? "" : html);
    }
    if (attributes.containsKey("text")) {
      changes.put("text", Bodies.optionalString(attributes, "text", "/data/attributes"));
    }
    return ApiResponse.ok(b.api.single(r, state.update(Types.TEMPLATE, template.id(), changes, "updated")));
  }
}
