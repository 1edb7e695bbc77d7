package io.github.kvsdk.klaviyo.sandbox.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import io.github.kvsdk.klaviyo.sandbox.internal.json.Json;
import io.github.kvsdk.klaviyo.sandbox.internal.spec.ApiSpec;
import io.github.kvsdk.klaviyo.sandbox.internal.spec.Operation;
import io.github.kvsdk.klaviyo.sandbox.internal.spec.Parameter;
import io.github.kvsdk.klaviyo.sandbox.internal.spec.SchemaInstances;
import io.github.kvsdk.klaviyo.sandbox.seed.SeedPlan;
import io.github.kvsdk.klaviyo.sandbox.testing.SandboxHttp.Reply;
import io.github.kvsdk.klaviyo.sandbox.testing.SandboxHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

/**
 * Calls every operation of the spec once over real sockets with a request built from the operation's own
 * schemas (path ids of stored objects, the required query parameters, a body made from the request
 * schema) and requires the documented success status; {@link SandboxHttp} validates each response body
 * against the operation's response schema.
 */
final class EveryOperationE2ETest {
  private static final String PNG_BASE64 =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
  /** Values for required filters, which the spec states only in prose. */
  private static final Map<String, String> REQUIRED_FILTERS = Map.of(
      "get_campaigns", "equals(messages.channel,'email')");

  @Test
  void everyOperationAnswersWithItsDocumentedStatusAndASpecValidBody() {
    ApiSpec spec = ApiSpec.packaged();
    SpecResources model = new SpecResources(spec);
    SchemaInstances instances = new SchemaInstances(spec.schemas());
    try (KlaviyoSandbox sandbox = KlaviyoSandbox.builder()
        .seed(SeedPlan.builder().profiles(5).lists(2).segments(2).events(5).campaigns(2).templates(2).images(2)
            .flows(2).forms(2).reviews(2).others(2).build())
        // A clock that stands still keeps every bulk job queued: a job applied during the run (a bulk delete,
        // a bulk import) would otherwise race the calls that pick ids and identifiers below.
        .clock(java.time.Clock.fixed(java.time.Instant.now(), java.time.ZoneOffset.UTC))
        .start()) {
      SandboxHttp http = new SandboxHttp(sandbox);
      List<Operation> ops = new ArrayList<>(spec.operations());
      // Creates first, deletes last, so that every other operation finds objects to act on.
      ops.sort(Comparator.comparingInt(op -> switch (op.method()) {
        case "POST" -> 0;
        case "GET" -> 1;
        case "PATCH" -> 2;
        default -> 3;
      }));
      List<String> failures = new ArrayList<>();
      int passed = 0;
      for (Operation op : ops) {
        OperationShape shape = model.shape(op.operationId());
        String path = path(op, shape, sandbox);
        Reply reply;
        try {
          reply = call(http, op, path, instances, sandbox, shape);
        } catch (AssertionError e) {
          failures.add(op.operationId() + ": " + e.getMessage());
          continue;
        }
        boolean ok = reply.status() == op.successStatus()
            || op.operationId().equals("create_or_update_profile") && reply.status() / 100 == 2;
        if (ok) {
          passed++;
        } else {
          failures.add(op.operationId() + " " + op.method() + " " + path + " -> " + reply.status() + " "
              + (reply.body().length() > 400 ? reply.body().substring(0, 400) : reply.body()));
        }
      }
      assertThat(failures).as(failures.size() + " failures:\n" + String.join("\n", failures)).isEmpty();
      assertThat(passed).isEqualTo(spec.operations().size());
      System.out.println("Operations answered with their documented status: " + passed + " of "
          + spec.operations().size() + " (revision " + spec.revision() + ")");
    }
  }

  private static Reply call(SandboxHttp http, Operation op, String path, SchemaInstances instances,
      KlaviyoSandbox sandbox, OperationShape shape) {
    String query = query(op, sandbox);
    String url = path + query;
    if (op.requestContentType() != null && op.requestContentType().startsWith("multipart/")) {
      RequestBody file = RequestBody.create(java.util.Base64.getDecoder().decode(PNG_BASE64),
          MediaType.get("image/png"));
      return http.send(http.request(url).post(new MultipartBody.Builder().setType(MultipartBody.FORM)
          .addFormDataPart("file", "pixel.png", file).build()).build());
    }
    String body = op.requestSchema() == null ? null : body(op, instances, sandbox, path, shape);
    return switch (op.method()) {
      case "GET" -> http.get(url);
      case "POST" -> http.post(url, body == null ? "" : body);
      case "PATCH" -> http.patch(url, body);
      default -> body == null ? http.delete(url) : http.delete(url, body);
    };
  }

  static String path(Operation op, OperationShape shape, KlaviyoSandbox sandbox) {
    String path = op.pathTemplate();
    for (Parameter p : op.parameters()) {
      if (!p.in().equals("path")) {
        continue;
      }
      String type = shape.parentType() != null ? shape.parentType() : shape.type();
      String id = shape.relationship() != null ? idWithRelationship(sandbox, type, shape.relationship())
          : anyId(sandbox, type);
      path = path.replace("{" + p.name() + "}", URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return path;
  }

  /** An object of {@code type} whose relationship {@code name} is set, else any object of the type. */
  static String idWithRelationship(KlaviyoSandbox sandbox, String type, String name) {
    try {
      for (Resource r : sandbox.state().table(type).all()) {
        if (!r.related(name).isEmpty()) {
          return r.id();
        }
      }
    } catch (IllegalArgumentException e) {
      // No table of this type: fall through.
    }
    return anyId(sandbox, type);
  }

  static String anyId(KlaviyoSandbox sandbox, String type) {
    try {
      List<Resource> all = sandbox.state().table(type).all();
      return all.isEmpty() ? "missing-" + type : all.get(all.size() - 1).id();
    } catch (IllegalArgumentException e) {
      return "unknown-" + type;
    }
  }

  static String query(Operation op, KlaviyoSandbox sandbox) {
    StringBuilder q = new StringBuilder();
    for (Parameter p : op.parameters()) {
      if (!p.in().equals("query") || !p.required()) {
        continue;
      }
      String value = switch (p.name()) {
        case "company_id" -> sandbox.account().id();
        case "filter" -> requiredFilter(op);
        default -> firstAllowed(p.schema());
      };
      q.append(q.length() == 0 ? "?" : "&").append(URLEncoder.encode(p.name(), StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
    return q.toString();
  }

  /**
   * The schema's default, else its first enum value (of the items for an array), else its example, else a plain
   * string.
   */
  static String firstAllowed(Map<String, Object> schema) {
    if (schema.get("default") != null) {
      return String.valueOf(schema.get("default"));
    }
    Object values = schema.get("enum");
    if (values == null && schema.get("items") instanceof Map<?, ?> items) {
      values = items.get("enum");
    }
    if (values instanceof List<?> list && !list.isEmpty()) {
      return String.valueOf(list.get(0));
    }
    return schema.get("example") instanceof String example ? example : "value";
  }

  /**
   * A filter for an operation that requires one: the known one, else an {@code equals} (or {@code any}) on the
   * first field that allows it, with a value of the field's type.
   */
  static String requiredFilter(Operation op) {
    String known = REQUIRED_FILTERS.get(op.operationId());
    if (known != null) {
      return known;
    }
    for (Map.Entry<String, java.util.Set<String>> rule : op.filterRules().entrySet()) {
      String type = op.filterValueTypes().getOrDefault(rule.getKey(), "string");
      String value = switch (type) {
        case "datetime" -> "2024-01-01T00:00:00Z";
        case "boolean" -> "true";
        case "number" -> "1";
        default -> "\"value\"";
      };
      if (rule.getValue().contains("equals")) {
        return "equals(" + rule.getKey() + "," + value + ")";
      }
      if (rule.getValue().contains("any")) {
        return "any(" + rule.getKey() + ",[" + value + "])";
      }
    }
    return "";
  }

  /** A body made from the request schema, its resource identifiers pointing at stored objects. */
  static String body(Operation op, SchemaInstances instances, KlaviyoSandbox sandbox, String path,
      OperationShape shape) {
    Object body = instances.full(op.requestSchema());
    String pathId = path.split("/").length > 3 ? java.net.URLDecoder.decode(path.split("/")[3],
        StandardCharsets.UTF_8) : null;
    rewriteIds(body, sandbox, true);
    if (body instanceof Map<?, ?> map && map.get("data") instanceof Map<?, ?> data) {
      @SuppressWarnings("unchecked")
      Map<String, Object> d = (Map<String, Object>) data;
      if (op.method().equals("PATCH") && d.containsKey("id") && pathId != null && shape.parentType() == null) {
        d.put("id", pathId);
      } else if (op.method().equals("POST") && d.containsKey("id") && shape.kind() == OperationShape.Kind.CREATE) {
        d.put("id", "new-" + op.operationId());
      }
    }
    fix(op.operationId(), body, sandbox);
    return Json.write(body);
  }

  /** Values the spec states only in prose: an audience must be a stored list, templates are CODE, and so on. */
  @SuppressWarnings("unchecked")
  private static void fix(String operationId, Object body, KlaviyoSandbox sandbox) {
    if (operationId.equals("merge_profiles")) {
      List<Resource> profiles = sandbox.state().profiles().all();
      Map<String, Object> data = (Map<String, Object>) ((Map<String, Object>) body).get("data");
      data.put("id", profiles.get(0).id());
      data.put("relationships", Map.of("profiles", Map.of("data",
          List.of(Map.of("type", "profile", "id", profiles.get(1).id())))));
      return;
    }
    if (operationId.contains("client") || operationId.equals("create_push_token")
        || operationId.equals("create_back_in_stock_subscription")) {
      // These store the profile they name: identifiers of its own keep the examples free for create_profile.
      uniqueIdentifiers(body, operationId);
    }
    if (operationId.equals("send_campaign") || operationId.equals("refresh_campaign_recipient_estimation")) {
      // A campaign job's id is the campaign's.
      ((Map<String, Object>) ((Map<String, Object>) body).get("data")).put("id", anyId(sandbox, "campaign"));
      return;
    }
    if (!(((Map<String, Object>) body).get("data") instanceof Map<?, ?> data)
        || !(data.get("attributes") instanceof Map<?, ?> attributeMap)) {
      return;
    }
    Map<String, Object> attributes = (Map<String, Object>) attributeMap;
    if (attributes.get("audiences") instanceof Map<?, ?> audiences) {
      Map<String, Object> a = (Map<String, Object>) audiences;
      a.put("included", List.of(anyId(sandbox, "list")));
      a.put("excluded", List.of());
    }
    if (attributes.containsKey("statistics") && attributes.containsKey("timeframe")) {
      // Reports: a timeframe every interval allows, and a stored conversion metric.
      attributes.put("timeframe", Map.of("key", "last_30_days"));
      if (attributes.containsKey("conversion_metric_id")) {
        attributes.put("conversion_metric_id", anyId(sandbox, "metric"));
      }
    }
    switch (operationId) {
      case "create_template" -> attributes.put("editor_type", "CODE");
      case "query_metric_aggregates" -> {
        attributes.put("metric_id", anyId(sandbox, "metric"));
        attributes.put("filter", List.of("greater-or-equal(datetime,2000-01-01T00:00:00)",
            "less-than(datetime,2000-03-01T00:00:00)"));
        attributes.remove("timezone");
      }
      case "upload_image_from_url" -> attributes.put("import_from_url", "data:image/png;base64," + PNG_BASE64);
      case "update_profile" -> {
        attributes.remove("email");
        attributes.remove("phone_number");
        attributes.remove("external_id");
      }
      default -> { }
    }
  }

  /**
   * Replaces every email address, phone number and external id (string members of those names, not the
   * subscription channels also named {@code email}) in {@code node} with one made from the operation.
   */
  @SuppressWarnings("unchecked")
  private static void uniqueIdentifiers(Object node, String operationId) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> m = (Map<String, Object>) map;
      if (m.get("email") instanceof String) {
        m.put("email", operationId.replace('_', '-') + "@example.com");
      }
      if (m.get("phone_number") instanceof String) {
        m.put("phone_number", "+1500" + String.format("%07d", Math.floorMod(operationId.hashCode(), 10_000_000)));
      }
      if (m.get("external_id") instanceof String) {
        m.put("external_id", operationId);
      }
      m.values().forEach(v -> uniqueIdentifiers(v, operationId));
    } else if (node instanceof List<?> list) {
      list.forEach(v -> uniqueIdentifiers(v, operationId));
    }
  }

  /** Points every {@code {"type": T, "id": ...}} at a stored object of type T (when the sandbox stores T). */
  @SuppressWarnings("unchecked")
  private static void rewriteIds(Object node, KlaviyoSandbox sandbox, boolean top) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> m = (Map<String, Object>) map;
      if (!top && m.get("type") instanceof String type && m.containsKey("id")) {
        String id = anyId(sandbox, type);
        if (!id.startsWith("unknown-") && !id.startsWith("missing-")) {
          m.put("id", id);
        }
      }
      for (Object v : new ArrayList<>(m.values())) {
        rewriteIds(v, sandbox, false);
      }
    } else if (node instanceof List<?> list) {
      list.forEach(v -> rewriteIds(v, sandbox, false));
    }
  }

}
