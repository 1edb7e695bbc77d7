package io.github.kvsdk.klaviyo.sandbox.spec;

import io.github.kvsdk.klaviyo.openapi.KlaviyoOpenApiSpec;
import io.github.kvsdk.klaviyo.sandbox.json.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operations of the pinned Klaviyo OpenAPI document, parsed once per JVM from the
 * {@code klaviyo-openapi} artifact and shared by every sandbox.
 */
public final class ApiSpec {
  private static final Pattern FILTER_RULE = Pattern.compile("`([^`]+)`:\\s*((?:`[^`]+`(?:,\\s*)?)+)");
  private static final Pattern ADDITIONAL_LIMIT = Pattern.compile(
      "Rate limits when using the `([^`=]+=[^`]+)` parameter[^`]*?Burst: `(\\d+/s)`[^`]*?Steady: `(\\d+/m)`");
  private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");
  private static final Pattern FIXED_PAGE =
      Pattern.compile("maximum of (\\d+) (?:[\\w-]+ ){0,4}?per (?:page|request)");
  /** Page size of list operations whose spec states none (campaigns). */
  static final int FALLBACK_FIXED_PAGE_SIZE = 10;

  private static volatile ApiSpec packaged;

  private final String revision;
  private final Map<String, Operation> byId;
  private final PathRouter router;
  private final Schemas schemas;

  private ApiSpec(String revision, Map<String, Operation> byId, Schemas schemas) {
    this.revision = revision;
    this.schemas = schemas;
    this.byId = Collections.unmodifiableMap(byId);
    this.router = new PathRouter(byId.values());
  }

  /** {@return the spec packaged in {@code klaviyo-openapi}, parsed on first use and cached} */
  public static ApiSpec packaged() {
    ApiSpec result = packaged;
    if (result == null) {
      synchronized (ApiSpec.class) {
        result = packaged;
        if (result == null) {
          KlaviyoOpenApiSpec spec = KlaviyoOpenApiSpec.packaged();
          packaged = result = parse(spec.revision(), Json.parseMembers(spec.open(), Set.of("paths", "components")));
        }
      }
    }
    return result;
  }

  /** {@return the API revision, such as {@code 2024-10-15}} */
  public String revision() {
    return revision;
  }

  /** {@return the schemas of the spec's components} */
  public Schemas schemas() {
    return schemas;
  }

  /** {@return all operations} */
  public Collection<Operation> operations() {
    return byId.values();
  }

  /** The operation with {@code operationId}, or null. */
  public Operation operation(String operationId) {
    return byId.get(operationId);
  }

  /** The operation serving {@code method} on {@code path}, with its path parameters; or null. */
  public PathRouter.Match match(String method, String path) {
    return router.match(method, path);
  }

  /** {@return whether some operation serves {@code path} with a method other than {@code method}} */
  public boolean hasPath(String path) {
    return router.hasPath(path);
  }

  @SuppressWarnings("unchecked")
  static ApiSpec parse(String revision, Object document) {
    Map<String, Object> root = (Map<String, Object>) document;
    Map<String, Object> paths = (Map<String, Object>) root.get("paths");
    Map<String, Object> components = (Map<String, Object>) root.getOrDefault("components", Map.of());
    Schemas schemas = new Schemas(components);
    Map<String, Operation> byId = new LinkedHashMap<>();
    for (Map.Entry<String, Object> path : paths.entrySet()) {
      for (Map.Entry<String, Object> entry : ((Map<String, Object>) path.getValue()).entrySet()) {
        String method = entry.getKey().toUpperCase(java.util.Locale.ROOT);
        if (!Set.of("GET", "POST", "PATCH", "PUT", "DELETE").contains(method)) {
          continue;
        }
        Operation op = operation(method, path.getKey(), (Map<String, Object>) entry.getValue(), schemas);
        byId.put(op.operationId(), op);
      }
    }
    return new ApiSpec(revision, byId, schemas);
  }

  @SuppressWarnings("unchecked")
  private static Operation operation(String method, String template, Map<String, Object> o, Schemas schemas) {
    String operationId = (String) o.get("operationId");
    String description = String.valueOf(o.getOrDefault("description", ""));
    Map<String, Set<String>> filterRules = new LinkedHashMap<>();
    boolean filterRequired = false;
    boolean hasCursor = false;
    PageSpec sizeParam = null;
    Set<String> sort = new LinkedHashSet<>();
    Set<String> include = new LinkedHashSet<>();
    Map<String, Set<String>> fields = new HashMap<>();
    Map<String, Set<String>> additional = new HashMap<>();
    Set<String> queryParameters = new LinkedHashSet<>();
    List<Parameter> parameters = new ArrayList<>();
    for (Object p : (List<Object>) o.getOrDefault("parameters", List.of())) {
      Map<String, Object> param = (Map<String, Object>) p;
      String in = String.valueOf(param.get("in"));
      if (in.equals("path")) {
        parameters.add(new Parameter((String) param.get("name"), in, true, schemas.resolve(param.get("schema"))));
      }
      if (!"query".equals(in)) {
        continue;
      }
      String name = (String) param.get("name");
      queryParameters.add(name);
      Map<String, Object> schema = schemas.resolve(param.getOrDefault("schema", Map.of()));
      parameters.add(new Parameter(name, in, Boolean.TRUE.equals(param.get("required")), schema));
      if (name.equals("filter")) {
        filterRequired = Boolean.TRUE.equals(param.get("required"));
        filterRules.putAll(filterRules(String.valueOf(param.getOrDefault("description", ""))));
      } else if (name.equals("page[cursor]")) {
        hasCursor = true;
      } else if (name.equals("page[size]")) {
        sizeParam = new PageSpec(true, intOr(schema.get("default"), 20), intOr(schema.get("maximum"), 100));
      } else if (name.equals("sort")) {
        sort.addAll(strings(schema.get("enum")));
      } else if (name.equals("include")) {
        include.addAll(strings(((Map<String, Object>) schema.getOrDefault("items", Map.of())).get("enum")));
      } else if (name.startsWith("fields[") && name.endsWith("]")) {
        fields.put(name.substring(7, name.length() - 1),
            new LinkedHashSet<>(strings(((Map<String, Object>) schema.getOrDefault("items", Map.of())).get("enum"))));
      } else if (name.startsWith("additional-fields[") && name.endsWith("]")) {
        additional.put(name.substring(18, name.length() - 1),
            new LinkedHashSet<>(strings(((Map<String, Object>) schema.getOrDefault("items", Map.of())).get("enum"))));
      }
    }
    PageSpec page = sizeParam;
    if (page == null && hasCursor) {
      Matcher m = FIXED_PAGE.matcher(description);
      int fixed = m.find() ? Integer.parseInt(m.group(1)) : FALLBACK_FIXED_PAGE_SIZE;
      page = new PageSpec(false, fixed, fixed);
    }
    int successStatus = 200;
    String successRef = null;
    Map<String, Object> successSchema = null;
    Map<String, Object> requestSchema = null;
    String requestContentType = null;
    if (o.get("requestBody") instanceof Map<?, ?> requestBody
        && requestBody.get("content") instanceof Map<?, ?> content && !content.isEmpty()) {
      Map.Entry<?, ?> media = content.entrySet().iterator().next();
      requestContentType = String.valueOf(media.getKey());
      requestSchema = schemas.resolve(((Map<String, Object>) media.getValue()).get("schema"));
    }
    Map<String, Object> responses = (Map<String, Object>) o.getOrDefault("responses", Map.of());
    for (Map.Entry<String, Object> r : responses.entrySet()) {
      if (r.getKey().startsWith("2")) {
        successStatus = Integer.parseInt(r.getKey());
        Map<String, Object> content = (Map<String, Object>) ((Map<String, Object>) r.getValue()).get("content");
        if (content != null && !content.isEmpty()) {
          Map<String, Object> media = (Map<String, Object>) content.values().iterator().next();
          Map<String, Object> schema = (Map<String, Object>) media.get("schema");
          successRef = schema == null ? null : (String) schema.get("$ref");
          successSchema = schema == null ? null : schemas.resolve(schema);
        }
        break;
      }
    }
    return new Operation(
        operationId,
        method,
        template,
        RateLimit.parse(o.get("x-klaviyo-ratelimit")),
        List.copyOf(strings(o.get("x-klaviyo-scopes"))),
        Collections.unmodifiableMap(filterRules),
        filterRequired,
        page,
        Collections.unmodifiableSet(sort),
        Collections.unmodifiableSet(include),
        Collections.unmodifiableMap(fields),
        Collections.unmodifiableMap(additional),
        Collections.unmodifiableSet(queryParameters),
        successStatus,
        successRef,
        List.copyOf(parameters),
        requestSchema,
        requestContentType,
        successSchema,
        o.get("security") instanceof List<?> security && security.isEmpty(),
        Collections.unmodifiableMap(filterValueTypes(filterRules.keySet(), successSchema, schemas)),
        additionalFieldLimits(description));
  }

  /**
   * Parses "Rate limits when using the `additional-fields[list]=profile_count` parameter ...: Burst: `1/s`
   * Steady: `15/m`" from an operation's description.
   */
  static Map<String, RateLimit> additionalFieldLimits(String description) {
    Map<String, RateLimit> limits = new LinkedHashMap<>();
    Matcher m = ADDITIONAL_LIMIT.matcher(description);
    while (m.find()) {
      limits.put(m.group(1), RateLimit.parse(Map.of("burst", m.group(2), "steady", m.group(3))));
    }
    return Collections.unmodifiableMap(limits);
  }

  /** The value type of each filter field, read from the response's resource object schema. */
  private static Map<String, String> filterValueTypes(Set<String> fields, Map<String, Object> successSchema,
      Schemas schemas) {
    Map<String, String> types = new LinkedHashMap<>();
    if (successSchema == null || fields.isEmpty()) {
      return types;
    }
    Map<String, Object> data = schemas.property(successSchema, "data");
    if (data == null) {
      return types;
    }
    Map<String, Object> item = schemas.flatten(data);
    if ("array".equals(item.get("type")) && item.get("items") != null) {
      item = schemas.flatten(item.get("items"));
    }
    Map<String, Object> attributes = schemas.property(item, "attributes");
    for (String field : fields) {
      Map<String, Object> schema = field.equals("id") ? schemas.property(item, "id") : attributes;
      if (!field.equals("id")) {
        for (String part : field.split("\\.")) {
          schema = schema == null ? null : schemas.property(schema, part);
        }
      }
      if (schema == null) {
        continue;
      }
      Map<String, Object> flat = schemas.flatten(schema);
      Object type = flat.get("type");
      if ("string".equals(type)) {
        types.put(field, "date-time".equals(flat.get("format")) ? "datetime" : "string");
      } else if ("boolean".equals(type)) {
        types.put(field, "boolean");
      } else if ("integer".equals(type) || "number".equals(type)) {
        types.put(field, "number");
      }
    }
    return types;
  }

  /** Parses "`field`: `op`, `op`<br>..." from a filter parameter's description. */
  static Map<String, Set<String>> filterRules(String description) {
    Map<String, Set<String>> rules = new LinkedHashMap<>();
    int start = description.indexOf("Allowed field(s)/operator(s):");
    if (start < 0) {
      return rules;
    }
    for (String line : description.substring(start).split("<br>")) {
      Matcher m = FILTER_RULE.matcher(line);
      if (m.find()) {
        Set<String> ops = new LinkedHashSet<>();
        Matcher each = BACKTICKED.matcher(m.group(2));
        while (each.find()) {
          ops.add(each.group(1));
        }
        rules.computeIfAbsent(m.group(1), k -> new LinkedHashSet<>()).addAll(ops);
      }
    }
    return rules;
  }

  private static int intOr(Object value, int fallback) {
    return value instanceof Number n ? n.intValue() : fallback;
  }

  private static List<String> strings(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object o : list) {
        out.add(String.valueOf(o));
      }
    }
    return out;
  }
}
