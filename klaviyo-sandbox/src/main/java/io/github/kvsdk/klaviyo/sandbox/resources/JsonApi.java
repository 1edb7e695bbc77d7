package io.github.kvsdk.klaviyo.sandbox.resources;

import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiException;
import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiRequest;
import io.github.kvsdk.klaviyo.sandbox.internal.query.ListQuery;
import io.github.kvsdk.klaviyo.sandbox.internal.spec.Operation;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders stored objects as JSON:API documents the way Klaviyo does: resource objects with
 * {@code type}, {@code id}, {@code attributes}, {@code relationships} and {@code links}; collection
 * documents with {@code links.self/next/prev}; {@code included} for {@code include=}; sparse fieldsets.
 */
final class JsonApi {
  /** The presentation options of one request, validated against its operation. */
  record View(String baseUrl, Map<String, List<String>> fields, Set<String> additional, List<String> include) {}

  private final SandboxState state;
  private final Map<String, Kind> kinds = new HashMap<>();

  JsonApi(SandboxState state) {
    this.state = state;
    define(new Kind(Types.ACCOUNT, "accounts", List.of(), Set.of()));
    define(new Kind(Types.PROFILE, "profiles", List.of(
        new Kind.Relationship("lists", Types.LIST, true, false, r -> state.listsOf(r.id())),
        new Kind.Relationship("segments", Types.SEGMENT, true, false, r -> state.segmentsOf(r.id()))),
        Set.of("subscriptions", "predictive_analytics")));
    define(new Kind(Types.LIST, "lists", List.of(
        new Kind.Relationship("profiles", Types.PROFILE, true, false, null),
        new Kind.Relationship("tags", "tag", true, false, null),
        new Kind.Relationship("flow-triggers", Types.FLOW, true, false, null)), Set.of()));
    define(new Kind(Types.SEGMENT, "segments", List.of(
        new Kind.Relationship("profiles", Types.PROFILE, true, false, null),
        new Kind.Relationship("tags", "tag", true, false, null),
        new Kind.Relationship("flow-triggers", Types.FLOW, true, false, null)), Set.of()));
    define(new Kind(Types.EVENT, "events", List.of(
        new Kind.Relationship("profile", Types.PROFILE, false, true, r -> r.related("profile")),
        new Kind.Relationship("metric", Types.METRIC, false, true, r -> r.related("metric")),
        new Kind.Relationship("attributions", "attribution", true, false, null)), Set.of()));
    define(new Kind(Types.METRIC, "metrics", List.of(
        new Kind.Relationship("flow-triggers", Types.FLOW, true, false, null)), Set.of()));
    define(new Kind(Types.CAMPAIGN, "campaigns", List.of(
        new Kind.Relationship("campaign-messages", Types.CAMPAIGN_MESSAGE, true, true,
            r -> r.related("campaign-messages")),
        new Kind.Relationship("tags", "tag", true, false, null)), Set.of()));
    define(new Kind(Types.CAMPAIGN_MESSAGE, "campaign-messages", List.of(
        new Kind.Relationship("campaign", Types.CAMPAIGN, false, true, r -> r.related("campaign")),
        new Kind.Relationship("template", Types.TEMPLATE, false, true, r -> r.related("template"))), Set.of()));
    define(new Kind(Types.TEMPLATE, "templates", List.of(), Set.of()));
    define(new Kind(Types.IMAGE, "images", List.of(), Set.of()));
    define(new Kind(Types.FLOW, "flows", List.of(
        new Kind.Relationship("flow-actions", "flow-action", true, false, null),
        new Kind.Relationship("tags", "tag", true, false, null)), Set.of()));
    define(new Kind(Types.FORM, "forms", List.of(
        new Kind.Relationship("form-versions", "form-version", true, false, null)), Set.of()));
    define(new Kind(Types.REVIEW, "reviews", List.of(
        new Kind.Relationship("events", Types.EVENT, true, false, null)), Set.of()));
  }

  private void define(Kind kind) {
    kinds.put(kind.type(), kind);
  }

  /** Parses and validates {@code fields[..]}, {@code additional-fields[..]} and {@code include}. */
  View view(ApiRequest request) {
    Operation op = request.operation();
    Map<String, List<String>> fields = new HashMap<>();
    Set<String> additional = new LinkedHashSet<>();
    List<String> include = new ArrayList<>();
    for (Map.Entry<String, String> q : request.query().entrySet()) {
      String name = q.getKey();
      if (name.startsWith("fields[") && name.endsWith("]")) {
        String type = name.substring(7, name.length() - 1);
        Set<String> allowed = op.fields().getOrDefault(type, Set.of());
        List<String> values = split(q.getValue());
        for (String v : values) {
          if (!allowed.contains(v)) {
            throw ApiException.invalidParameter(name, "'" + v + "' is not a valid field for " + name + ".");
          }
        }
        fields.put(type, values);
      } else if (name.startsWith("additional-fields[") && name.endsWith("]")) {
        String type = name.substring(18, name.length() - 1);
        Set<String> allowed = op.additionalFields().getOrDefault(type, Set.of());
        for (String v : split(q.getValue())) {
          if (!allowed.contains(v)) {
            throw ApiException.invalidParameter(name, "'" + v + "' is not a valid value for " + name + ".");
          }
          additional.add(v);
        }
      } else if (name.equals("include")) {
        for (String v : split(q.getValue())) {
          if (!op.includeValues().contains(v)) {
            throw ApiException.invalidParameter("include", "'" + v + "' is not a valid include value; allowed: "
                + op.includeValues() + ".");
          }
          include.add(v);
        }
      }
    }
    return new View(request.baseUrl(), fields, additional, include);
  }

  /** A single-resource document. */
  Map<String, Object> single(ApiRequest request, Resource resource) {
    View view = view(request);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("data", object(resource, view));
    if (!view.include().isEmpty()) {
      doc.put("included", included(List.of(resource), view));
    }
    return doc;
  }

  /** A collection document for one page. */
  Map<String, Object> collection(ApiRequest request, ListQuery.Page<Resource> page) {
    return collection(request, page, null);
  }

  /**
   * A collection document for one page; {@code extra} (nullable) adds per-item attributes such as a list
   * member's {@code joined_group_at}.
   */
  @SuppressWarnings("unchecked")
  Map<String, Object> collection(ApiRequest request, ListQuery.Page<Resource> page,
      java.util.function.Function<Resource, Map<String, Object>> extra) {
    View view = view(request);
    List<Object> data = new ArrayList<>(page.items().size());
    for (Resource r : page.items()) {
      Map<String, Object> object = object(r, view);
      if (extra != null) {
        List<String> fields = view.fields().get(r.type());
        Map<String, Object> attributes = (Map<String, Object>) object.get("attributes");
        extra.apply(r).forEach((k, v) -> {
          if (fields == null || fields.contains(k)) {
            attributes.put(k, v);
          }
        });
      }
      data.add(object);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("data", data);
    doc.put("links", pageLinks(request, page));
    if (!view.include().isEmpty()) {
      doc.put("included", included(page.items(), view));
    }
    return doc;
  }

  /** A relationship document: resource identifiers only. */
  Map<String, Object> identifiers(ApiRequest request, ListQuery.Page<Resource> page) {
    List<Object> data = new ArrayList<>();
    for (Resource r : page.items()) {
      data.add(identifier(r.type(), r.id()));
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("data", data);
    doc.put("links", pageLinks(request, page));
    return doc;
  }

  Map<String, Object> pageLinks(ApiRequest request, ListQuery.Page<Resource> page) {
    Map<String, Object> links = new LinkedHashMap<>();
    links.put("self", request.selfUrl());
    if (page.nextCursor() != null) {
      links.put("next", withCursor(request, page.nextCursor()));
    }
    if (page.previousCursor() != null) {
      links.put("prev", withCursor(request, page.previousCursor()));
    }
    return links;
  }

  /** The request's URL with {@code page[cursor]} replaced. */
  private static String withCursor(ApiRequest request, String cursor) {
    StringBuilder url = new StringBuilder(request.baseUrl()).append(request.path()).append('?');
    boolean first = true;
    for (String pair : request.rawQuery().split("&")) {
      if (pair.isEmpty() || pair.startsWith("page%5Bcursor%5D=") || pair.startsWith("page[cursor]=")) {
        continue;
      }
      url.append(first ? "" : "&").append(pair);
      first = false;
    }
    url.append(first ? "" : "&").append("page%5Bcursor%5D=").append(URLEncoder.encode(cursor, StandardCharsets.UTF_8));
    return url.toString();
  }

  /** The JSON:API resource object of {@code r}. */
  Map<String, Object> object(Resource r, View view) {
    Kind kind = kinds.get(r.type());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", r.type());
    out.put("id", r.id());
    out.put("attributes", attributes(r, kind, view));
    String self = view.baseUrl() + "/api/" + kind.path() + "/" + r.id() + "/";
    if (!kind.relationships().isEmpty()) {
      Map<String, Object> rels = new LinkedHashMap<>();
      for (Kind.Relationship rel : kind.relationships()) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (rel.ids() != null && (rel.alwaysData() || view.include().contains(rel.name()))) {
          List<String> ids = rel.ids().apply(r);
          if (rel.toMany()) {
            List<Object> data = new ArrayList<>(ids.size());
            ids.forEach(id -> data.add(identifier(rel.targetType(), id)));
            body.put("data", data);
          } else if (!ids.isEmpty()) {
            body.put("data", identifier(rel.targetType(), ids.get(0)));
          }
        }
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("self", self + "relationships/" + rel.name() + "/");
        links.put("related", self + rel.name() + "/");
        body.put("links", links);
        rels.put(rel.name(), body);
      }
      out.put("relationships", rels);
    }
    out.put("links", Map.of("self", self));
    return out;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> attributes(Resource r, Kind kind, View view) {
    Map<String, Object> all = r.attributes();
    Map<String, Object> visible = new LinkedHashMap<>(all.size());
    for (Map.Entry<String, Object> e : all.entrySet()) {
      String name = e.getKey();
      if (name.startsWith("$")) {
        continue; // sandbox-internal bookkeeping
      }
      if (kind.additionalOnly().contains(name) && !view.additional().contains(name)) {
        continue;
      }
      visible.put(name, e.getValue());
    }
    if (view.additional().contains("profile_count")) {
      if (r.type().equals(Types.LIST)) {
        visible.put("profile_count", state.listMembers(r.id()).size());
      } else if (r.type().equals(Types.SEGMENT)) {
        visible.put("profile_count", state.segmentMembers(r.id()).size());
      }
    }
    List<String> fields = view.fields().get(r.type());
    if (fields == null) {
      return visible;
    }
    Map<String, Object> sparse = new LinkedHashMap<>();
    for (String f : fields) {
      String[] path = f.split("\\.");
      Object value = visible;
      for (String part : path) {
        value = value instanceof Map<?, ?> m ? m.get(part) : null;
      }
      if (path.length == 1) {
        if (visible.containsKey(f)) {
          sparse.put(f, value);
        }
        continue;
      }
      Map<String, Object> target = sparse;
      for (int i = 0; i < path.length - 1; i++) {
        Object next = target.get(path[i]);
        if (!(next instanceof Map)) {
          next = new LinkedHashMap<String, Object>();
          target.put(path[i], next);
        }
        target = (Map<String, Object>) next;
      }
      target.put(path[path.length - 1], value);
    }
    return sparse;
  }

  private List<Object> included(List<Resource> primary, View view) {
    Map<String, Object> byKey = new LinkedHashMap<>();
    for (Resource r : primary) {
      Kind kind = kinds.get(r.type());
      for (String name : view.include()) {
        Kind.Relationship rel = kind.relationship(name);
        if (rel == null || rel.ids() == null) {
          continue;
        }
        ResourceTable table = state.table(rel.targetType());
        for (String id : rel.ids().apply(r)) {
          String key = rel.targetType() + ":" + id;
          if (!byKey.containsKey(key)) {
            table.get(id).ifPresent(t -> byKey.put(key, object(t, view)));
          }
        }
      }
    }
    return new ArrayList<>(byKey.values());
  }

  static Map<String, Object> identifier(String type, String id) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    m.put("id", id);
    return m;
  }

  private static List<String> split(String value) {
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
