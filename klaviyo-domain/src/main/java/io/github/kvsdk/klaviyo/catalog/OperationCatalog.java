package io.github.kvsdk.klaviyo.catalog;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okio.Okio;

/**
 * Every operation of the pinned Klaviyo API revision, with the values its query parameters accept.
 *
 * <p>The catalogue is computed from the verified OpenAPI document when this library is built and shipped
 * as a compact classpath resource, so the spec itself is not needed at run time. What the build cannot read
 * from the spec (a reworded filter description, a query parameter added by a later revision) is left
 * unvalidated, with a build warning. {@link #packaged()} reads the resource once, on first use.
 */
public final class OperationCatalog {
  /** Classpath location of the catalogue written at build time. */
  public static final String RESOURCE = "/io/github/kvsdk/klaviyo/catalog/operations.json";

  private final String revision;
  private final List<Operation> operations;
  private final Map<String, Operation> byId;

  private OperationCatalog(String revision, List<Operation> operations) {
    this.revision = revision;
    this.operations = List.copyOf(operations);
    Map<String, Operation> index = new LinkedHashMap<>();
    for (Operation operation : operations) {
      if (index.put(operation.operationId(), operation) != null) {
        throw new IllegalStateException("Duplicate operation id " + operation.operationId());
      }
    }
    this.byId = Collections.unmodifiableMap(index);
  }

  /** {@return the catalogue built into this library, loading it on first call} */
  public static OperationCatalog packaged() {
    return Packaged.INSTANCE;
  }

  /** {@return the API revision the catalogue describes, such as {@code 2024-10-15}} */
  public String revision() {
    return revision;
  }

  /** {@return all operations in spec order} */
  public List<Operation> operations() {
    return operations;
  }

  /**
   * {@return the operation with {@code operationId}, or empty if the revision has none}
   *
   * @param operationId the operation id, such as {@code get_profiles}
   */
  public Optional<Operation> find(String operationId) {
    return Optional.ofNullable(byId.get(operationId));
  }

  /**
   * {@return the operation with {@code operationId}}
   *
   * @param operationId the operation id, such as {@code get_profiles}
   * @throws IllegalArgumentException if the revision has no such operation.
   */
  public Operation operation(String operationId) {
    Operation operation = byId.get(operationId);
    if (operation == null) {
      throw new IllegalArgumentException(
          "No operation '" + operationId + "' in Klaviyo API revision " + revision);
    }
    return operation;
  }

  /**
   * {@return the operation serving {@code method} on {@code path}, which may be a template such as {@code
   * /api/profiles/{id}} or a concrete path such as {@code /api/profiles/01H...}} When several templates
   * fit, the one with the most literal segments wins ({@code /api/profiles/{id}} loses to a literal
   * sibling of the same length).
   *
   * @param method the HTTP method, such as {@code GET}
   * @param path the request path, such as {@code /api/profiles/abc}
   */
  public Optional<Operation> find(String method, String path) {
    String[] segments = Operation.segments(path);
    Operation best = null;
    int bestScore = -1;
    for (Operation operation : operations) {
      if (!operation.method().equalsIgnoreCase(method)) continue;
      int score = operation.literalSegmentsMatched(segments);
      if (score > bestScore) {
        best = operation;
        bestScore = score;
      }
    }
    return Optional.ofNullable(best);
  }

  @Override
  public String toString() {
    return "OperationCatalog{revision=" + revision + ", operations=" + operations.size() + "}";
  }

  /** Reads a catalogue in the format the build writes. Visible for tests. */
  static OperationCatalog read(InputStream in) throws IOException {
    JsonReader reader = JsonReader.of(Okio.buffer(Okio.source(in)));
    Object root = reader.readJsonValue();
    Map<String, Object> document = map(root, "catalogue");
    List<Operation> operations = new ArrayList<>();
    for (Object o : list(document.get("operations"), "operations")) {
      operations.add(operation(map(o, "operation")));
    }
    return new OperationCatalog(string(document.get("revision"), "revision"), operations);
  }

  private static Operation operation(Map<String, Object> json) {
    String id = string(json.get("operationId"), "operationId");
    Map<String, Object> limit = map(json.get("rateLimit"), id + ".rateLimit");
    RateLimit rateLimit =
        new RateLimit(integer(limit.get("burst")), integer(limit.get("steady")), integer(limit.get("daily")));

    FilterRules filterRules = FilterRules.NONE;
    if (json.get("filter") != null && Boolean.TRUE.equals(map(json.get("filter"), id + ".filter").get("unchecked"))) {
      filterRules = FilterRules.UNCHECKED;
    } else if (json.get("filter") != null) {
      Map<String, Object> filter = map(json.get("filter"), id + ".filter");
      Map<String, Set<FilterOperator>> rules = new LinkedHashMap<>();
      map(filter.get("fields"), id + ".filter.fields")
          .forEach(
              (field, ops) -> {
                Set<FilterOperator> operators = EnumSet.noneOf(FilterOperator.class);
                for (String name : strings(ops)) {
                  operators.add(
                      FilterOperator.fromWireName(name)
                          .orElseThrow(() -> new IllegalStateException(id + ": unknown operator " + name)));
                }
                rules.put(field, operators);
              });
      filterRules = new FilterRules(rules, new LinkedHashSet<>(strings(filter.get("requiredOneOf"))));
    }

    PageSize pageSize = null;
    if (json.get("pageSize") != null) {
      Map<String, Object> size = map(json.get("pageSize"), id + ".pageSize");
      pageSize =
          new PageSize(
              integer(size.get("default")),
              integer(size.get("min")),
              integer(size.get("max")),
              Boolean.TRUE.equals(size.get("adjustable")));
    }

    return new Operation(
        id,
        string(json.get("method"), id + ".method"),
        string(json.get("path"), id + ".path"),
        rateLimit,
        strings(json.get("scopes")),
        filterRules,
        strings(json.get("sort")),
        pageSize,
        (String) json.get("cursorParameter"),
        stringSets(json.get("fields")),
        stringSets(json.get("additionalFields")),
        new LinkedHashSet<>(strings(json.get("include"))));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o, String what) {
    if (!(o instanceof Map)) throw new IllegalStateException("Catalogue: " + what + " is not an object");
    return (Map<String, Object>) o;
  }

  private static List<?> list(Object o, String what) {
    if (!(o instanceof List)) throw new IllegalStateException("Catalogue: " + what + " is not an array");
    return (List<?>) o;
  }

  private static String string(Object o, String what) {
    if (!(o instanceof String)) throw new IllegalStateException("Catalogue: " + what + " is not a string");
    return (String) o;
  }

  private static int integer(Object o) {
    return o == null ? 0 : ((Number) o).intValue();
  }

  private static List<String> strings(Object o) {
    if (o == null) return List.of();
    List<String> result = new ArrayList<>();
    for (Object item : list(o, "list")) result.add((String) item);
    return result;
  }

  private static Map<String, Set<String>> stringSets(Object o) {
    Map<String, Set<String>> result = new LinkedHashMap<>();
    if (o == null) return result;
    map(o, "map").forEach((k, v) -> result.put(k, new LinkedHashSet<>(strings(v))));
    return result;
  }

  /** Lazy holder: the resource is parsed when {@link #packaged()} is first called. */
  private static final class Packaged {
    static final OperationCatalog INSTANCE = load();

    private static OperationCatalog load() {
      try (InputStream in = OperationCatalog.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(
              "Classpath resource " + RESOURCE + " is missing; it is written by the klaviyo-domain build");
        }
        return read(in);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + RESOURCE, e);
      }
    }
  }
}
