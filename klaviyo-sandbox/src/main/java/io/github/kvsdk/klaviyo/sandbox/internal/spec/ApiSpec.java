package io.github.kvsdk.klaviyo.sandbox.internal.spec;

import io.github.kvsdk.klaviyo.openapi.KlaviyoOpenApiSpec;
import io.github.kvsdk.klaviyo.openapi.catalog.FilterRules;
import io.github.kvsdk.klaviyo.openapi.catalog.OperationCatalog;
import io.github.kvsdk.klaviyo.openapi.catalog.PageSize;
import io.github.kvsdk.klaviyo.openapi.catalog.RequestBody;
import io.github.kvsdk.klaviyo.openapi.catalog.Schemas;
import io.github.kvsdk.klaviyo.sandbox.internal.json.Json;
import io.github.kvsdk.klaviyo.sandbox.ratelimit.RateLimit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operations of the pinned Klaviyo OpenAPI document, parsed once per JVM from the
 * {@code klaviyo-openapi} artifact and shared by every sandbox. Every fact about an operation comes from the
 * spec's {@link OperationCatalog}, the same facts the SDK validates requests with: its route, rate limits
 * and scopes, whether it takes credentials, its parameters (names, locations, required flags, schemas),
 * filter rules and value types, page sizes, sorts, fieldsets, its request body's media type and schema, and
 * its success status and response schema. The document's {@code components} are read only to resolve the
 * {@code $ref}s in those schemas.
 */
public final class ApiSpec {
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
          packaged = result = parse(Json.parseMembers(spec.open(), Set.of("info", "paths", "components")));
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

  /**
   * {@return the operation with {@code operationId}, or null}
   *
   * @param operationId the spec's operation id, such as {@code get_profiles}
   */
  public Operation operation(String operationId) {
    return byId.get(operationId);
  }

  /**
   * {@return the operation serving {@code method} on {@code path}, with its path parameters; or null}
   *
   * @param method the HTTP method in upper case
   * @param path the request path, such as {@code /api/profiles/01H.../}
   */
  public PathRouter.Match match(String method, String path) {
    return router.match(method, path);
  }

  /**
   * {@return whether some operation serves {@code path} with a method other than {@code method}}
   *
   * @param path the request path
   */
  public boolean hasPath(String path) {
    return router.hasPath(path);
  }

  @SuppressWarnings("unchecked")
  static ApiSpec parse(Object document) {
    Schemas schemas = Schemas.of((Map<String, Object>) ((Map<String, Object>) document).get("components"));
    OperationCatalog catalog = OperationCatalog.of(document);
    Map<String, Operation> byId = new LinkedHashMap<>();
    for (io.github.kvsdk.klaviyo.openapi.catalog.Operation facts : catalog.operations()) {
      byId.put(facts.operationId(), operation(facts, schemas));
    }
    return new ApiSpec(catalog.revision(), byId, schemas);
  }

  /** The catalogue's facts of one operation, with the schemas the sandbox validates and answers with resolved. */
  private static Operation operation(io.github.kvsdk.klaviyo.openapi.catalog.Operation facts, Schemas schemas) {
    List<Parameter> parameters = new ArrayList<>();
    for (io.github.kvsdk.klaviyo.openapi.catalog.Parameter p : facts.parameters()) {
      boolean path = p.location() == io.github.kvsdk.klaviyo.openapi.catalog.Parameter.Location.PATH;
      if (path || p.location() == io.github.kvsdk.klaviyo.openapi.catalog.Parameter.Location.QUERY) {
        parameters.add(new Parameter(p.name(), path ? "path" : "query", path || p.required(),
            schemas.resolve(p.schema())));
      }
    }
    Optional<RequestBody> requestBody = facts.requestBody();
    Map<String, Object> successSchema = facts.successSchema().orElse(null);
    FilterRules filter = facts.filterRules();
    Map<String, Set<String>> filterRules = new LinkedHashMap<>();
    filter.asMap().forEach((field, operators) -> filterRules.put(field, new LinkedHashSet<>(operators)));
    Map<String, String> filterValueTypes = new LinkedHashMap<>();
    filter.valueTypes().forEach((field, type) -> filterValueTypes.put(field, type.name().toLowerCase(Locale.ROOT)));
    Map<String, RateLimit> additionalFieldLimits = new LinkedHashMap<>();
    facts.additionalFieldLimits().forEach((trigger, limit) -> additionalFieldLimits.put(trigger, rateLimit(limit)));
    return new Operation(
        facts.operationId(),
        facts.method(),
        facts.pathTemplate(),
        rateLimit(facts.rateLimit()),
        facts.scopes(),
        Collections.unmodifiableMap(filterRules),
        filter.parameterRequired(),
        page(facts),
        Collections.unmodifiableSet(new LinkedHashSet<>(facts.sortValues())),
        facts.includes(),
        facts.fieldsets(),
        facts.additionalFields(),
        facts.queryParameters(),
        facts.successStatus().orElse(200),
        successSchema == null ? null : (String) successSchema.get("$ref"),
        List.copyOf(parameters),
        requestBody.map(body -> schemas.resolve(body.schema())).orElse(null),
        requestBody.map(RequestBody::contentType).orElse(null),
        successSchema == null ? null : schemas.resolve(successSchema),
        !facts.requiresCredentials(),
        Collections.unmodifiableMap(filterValueTypes),
        Collections.unmodifiableMap(additionalFieldLimits));
  }

  /**
   * How a list operation pages here: by its {@code page[size]} bounds or stated fixed size, else by {@link
   * #FALLBACK_FIXED_PAGE_SIZE}. The reporting endpoints' {@code page_cursor} paging is their own resource's.
   */
  private static PageSpec page(io.github.kvsdk.klaviyo.openapi.catalog.Operation facts) {
    if (facts.pageSize().isPresent()) {
      PageSize size = facts.pageSize().get();
      return new PageSpec(size.adjustable(), size.defaultSize(), size.maxSize());
    }
    if (facts.cursorParameter().filter("page[cursor]"::equals).isPresent()) {
      return new PageSpec(false, FALLBACK_FIXED_PAGE_SIZE, FALLBACK_FIXED_PAGE_SIZE);
    }
    return null;
  }

  /** The quota the spec's operation catalogue states. */
  private static RateLimit rateLimit(io.github.kvsdk.klaviyo.openapi.catalog.RateLimit limit) {
    return new RateLimit(limit.burstPerSecond(), limit.steadyPerMinute(), limit.dailyLimit().orElse(0));
  }
}
