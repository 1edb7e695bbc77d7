package io.github.kvsdk.klaviyo.catalog.internal;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import io.github.kvsdk.klaviyo.catalog.FilterOperator;
import io.github.kvsdk.klaviyo.openapi.KlaviyoOpenApiSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
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
import okio.Buffer;
import okio.BufferedSink;
import okio.Okio;

/**
 * Build-time tool, not API: compiles the packaged OpenAPI document into the operation catalogue that
 * {@link io.github.kvsdk.klaviyo.catalog.OperationCatalog} reads at run time.
 *
 * <p>The Maven build runs it in {@code process-classes} with the output directory as its only argument.
 * Anything in the spec it does not understand (an unknown query parameter, a filter description of an
 * unexpected shape, a rate limit in another unit) fails the build instead of being skipped.
 */
public final class CatalogGenerator {
  /** Where the catalogue goes, relative to the output directory. */
  static final String RESOURCE_PATH = "io/github/kvsdk/klaviyo/catalog/operations.json";

  private static final Set<String> HTTP_METHODS = Set.of("get", "post", "put", "patch", "delete");
  private static final Pattern RATE = Pattern.compile("(\\d+)/([smd])");
  private static final Pattern FIELDS = Pattern.compile("fields\\[([a-z0-9-]+)]");
  private static final Pattern ADDITIONAL_FIELDS = Pattern.compile("additional-fields\\[([a-z0-9-]+)]");
  private static final Pattern PAGE_SIZE_DESCRIPTION =
      Pattern.compile("Default: (\\d+)\\. Min: (\\d+)\\. Max: (\\d+)\\.");

  private CatalogGenerator() {}

  /** Prints what the catalogue leaves unchecked, so a new revision's additions show in the build log. */
  static void warn(String operationId, String message) {
    System.err.println("[catalogue] warning: " + operationId + ": " + message);
  }

  /** Writes the catalogue under {@code args[0]}, normally {@code target/classes}. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: CatalogGenerator <output directory>");
    }
    KlaviyoOpenApiSpec spec = KlaviyoOpenApiSpec.packaged();
    byte[] catalogue;
    try (InputStream in = spec.open()) {
      catalogue = generate(in);
    }
    Path target = Paths.get(args[0]).resolve(RESOURCE_PATH);
    Files.createDirectories(target.getParent());
    Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
    Files.write(temporary, catalogue);
    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Reads an OpenAPI document and returns the catalogue as UTF-8 JSON. */
  static byte[] generate(InputStream openApiDocument) throws IOException {
    Map<String, Object> document =
        object(JsonReader.of(Okio.buffer(Okio.source(openApiDocument))).readJsonValue(), "document", "root");
    String revision = string(object(document.get("info"), "document", "info").get("version"), "document", "info.version");

    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of((BufferedSink) buffer)) {
      writer.beginObject();
      writer.name("revision").value(revision);
      writer.name("operations").beginArray();
      Set<String> ids = new LinkedHashSet<>();
      for (Map.Entry<String, Object> path : object(document.get("paths"), "document", "paths").entrySet()) {
        for (Map.Entry<String, Object> entry : object(path.getValue(), path.getKey(), "path item").entrySet()) {
          String method = entry.getKey();
          if (!HTTP_METHODS.contains(method)) {
            throw new SpecShapeException(path.getKey(), "unexpected path item key '" + method + "'");
          }
          Map<String, Object> operation = object(entry.getValue(), path.getKey(), method);
          String id = string(operation.get("operationId"), path.getKey(), "operationId");
          if (!ids.add(id)) throw new SpecShapeException(id, "duplicate operationId");
          writeOperation(writer, id, method.toUpperCase(Locale.ROOT), path.getKey(), operation);
        }
      }
      writer.endArray();
      writer.endObject();
    }
    return buffer.readByteArray();
  }

  private static void writeOperation(
      JsonWriter writer, String id, String method, String path, Map<String, Object> operation)
      throws IOException {
    String description = (String) operation.get("description");
    Map<String, Object> filterParameter = null;
    Map<String, Object> sortParameter = null;
    Map<String, Object> pageSizeParameter = null;
    Map<String, Object> includeParameter = null;
    String cursorParameter = null;
    Map<String, List<String>> fieldsets = new LinkedHashMap<>();
    Map<String, List<String>> additionalFields = new LinkedHashMap<>();

    for (Object p : list(operation.getOrDefault("parameters", List.of()), id, "parameters")) {
      Map<String, Object> parameter = object(p, id, "parameter");
      if (parameter.containsKey("$ref")) throw new SpecShapeException(id, "unresolved parameter $ref");
      String name = string(parameter.get("name"), id, "parameter name");
      String in = string(parameter.get("in"), id, "parameter location");
      if (!in.equals("query")) continue; // path and header parameters carry no catalogue facts
      Matcher fields = FIELDS.matcher(name);
      Matcher additional = ADDITIONAL_FIELDS.matcher(name);
      if (fields.matches()) {
        fieldsets.put(fields.group(1), arrayEnum(id, parameter));
      } else if (additional.matches()) {
        additionalFields.put(additional.group(1), arrayEnum(id, parameter));
      } else {
        switch (name) {
          case "filter" -> filterParameter = parameter;
          case "sort" -> sortParameter = parameter;
          case "include" -> includeParameter = parameter;
          case "page[size]" -> pageSizeParameter = parameter;
          case "page[cursor]", "page_cursor" -> cursorParameter = name;
          case "company_id" -> { } // the /client endpoints' public key; nothing to validate
          // A parameter this SDK does not know yet is sent as given, unchecked; it must not stop the build.
          default -> warn(id, "query parameter '" + name + "' is not validated by the SDK");
        }
      }
    }

    writer.beginObject();
    writer.name("operationId").value(id);
    writer.name("method").value(method);
    writer.name("path").value(path);
    writeRateLimit(writer, id, object(operation.get("x-klaviyo-ratelimit"), id, "x-klaviyo-ratelimit"));
    writer.name("scopes");
    writeStrings(writer, strings(operation.getOrDefault("x-klaviyo-scopes", List.of()), id, "x-klaviyo-scopes"));

    Map<String, List<FilterOperator>> rules = null;
    Set<String> required = null;
    if (filterParameter != null) {
      try {
        rules = FilterDescriptionParser.parse(id, (String) filterParameter.get("description"));
        required = OperationDescriptionParser.requiredFilterFields(
            id, description, rules.keySet(), Boolean.TRUE.equals(filterParameter.get("required")));
      } catch (SpecShapeException e) {
        // A reworded description must not stop the build: the filter is sent unchecked.
        warn(id, "filter rules not validated: " + e.getMessage());
        writer.name("filter").beginObject().name("unchecked").value(true).endObject();
        rules = null;
      }
    }
    if (rules != null) {
      writer.name("filter").beginObject();
      writer.name("fields").beginObject();
      for (Map.Entry<String, List<FilterOperator>> rule : rules.entrySet()) {
        List<String> names = new ArrayList<>();
        for (FilterOperator operator : rule.getValue()) names.add(operator.wireName());
        writer.name(rule.getKey());
        writeStrings(writer, names);
      }
      writer.endObject();
      writer.name("requiredOneOf");
      writeStrings(writer, new ArrayList<>(required));
      writer.endObject();
    }

    if (sortParameter != null) {
      Map<String, Object> schema = object(sortParameter.get("schema"), id, "sort schema");
      writer.name("sort");
      writeStrings(writer, strings(schema.get("enum"), id, "sort enum"));
    }

    if (cursorParameter != null) writer.name("cursorParameter").value(cursorParameter);
    writePageSize(writer, id, description, pageSizeParameter, cursorParameter != null);

    writeStringSets(writer, "fields", fieldsets);
    writeStringSets(writer, "additionalFields", additionalFields);
    if (includeParameter != null) {
      writer.name("include");
      writeStrings(writer, arrayEnum(id, includeParameter));
    }
    writer.endObject();
  }

  private static void writeRateLimit(JsonWriter writer, String id, Map<String, Object> limit) throws IOException {
    writer.name("rateLimit").beginObject();
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
        throw new SpecShapeException(id, "rate limit " + window.getKey() + " '" + window.getValue() + "' is not N/" + expected);
      }
      writer.name(window.getKey()).value(Integer.parseInt(rate.group(1)));
    }
    if (!limit.containsKey("burst") || !limit.containsKey("steady")) {
      throw new SpecShapeException(id, "rate limit lacks burst or steady: " + limit);
    }
    writer.endObject();
  }

  private static void writePageSize(
      JsonWriter writer, String id, String description, Map<String, Object> parameter, boolean paginated)
      throws IOException {
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
      writePageSize(writer, defaultSize, min, max, true);
    } else if (paginated) {
      OptionalInt fixed = OperationDescriptionParser.statedPageSize(id, description);
      if (fixed.isPresent()) writePageSize(writer, fixed.getAsInt(), fixed.getAsInt(), fixed.getAsInt(), false);
    }
  }

  private static void writePageSize(JsonWriter writer, int defaultSize, int min, int max, boolean adjustable)
      throws IOException {
    writer.name("pageSize").beginObject();
    writer.name("default").value(defaultSize);
    writer.name("min").value(min);
    writer.name("max").value(max);
    writer.name("adjustable").value(adjustable);
    writer.endObject();
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

  private static void writeStrings(JsonWriter writer, List<String> values) throws IOException {
    writer.beginArray();
    for (String value : values) writer.value(value);
    writer.endArray();
  }

  private static void writeStringSets(JsonWriter writer, String name, Map<String, List<String>> sets)
      throws IOException {
    if (sets.isEmpty()) return;
    writer.name(name).beginObject();
    for (Map.Entry<String, List<String>> set : sets.entrySet()) {
      writer.name(set.getKey());
      writeStrings(writer, set.getValue());
    }
    writer.endObject();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object o, String id, String what) {
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
