package io.github.kvsdk.klaviyo.sandbox.resources;

import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiBackend;
import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiBackends;
import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiException;
import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiHandler;
import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiRequest;
import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiResponse;
import io.github.kvsdk.klaviyo.sandbox.internal.json.Json;
import io.github.kvsdk.klaviyo.sandbox.internal.query.FieldAccess;
import io.github.kvsdk.klaviyo.sandbox.internal.query.ListQuery;
import io.github.kvsdk.klaviyo.sandbox.internal.spec.ApiSpec;
import io.github.kvsdk.klaviyo.sandbox.seed.SeedPlan;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the handlers of every emulated operation over one {@link SandboxState}. The handler map is keyed
 * by the spec's operationId.
 *
 * <p>Package-private, as it is no part of the API: the sandbox builds it through {@link ApiBackends}, where this
 * class registers its constructor when it is initialised.
 */
final class Backend implements ApiBackend {
  static {
    ApiBackends.register(SandboxState.class, Backend::new);
  }

  static final FieldAccess<Resource> DEFAULT_ACCESS = (r, f) -> f.equals("id") ? r.id() : r.attribute(f);

  final SandboxState state;
  final JsonApi api;
  private final Map<String, ApiHandler> handlers = new HashMap<>();
  private final SpecEndpoints specEndpoints;
  private final Jobs jobs;
  /** Records events caused by the sandbox (deliveries of a sent campaign). */
  final EventEndpoints events;

  /**
   * Registers the handler of every emulated operation.
   *
   * @param state the stored objects
   * @param spec the served revision's operations and schemas
   * @param clock the sandbox clock, for timestamps and job progress
   * @param jobDuration how long a bulk job takes from queued to complete, on the sandbox clock; zero applies it at
   *     once
   */
  Backend(SandboxState state, ApiSpec spec, java.time.Clock clock, java.time.Duration jobDuration) {
    this.state = state;
    this.jobs = new Jobs(state, clock, jobDuration);
    this.api = new JsonApi(state);
    ProfileEndpoints profiles = new ProfileEndpoints(this);
    profiles.register();
    new ListEndpoints(this).register();
    new SegmentEndpoints(this).register();
    this.events = new EventEndpoints(this);
    events.register();
    new CampaignEndpoints(this).register();
    new TemplateEndpoints(this).register();
    new ImageEndpoints(this).register();
    new ReadOnlyEndpoints(this).register();
    new AggregateEndpoints(this).register();
    new ClientEndpoints(this, profiles).register();
    new ReportEndpoints(this, spec).register();
    this.specEndpoints = new SpecEndpoints(this, spec);
    specEndpoints.register();
  }

  /** {@return operationId -> handler} */
  @Override
  public Map<String, ApiHandler> handlers() {
    return Map.copyOf(handlers);
  }

  /** Creates the sandbox's one account, unless it exists. */
  @Override
  public void createAccount() {
    Seeder.seedAccount(state);
  }

  /**
   * Creates the sample data of {@code plan}, brings it in line with the served revision's schemas, then creates
   * the plan's number of objects of every resource type without hand-written behaviour.
   *
   * @param plan how many objects of each type to create
   */
  @Override
  public void createSampleData(SeedPlan plan) {
    Seeder.apply(state, plan);
    specEndpoints.conformSeeded();
    specEndpoints.seedOthers(plan.count(SeedPlan.Type.OTHERS));
  }

  Jobs jobs() {
    return jobs;
  }

  /** Stops the background work (job progress). */
  @Override
  public void close() {
    jobs.close();
  }

  boolean has(String operationId) {
    return handlers.containsKey(operationId);
  }

  void on(String operationId, ApiHandler handler) {
    if (handlers.put(operationId, handler) != null) {
      throw new IllegalStateException("Two handlers for " + operationId);
    }
  }

  /** The stored object named by the {@code id} path parameter, or a 404. */
  Resource find(ResourceTable table, ApiRequest request) {
    String id = request.pathParameter("id");
    return table.get(id).orElseThrow(() -> ApiException.notFound(
        "A " + table.type() + " with id " + id + " does not exist."));
  }

  /**
   * A single-resource document. Without query parameters it depends only on the object's snapshots and the
   * base URL, so its encoding is kept with the object and reused until the object changes.
   */
  ApiResponse get(ResourceTable table, ApiRequest request) {
    Resource r = find(table, request);
    if (!request.query().isEmpty()) {
      return ApiResponse.ok(api.single(request, r));
    }
    byte[] bytes = r.encoded(request.baseUrl());
    if (bytes == null) {
      Map<String, Object> attributes = r.attributes();
      Map<String, List<String>> relationships = r.relationships();
      bytes = Json.writeBytes(api.single(request, r));
      r.encoded(request.baseUrl(), attributes, relationships, bytes);
    }
    return ApiResponse.encoded(200, bytes);
  }

  ApiResponse list(ApiRequest request, List<Resource> items, FieldAccess<Resource> access) {
    ListQuery.Page<Resource> page =
        ListQuery.run(items, request.operation(), request.query(), access, Resource::id, Resource::sequence);
    return ApiResponse.ok(api.collection(request, page));
  }

  ApiResponse list(ApiRequest request, ResourceTable table) {
    return list(request, table, DEFAULT_ACCESS);
  }

  /**
   * Lists a whole table through its sort indexes; {@code access} must read every sortable field as
   * {@link #DEFAULT_ACCESS} does (it may add filter-only fields such as {@code metric_id}).
   */
  ApiResponse list(ApiRequest request, ResourceTable table, FieldAccess<Resource> access) {
    ListQuery.Page<Resource> page = ListQuery.run(table.indexed(), request.operation(), request.query(), access);
    return ApiResponse.ok(api.collection(request, page));
  }
}
