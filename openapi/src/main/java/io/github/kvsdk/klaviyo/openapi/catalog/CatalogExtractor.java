package io.github.kvsdk.klaviyo.openapi.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an OpenAPI document into an {@link OperationCatalog}: one pass over its operations, collecting a
 * warning for each fact it leaves unvalidated.
 */
final class CatalogExtractor {
  private static final Set<String> HTTP_METHODS = Set.of("get", "post", "put", "patch", "delete");
  private static final Pattern RATE = Pattern.compile("(\\d+)/([smd])");
  private static final Pattern FIELDS = Pattern.compile("fields\\[([a-z0-9-]+)]");
  private static final Pattern ADDITIONAL_FIELDS = Pattern.compile("additional-fields\\[([a-z0-9-]+)]");
  private static final Pattern PAGE_SIZE_DESCRIPTION =
      Pattern.compile("Default: (\\d+)\\. Min: (\\d+)\\. Max: (\\d+)\\.");
  private static final Pattern ADDITIONAL_FIELD_LIMIT = Pattern.compile(
      "Rate limits when using the `([^`=]+=[^`]+)` parameter[^`]*?Burst: `(\\d+/s)`[^`]*?Steady: `(\\d+/m)`");

  private final Map<String, Object> componentParameters;
  private final Schemas schemas;
  private final List<String> warnings = new ArrayList<>();

  private CatalogExtractor(Map<String, Object> components) {
    Object parameters = components.get("parameters");
    this.componentParameters = parameters == null ? Map.of() : object(parameters, "document", "components.parameters");
    this.schemas = Schemas.of(components);
  }

  static OperationCatalog extract(Object openApiDocument) {
    Map<String, Object> document = object(openApiDocument, "document", "root");
    String revision = string(object(document.get("info"), "document", "info").get("version"), "document", "info.version");
    Object components = document.get("components");
    CatalogExtractor extractor =
        new CatalogExtractor(components == null ? Map.of() : object(components, "document", "components"));
    List<Operation> operations = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    for (Map.Entry<String, Object> path : object(document.get("paths"), "document", "paths").entrySet()) {
      for (Map.Entry<String, Object> entry : object(path.getValue(), path.getKey(), "path item").entrySet()) {
        String method = entry.getKey();
        if (!HTTP_METHODS.contains(method)) {
          if (method.equals("parameters") || method.startsWith("x-")) continue;
          throw new SpecShapeException(path.getKey(), "unexpected path item key '" + method + "'");
        }
        Map<String, Object> operation = object(entry.getValue(), path.getKey(), method);
        String id = string(operation.get("operationId"), path.getKey(), "operationId");
        if (!ids.add(id)) throw new SpecShapeException(id, "duplicate operationId");
        operations.add(extractor.operation(id, method.toUpperCase(Locale.ROOT), path.getKey(), operation));
      }
    }
    return new OperationCatalog(revision, operations, extractor.warnings);
  }

  private void warn(String operationId, String message) {
    warnings.add(operationId + ": " + message);
  }

  private Operation operation(String id, String method, String path, Map<String, Object> operation) {
    String description = operation.get("description") instanceof String d ? d : null;
    Map<String, Object> filterParameter = null;
    Map<String, Object> pageSizeParameter = null;
    String cursorParameter = null;
    List<String> sort = List.of();
    Set<String> includes = Set.of();
    List<Parameter> parameters = new ArrayList<>();
    Map<String, Set<String>> fieldsets = new LinkedHashMap<>();
    Map<String, Set<String>> additionalFields = new LinkedHashMap<>();

    for (Object p : list(operation.getOrDefault("parameters", List.of()), id, "parameters")) {
      Map<String, Object> parameter = parameter(id, p);
      String name = string(parameter.get("name"), id, "parameter name");
      String in = string(parameter.get("in"), id, "parameter location");
      Parameter.Location location = Parameter.Location.of(in);
      if (location == null) throw new SpecShapeException(id, "parameter '" + name + "' is in unknown location '" + in + "'");
      Object schema = parameter.get("schema");
      parameters.add(new Parameter(name, location, Boolean.TRUE.equals(parameter.get("required")),
          optionalString(parameter.get("description"), id, "description of parameter '" + name + "'"),
          schema == null ? Map.of() : object(schema, id, "schema of parameter '" + name + "'")));
      if (location != Parameter.Location.QUERY) continue;
      Matcher fields = FIELDS.matcher(name);
      Matcher additional = ADDITIONAL_FIELDS.matcher(name);
      try {
        if (fields.matches()) {
          fieldsets.put(fields.group(1), new LinkedHashSet<>(arrayEnum(id, parameter)));
        } else if (additional.matches()) {
          additionalFields.put(additional.group(1), new LinkedHashSet<>(arrayEnum(id, parameter)));
        } else {
          switch (name) {
            case "filter" -> filterParameter = parameter;
            case "sort" -> sort = strings(object(parameter.get("schema"), id, "sort schema").get("enum"), id, "sort enum");
            case "include" -> includes = new LinkedHashSet<>(arrayEnum(id, parameter));
            case "page[size]" -> pageSizeParameter = parameter;
            case "page[cursor]", "page_cursor" -> cursorParameter = name;
            case "company_id" -> { } // the /client endpoints' public key; nothing to validate
            // A parameter this library does not know yet is sent as given, unchecked.
            default -> warn(id, "query parameter '" + name + "' is not validated by the SDK");
          }
        }
      } catch (SpecShapeException e) {
        warn(id, "query parameter '" + name + "' is not validated by the SDK: " + e.problem());
      }
    }

    Map.Entry<String, Object> success = successResponse(id, operation.get("responses"));
    return new Operation(
        id,
        method,
        path,
        tags(id, operation.get("tags")),
        optionalString(operation.get("summary"), id, "summary"),
        optionalString(operation.get("description"), id, "description"),
        Boolean.TRUE.equals(operation.get("deprecated")),
        parameters,
        operation.get("requestBody") != null
            && Boolean.TRUE.equals(object(operation.get("requestBody"), id, "requestBody").get("required")),
        requestBody(id, operation.get("requestBody")),
        successStatus(id, success),
        successSchema(id, success),
        requiresCredentials(id, operation.get("security")),
        rateLimit(id, object(operation.get("x-klaviyo-ratelimit"), id, "x-klaviyo-ratelimit")),
        additionalFieldLimits(id, description),
        strings(operation.getOrDefault("x-klaviyo-scopes", List.of()), id, "x-klaviyo-scopes"),
        filterRules(id, description, filterParameter, operation),
        sort,
        pageSize(id, description, pageSizeParameter, cursorParameter != null),
        cursorParameter,
        fieldsets,
        additionalFields,
        includes);
  }

  /** The first media type of a request body and its schema; null if there is no body or it lists no media type. */
  private static RequestBody requestBody(String id, Object body) {
    if (body == null) return null;
    Map.Entry<String, Object> media = firstMediaType(id, object(body, id, "requestBody"), "requestBody");
    if (media == null) return null;
    Map<String, Object> schema = mediaSchema(id, media, "requestBody");
    return new RequestBody(media.getKey(), schema == null ? Map.of() : schema);
  }

  /** The first 2xx entry of {@code responses}, or null if there is none. */
  private static Map.Entry<String, Object> successResponse(String id, Object responses) {
    if (responses == null) return null;
    for (Map.Entry<String, Object> response : object(responses, id, "responses").entrySet()) {
      if (response.getKey().startsWith("2")) return response;
    }
    return null;
  }

  private static OptionalInt successStatus(String id, Map.Entry<String, Object> success) {
    if (success == null) return OptionalInt.empty();
    if (!success.getKey().matches("2\\d\\d")) {
      throw new SpecShapeException(id, "response status '" + success.getKey() + "' is not a number");
    }
    return OptionalInt.of(Integer.parseInt(success.getKey()));
  }

  /** The schema of the success response's first media type; null if it has no body or the body no schema. */
  private static Map<String, Object> successSchema(String id, Map.Entry<String, Object> success) {
    if (success == null) return null;
    String what = "response " + success.getKey();
    Map.Entry<String, Object> media = firstMediaType(id, object(success.getValue(), id, what), what);
    return media == null ? null : mediaSchema(id, media, what);
  }

  /** The first entry of a request body's or response's {@code content}; null if it has none. */
  private static Map.Entry<String, Object> firstMediaType(String id, Map<String, Object> owner, String what) {
    Object content = owner.get("content");
    if (content == null) return null;
    Map<String, Object> mediaTypes = object(content, id, what + " content");
    return mediaTypes.isEmpty() ? null : mediaTypes.entrySet().iterator().next();
  }

  /** The schema of a media type object; null if it declares none. */
  private static Map<String, Object> mediaSchema(String id, Map.Entry<String, Object> media, String what) {
    Object schema = object(media.getValue(), id, what + " " + media.getKey()).get("schema");
    return schema == null ? null : object(schema, id, what + " schema");
  }

  /** False if the operation's {@code security} is an empty list: it is called without credentials. */
  private static boolean requiresCredentials(String id, Object security) {
    return security == null || !list(security, id, "security").isEmpty();
  }

  /** The parameter object, following a {@code $ref} into {@code components.parameters}. */
  private Map<String, Object> parameter(String id, Object p) {
    Map<String, Object> parameter = object(p, id, "parameter");
    if (parameter.get("$ref") instanceof String ref) {
      String prefix = "#/components/parameters/";
      Object target = ref.startsWith(prefix) ? componentParameters.get(ref.substring(prefix.length())) : null;
      if (target == null) throw new SpecShapeException(id, "unresolvable parameter $ref " + ref);
      parameter = object(target, id, ref);
    }
    return parameter;
  }

  private FilterRules filterRules(
      String id, String description, Map<String, Object> parameter, Map<String, Object> operation) {
    if (parameter == null) return FilterRules.NONE;
    boolean parameterRequired = Boolean.TRUE.equals(parameter.get("required"));
    try {
      Map<String, List<String>> rules =
          FilterDescriptionParser.parse(id, parameter.get("description") instanceof String d ? d : null);
      Set<String> required =
          OperationDescriptionParser.requiredFilterFields(id, description, rules.keySet(), parameterRequired);
      return new FilterRules(rules, required, parameterRequired, true, FilterValueTypes.of(schemas, operation, rules.keySet()));
    } catch (SpecShapeException e) {
      // A reworded description must not stop the build: the filter is sent unchecked.
      warn(id, "filter rules not validated: " + e.problem());
      return FilterRules.unchecked(parameterRequired);
    }
  }

  /** A rate limit every request is paced by: an unreadable one fails instead of degrading. */
  private static RateLimit rateLimit(String id, Map<String, Object> limit) {
    Map<String, Integer> windows = new LinkedHashMap<>();
    for (Map.Entry<String, Object> window : limit.entrySet()) {
      String expected =
          switch (window.getKey()) {
            case "burst" -> "s";
            case "steady" -> "m";
            case "daily" -> "d";
            default -> throw new SpecShapeException(id, "unknown rate-limit window '" + window.getKey() + "'");
          };
      Matcher rate = RATE.matcher(string(window.getValue(), id, "rate limit"));
      if (!rate.matches() || !rate.group(2).equals(expected)) {
        throw new SpecShapeException(
            id, "rate limit " + window.getKey() + " '" + window.getValue() + "' is not N/" + expected);
      }
      windows.put(window.getKey(), Integer.parseInt(rate.group(1)));
    }
    if (!windows.containsKey("burst") || !windows.containsKey("steady")) {
      throw new SpecShapeException(id, "rate limit lacks burst or steady: " + limit);
    }
    return new RateLimit(windows.get("burst"), windows.get("steady"), windows.getOrDefault("daily", 0));
  }

  /**
   * Reads "Rate limits when using the `additional-fields[list]=profile_count` parameter ...: Burst: `1/s`
   * Steady: `15/m`" from an operation's description.
   */
  private static Map<String, RateLimit> additionalFieldLimits(String id, String description) {
    Map<String, RateLimit> limits = new LinkedHashMap<>();
    if (description == null) return limits;
    Matcher m = ADDITIONAL_FIELD_LIMIT.matcher(description);
    while (m.find()) {
      limits.put(m.group(1), rateLimit(id, Map.of("burst", m.group(2), "steady", m.group(3))));
    }
    return limits;
  }

  private PageSize pageSize(String id, String description, Map<String, Object> parameter, boolean paginated) {
    if (parameter != null) {
      Map<String, Object> schema = object(parameter.get("schema"), id, "page[size] schema");
      int defaultSize = integer(schema.get("default"), id, "page[size] default");
      int min = integer(schema.get("minimum"), id, "page[size] minimum");
      int max = integer(schema.get("maximum"), id, "page[size] maximum");
      // The description repeats the schema; a disagreement means the spec changed shape.
      Matcher stated = PAGE_SIZE_DESCRIPTION.matcher(String.valueOf(parameter.get("description")));
      if (stated.matches()
          && (Integer.parseInt(stated.group(1)) != defaultSize
              || Integer.parseInt(stated.group(2)) != min
              || Integer.parseInt(stated.group(3)) != max)) {
        throw new SpecShapeException(id, "page[size] description disagrees with its schema");
      }
      if (min < 1 || defaultSize < min || defaultSize > max) {
        throw new SpecShapeException(id, "inconsistent page[size] bounds " + min + ".." + max + " default " + defaultSize);
      }
      return new PageSize(defaultSize, min, max, true);
    }
    if (!paginated) return null;
    try {
      OptionalInt fixed = OperationDescriptionParser.statedPageSize(id, description);
      return fixed.isPresent() ? new PageSize(fixed.getAsInt(), fixed.getAsInt(), fixed.getAsInt(), false) : null;
    } catch (SpecShapeException e) {
      warn(id, "page size unknown: " + e.problem());
      return null;
    }
  }

  private static List<String> arrayEnum(String id, Map<String, Object> parameter) {
    String name = (String) parameter.get("name");
    Map<String, Object> schema = object(parameter.get("schema"), id, name + " schema");
    if (!"array".equals(schema.get("type"))) {
      throw new SpecShapeException(id, name + " is not an array parameter");
    }
    Map<String, Object> items = object(schema.get("items"), id, name + " items");
    return strings(items.get("enum"), id, name + " enum");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object o, String id, String what) {
    if (!(o instanceof Map)) throw new SpecShapeException(id, what + " is not an object");
    return (Map<String, Object>) o;
  }

  private static List<?> list(Object o, String id, String what) {
    if (!(o instanceof List)) throw new SpecShapeException(id, what + " is not an array");
    return (List<?>) o;
  }

  private static String string(Object o, String id, String what) {
    if (!(o instanceof String)) throw new SpecShapeException(id, what + " is not a string");
    return (String) o;
  }

  /** A text member the operation may omit: empty if absent. */
  private static String optionalString(Object o, String id, String what) {
    return o == null ? "" : string(o, id, what);
  }

  /** The operation's tags; duplicates are kept, since they change nothing the SDK relies on. */
  private static List<String> tags(String id, Object o) {
    if (o == null) return List.of();
    List<String> tags = new ArrayList<>();
    for (Object tag : list(o, id, "tags")) tags.add(string(tag, id, "tag"));
    return tags;
  }

  private static int integer(Object o, String id, String what) {
    if (!(o instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw new SpecShapeException(id, what + " is not an integer");
    }
    return n.intValue();
  }

  private static List<String> strings(Object o, String id, String what) {
    List<String> result = new ArrayList<>();
    for (Object item : list(o, id, what)) result.add(string(item, id, what + " item"));
    if (new LinkedHashSet<>(result).size() != result.size()) {
      throw new SpecShapeException(id, what + " has duplicate values");
    }
    return result;
  }
}
