package io.github.kvsdk.klaviyo.sandbox.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.openapi.catalog.Schemas;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Derives bad requests from the spec's own request schemas and parameters, and requires every one to be
 * refused with a 4xx and Klaviyo's error document (checked against the spec's error schema by
 * {@link SandboxHttp}), never a 5xx, with the stored state unchanged.
 *
 * <p>Body mutations, at every member of a valid body: a value of the wrong JSON type, a value outside the
 * enum, an invalid date-time or URL, null where the schema is not nullable, a required member removed,
 * and an undeclared member added to an object whose members are declared. Query mutations: a non-integer
 * and out-of-range {@code page[size]}, values outside the {@code sort}, {@code include}, {@code fields[...]}
 * and {@code additional-fields[...]} enums, an undeclared parameter, and a malformed filter.
 */
final class InvalidRequestsTest {
  private record Bad(Operation op, String path, String query, String body, String what) {}

  @Test
  void everyGeneratedBadRequestIsRefusedWithAnErrorDocumentAndChangesNothing() {
    ApiSpec spec = ApiSpec.packaged();
    SpecResources model = new SpecResources(spec);
    Schemas schemas = spec.schemas();
    SchemaInstances instances = new SchemaInstances(schemas);
    try (KlaviyoSandbox sandbox = KlaviyoSandbox.builder()
        .seed(SeedPlan.builder().profiles(3).lists(2).segments(2).events(3).campaigns(2).templates(2).images(1)
            .flows(2).forms(1).reviews(1).others(1).build())
        .start()) {
      SandboxHttp http = new SandboxHttp(sandbox);
      List<Bad> bad = new ArrayList<>();
      for (Operation op : spec.operations()) {
        OperationShape shape = model.shape(op.operationId());
        String path = EveryOperationE2ETest.path(op, shape, sandbox);
        String query = EveryOperationE2ETest.query(op, sandbox);
        queryMutations(op, path, query, bad);
        if (op.requestSchema() != null && op.requestContentType().contains("json")) {
          Object valid = Json.parse(EveryOperationE2ETest.body(op, instances, sandbox, path, shape));
          new BodyMutations(schemas, valid, body -> bad.add(new Bad(op, path, query, Json.write(body.value()),
              body.what()))).walk(valid, op.requestSchema(), "");
        }
      }
      String before = fingerprint(sandbox);
      List<String> accepted = new ArrayList<>();
      for (Bad b : bad) {
        Reply reply;
        try {
          reply = send(http, b);
        } catch (AssertionError e) {
          accepted.add(b.op().operationId() + " (" + b.what() + "): error document does not match the spec: "
              + e.getMessage());
          continue;
        }
        if (reply.status() < 400 || reply.status() >= 500 || reply.json() == null
            || !reply.doc().containsKey("errors")) {
          accepted.add(b.op().operationId() + " (" + b.what() + ") -> " + reply.status() + " " + abbreviate(reply.body()));
        }
      }
      String after = fingerprint(sandbox);
      assertThat(bad.size()).isGreaterThanOrEqualTo(1000);
      assertThat(accepted).as(accepted.size() + " of " + bad.size() + " bad requests not refused:\n"
          + String.join("\n", accepted.subList(0, Math.min(60, accepted.size())))).isEmpty();
      assertThat(after).as("state after the bad requests").isEqualTo(before);
      System.out.println("Bad requests tried: " + bad.size() + ", accepted: " + accepted.size());
    }
  }

  private static Reply send(SandboxHttp http, Bad b) {
    String url = b.path() + b.query();
    return switch (b.op().method()) {
      case "GET" -> http.get(url);
      case "POST" -> http.post(url, b.body() == null ? "" : b.body());
      case "PATCH" -> http.patch(url, b.body() == null ? "" : b.body());
      default -> b.body() == null ? http.delete(url) : http.delete(url, b.body());
    };
  }

  private static void queryMutations(Operation op, String path, String query, List<Bad> bad) {
    if (op.requestSchema() != null && !op.method().equals("GET")) {
      // Bodies are mutated below; their query parameters (none but company_id) need no more.
      return;
    }
    Consumer<String> add = extra -> {
      // A mutated parameter replaces the valid one the request already has (a required one).
      String name = extra.substring(0, extra.indexOf('=') + 1);
      List<String> pairs = new ArrayList<>();
      for (String pair : query.isEmpty() ? new String[0] : query.substring(1).split("&")) {
        if (!pair.startsWith(name)) {
          pairs.add(pair);
        }
      }
      pairs.add(extra);
      bad.add(new Bad(op, path, "?" + String.join("&", pairs), null, "query " + extra));
    };
    add.accept("undeclared_parameter=1");
    for (Parameter p : op.parameters()) {
      if (!p.in().equals("query")) {
        continue;
      }
      String name = URLEncoder.encode(p.name(), StandardCharsets.UTF_8);
      Object type = p.schema().get("type");
      if ("integer".equals(type)) {
        add.accept(name + "=abc");
        add.accept(name + "=0");
        add.accept(name + "=100000");
      } else if ("array".equals(type) || p.schema().get("enum") != null) {
        add.accept(name + "=not_a_valid_value");
      } else if (p.name().equals("filter") && !p.required()) {
        add.accept("filter=" + URLEncoder.encode("equals(", StandardCharsets.UTF_8));
        add.accept("filter=" + URLEncoder.encode("equals(no_such_field,\"x\")", StandardCharsets.UTF_8));
      } else if (p.name().equals("page[cursor]")) {
        add.accept(name + "=%21%21not-a-cursor");
      }
    }
  }

  /** A fingerprint of everything stored: each object's attributes and relationships, and list memberships. */
  private static String fingerprint(KlaviyoSandbox sandbox) {
    StringBuilder out = new StringBuilder();
    for (ResourceTable table : sandbox.state().tables()) {
      for (Resource r : table.all()) {
        out.append(r.type()).append(':').append(r.id()).append(':').append(r.attributes().hashCode()).append(':')
            .append(r.relationships().hashCode()).append('\n');
      }
    }
    for (Resource list : sandbox.state().lists().all()) {
      out.append(list.id()).append(sandbox.state().listMembers(list.id())).append('\n');
    }
    return out.toString();
  }

  private static String abbreviate(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }

  /** Walks a valid body beside its schema and reports one mutated copy per kind of mistake per member. */
  private static final class BodyMutations {
    record Mutation(Object value, String what) {}

    private final Schemas schemas;
    private final Object root;
    private final Consumer<Mutation> sink;

    BodyMutations(Schemas schemas, Object root, Consumer<Mutation> sink) {
      this.schemas = schemas;
      this.root = root;
      this.sink = sink;
    }

    @SuppressWarnings("unchecked")
    void walk(Object value, Object schemaNode, String pointer) {
      Map<String, Object> schema = schemas.flatten(schemaNode);
      List<Object> alternatives = schemas.alternatives(schema);
      if (!alternatives.isEmpty()) {
        // Which alternative the value took is not known, and a mutated value may match another one: no
        // mutations are derived under a oneOf.
        return;
      }
      String type = schema.get("type") instanceof String t ? t : schema.containsKey("properties") ? "object" : null;
      if (type != null) {
        replace(pointer, wrongType(type), "wrong type at " + pointer);
        if (!Boolean.TRUE.equals(schema.get("nullable"))) {
          replace(pointer, null, "null at " + pointer);
        }
      }
      if (schema.get("enum") instanceof List<?>) {
        replace(pointer, "NOT_A_VALID_CHOICE", "outside the enum at " + pointer);
      }
      if ("date-time".equals(schema.get("format"))) {
        replace(pointer, "not-a-datetime", "bad date-time at " + pointer);
      }
      if ("uri".equals(schema.get("format"))) {
        replace(pointer, "not a url", "bad uri at " + pointer);
      }
      if (value instanceof Map<?, ?> map && "object".equals(type)) {
        Map<String, Object> properties = schemas.properties(schema);
        for (String required : schemas.required(schema)) {
          if (map.containsKey(required)) {
            mutate(pointer, parent -> ((Map<String, Object>) parent).remove(required),
                "missing required " + pointer + "/" + required);
          }
        }
        if (!properties.isEmpty()) {
          mutate(pointer, parent -> ((Map<String, Object>) parent).put("undeclared_member", 1),
              "undeclared member in " + pointer);
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
          Object memberSchema = properties.get(String.valueOf(e.getKey()));
          if (memberSchema != null) {
            walk(e.getValue(), memberSchema, pointer + "/" + e.getKey());
          }
        }
      } else if (value instanceof List<?> list && "array".equals(type) && !list.isEmpty()
          && schema.get("items") != null) {
        walk(list.get(0), schema.get("items"), pointer + "/0");
      }
    }

    private static Object wrongType(String type) {
      return switch (type) {
        case "string" -> 12345L;
        case "integer", "number" -> "not-a-number";
        case "boolean" -> "yes";
        case "array" -> "not-an-array";
        default -> "not-an-object";
      };
    }

    private void replace(String pointer, Object replacement, String what) {
      if (pointer.isEmpty()) {
        sink.accept(new Mutation(replacement, what));
        return;
      }
      int cut = pointer.lastIndexOf('/');
      String parentPointer = pointer.substring(0, cut);
      String last = pointer.substring(cut + 1);
      mutate(parentPointer, parent -> {
        if (parent instanceof Map<?, ?> m) {
          @SuppressWarnings("unchecked")
          Map<String, Object> map = (Map<String, Object>) m;
          map.put(last, replacement);
        } else if (parent instanceof List<?> l) {
          @SuppressWarnings("unchecked")
          List<Object> list = (List<Object>) l;
          list.set(Integer.parseInt(last), replacement);
        }
      }, what);
    }

    /** Applies {@code change} to the node at {@code pointer} of a deep copy of the body. */
    private void mutate(String pointer, Consumer<Object> change, String what) {
      Object copy = deepCopy(root);
      Object node = copy;
      if (!pointer.isEmpty()) {
        for (String part : pointer.substring(1).split("/")) {
          node = node instanceof Map<?, ?> m ? m.get(part) : ((List<?>) node).get(Integer.parseInt(part));
        }
      }
      change.accept(node);
      sink.accept(new Mutation(copy, what));
    }

    private static Object deepCopy(Object value) {
      if (value instanceof Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), deepCopy(v)));
        return out;
      }
      if (value instanceof List<?> list) {
        List<Object> out = new ArrayList<>();
        list.forEach(v -> out.add(deepCopy(v)));
        return out;
      }
      return value;
    }
  }
}
