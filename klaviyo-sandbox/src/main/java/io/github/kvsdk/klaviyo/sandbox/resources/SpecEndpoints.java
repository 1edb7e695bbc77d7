package io.github.kvsdk.klaviyo.sandbox.resources;

import io.github.kvsdk.klaviyo.openapi.catalog.Schemas;
import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiException;
import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiRequest;
import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiResponse;
import io.github.kvsdk.klaviyo.sandbox.internal.json.Timestamps;
import io.github.kvsdk.klaviyo.sandbox.internal.query.ListQuery;
import io.github.kvsdk.klaviyo.sandbox.internal.spec.ApiSpec;
import io.github.kvsdk.klaviyo.sandbox.internal.spec.Operation;
import io.github.kvsdk.klaviyo.sandbox.internal.spec.Parameter;
import io.github.kvsdk.klaviyo.sandbox.internal.spec.SchemaInstances;
import io.github.kvsdk.klaviyo.sandbox.internal.spec.SchemaValidator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Serves every operation that has no hand-written handler from the spec alone: JSON:API create, get,
 * list, update and delete of any resource type, related-resource and relationship endpoints (kept in both
 * directions where the spec names the inverse relationship), {@code include}, and for anything else a
 * response made from the operation's response schema.
 *
 * <p>Stored attributes are those of the type's response schema: what the request gave (when it conforms
 * to the response schema too), timestamps such as {@code created}/{@code updated} set by the server, and
 * for required attributes nobody gave, a placeholder made from the spec ({@link SchemaInstances}).
 */
final class SpecEndpoints {
  private static final Set<String> CREATED = Set.of("created", "created_at", "datetime");
  private static final Set<String> UPDATED = Set.of("updated", "updated_at");

  private final Backend b;
  private final SandboxState state;
  private final ApiSpec spec;
  private final SpecResources model;
  private final Schemas schemas;
  private final SchemaInstances instances;
  private final SchemaValidator validator;
  private final JobEffects jobEffects;
  /** Serialises the writes of this engine (requests and completing jobs). */
  private final Object writes = new Object();

  SpecEndpoints(Backend backend, ApiSpec spec) {
    this.b = backend;
    this.state = backend.state;
    this.spec = spec;
    this.model = new SpecResources(spec);
    this.schemas = spec.schemas();
    this.instances = new SchemaInstances(schemas);
    this.validator = new SchemaValidator(schemas);
    this.jobEffects = new JobEffects(state, backend.events);
  }

  /** Registers a handler for every operation that has none yet. */
  void register() {
    for (Operation op : spec.operations()) {
      if (b.has(op.operationId())) {
        continue;
      }
      OperationShape shape = model.shape(op.operationId());
      b.on(op.operationId(), r -> serve(r, shape));
    }
  }

  /**
   * Creates {@code n} objects of every stored type without hand-written behaviour, then points each
   * relationship at the first object of its target type (and back).
   */
  void seedOthers(int n) {
    if (n <= 0) {
      return;
    }
    List<Resource> created = new ArrayList<>();
    for (String type : new java.util.TreeSet<>(model.storedTypes())) {
      if (state.isEmulated(type) || model.canonical(type) == null) {
        continue;
      }
      Map<String, Object> attributeSchema = schemas.property(model.canonical(type), "attributes");
      for (int i = 0; i < n; i++) {
        @SuppressWarnings("unchecked")
        Map<String, Object> given = attributeSchema == null ? Map.of()
            : (Map<String, Object>) instances.full(attributeSchema);
        Map<String, Object> attributes = storedAttributes(type, model.canonical(type), given, null);
        List<String> allowedIds = model.enumeratedIds(type);
        if (allowedIds.isEmpty()) {
          created.add(state.insertAny(type, attributes, Map.of()));
        } else if (i < allowedIds.size()) {
          created.add(state.insertWithId(type, allowedIds.get(i), attributes, Map.of()));
        }
      }
    }
    for (String type : new java.util.TreeSet<>(model.storedTypes())) {
      if (!state.isEmulated(type)) {
        continue;
      }
      for (Resource r : state.table(type).all()) {
        for (String name : model.relationshipNames(type)) {
          String target = model.relationshipTarget(type, name);
          if (target == null || model.toMany(type, name) || !r.related(name).isEmpty()) {
            continue;
          }
          List<Resource> targets = state.tableOf(target).all();
          if (!targets.isEmpty()) {
            Map<String, List<String>> rels = new LinkedHashMap<>(r.relationships());
            rels.put(name, List.of(targets.get(0).id()));
            state.relate(r, rels);
          }
        }
      }
    }
    for (Resource r : created) {
      Map<String, List<String>> next = new LinkedHashMap<>(r.relationships());
      for (String name : model.relationshipNames(r.type())) {
        String target = model.relationshipTarget(r.type(), name);
        if (target == null || next.containsKey(name)) {
          continue;
        }
        List<Resource> targets = state.tableOf(target).all();
        if (!targets.isEmpty()) {
          List<String> ids = List.of(targets.get(0).id());
          next.put(name, ids);
          linkInverse(r, name, ids, true);
        }
      }
      state.relate(r, next);
    }
  }

  /**
   * Brings the seeded objects of the emulated types in line with the served revision's response schema: an
   * attribute whose stored shape the schema does not accept (a review's {@code status} became an object in
   * 2025-01-15) and a required attribute the seeder does not set get the spec's placeholder. A type is checked
   * through its first object and rewritten only when that one needs it, so start-up stays fast.
   */
  void conformSeeded() {
    for (String type : model.storedTypes()) {
      Map<String, Object> canonical = model.canonical(type);
      Map<String, Object> attributeSchema = canonical == null ? null : schemas.property(canonical, "attributes");
      if (!state.isEmulated(type) || attributeSchema == null) {
        continue;
      }
      List<Resource> all = state.table(type).unordered();
      if (all.isEmpty() || conformed(all.get(0).attributes(), attributeSchema).equals(all.get(0).attributes())) {
        continue;
      }
      for (Resource r : all) {
        Map<String, Object> next = conformed(r.attributes(), attributeSchema);
        if (!next.equals(r.attributes())) {
          state.replace(r, next);
        }
      }
    }
  }

  private Map<String, Object> conformed(Map<String, Object> attributes, Map<String, Object> attributeSchema) {
    Map<String, Object> declared = schemas.properties(attributeSchema);
    Map<String, Object> out = new LinkedHashMap<>(attributes);
    for (Map.Entry<String, Object> e : attributes.entrySet()) {
      Object schema = declared.get(e.getKey());
      if (schema != null && validator.check(asJson(e.getValue()), schema, "") != null) {
        out.put(e.getKey(), instances.minimal(schema));
      }
    }
    for (String required : schemas.required(attributeSchema)) {
      if (!out.containsKey(required)) {
        out.put(required, instances.minimal(declared.get(required)));
      }
    }
    return out;
  }

  /** A stored value as it is rendered (timestamps as text). */
  private static Object asJson(Object value) {
    return value instanceof Instant || value instanceof Map<?, ?> || value instanceof List<?>
        ? io.github.kvsdk.klaviyo.sandbox.internal.json.Json.parse(io.github.kvsdk.klaviyo.sandbox.internal.json.Json.write(value))
        : value;
  }

  private ApiResponse serve(ApiRequest r, OperationShape shape) {
    b.jobs().advanceAll();
    if (r.operation().method().equals("GET")) {
      return dispatch(r, shape);
    }
    // Writes read, change and write back relationships on both sides: one at a time.
    synchronized (writes) {
      return dispatch(r, shape);
    }
  }

  private ApiResponse dispatch(ApiRequest r, OperationShape shape) {
    return switch (shape.kind()) {
      case COLLECTION -> collection(r, shape);
      case CREATE -> create(r, shape);
      case GET -> reply(r, find(shape.type(), r), shape);
      case UPDATE -> update(r, shape);
      case DELETE -> delete(r, shape);
      case RELATED -> related(r, shape);
      case RELATIONSHIP_GET -> relationshipGet(r, shape);
      case RELATIONSHIP_ADD, RELATIONSHIP_REPLACE, RELATIONSHIP_REMOVE -> relationshipChange(r, shape);
      case APPLY -> apply(r, shape);
      case CLONE -> copy(r, shape);
      case ACTION -> action(r, shape);
    };
  }

  // ---- handlers ----------------------------------------------------------------------------------------

  private ApiResponse collection(ApiRequest r, OperationShape shape) {
    ListQuery.Page<Resource> page =
        ListQuery.run(state.tableOf(shape.type()).indexed(), r.operation(), r.query(), Backend.DEFAULT_ACCESS);
    return ApiResponse.of(r.operation().successStatus(), collectionDocument(r, shape, page));
  }

  private ApiResponse create(ApiRequest r, OperationShape shape) {
    Map<String, Object> data = requestData(r);
    if (JobEffects.handles(shape.type())) {
      jobEffects.beforeCreate(shape.type(), data);
    }
    Resource created = createItem(shape.type(), shape.itemSchema(), data);
    if (isJob(created.type())) {
      startJob(created, data);
    }
    return reply(r, created, shape);
  }

  /** Stores a new object of {@code type} from a request's resource object {@code data}. */
  private Resource createItem(String type, Map<String, Object> itemSchema, Map<String, Object> data) {
    Map<String, Object> given = data.get("attributes") instanceof Map<?, ?> a ? cast(a) : Map.of();
    Map<String, List<String>> relationships = requestRelationships(type, data);
    Map<String, Object> attributes = storedAttributes(type, itemSchema, given, null);
    String id = data.get("id") instanceof String chosen ? chosen : firstFreeEnumeratedId(type);
    Resource created = id != null
        ? state.insertWithId(type, id, attributes, relationships)
        : state.insertAny(type, attributes, relationships);
    relationships.forEach((name, ids) -> linkInverse(created, name, ids, true));
    return created;
  }

  /** For a type whose ids the spec enumerates, the first one not yet stored (a 409 when all are); else null. */
  private String firstFreeEnumeratedId(String type) {
    List<String> allowed = model.enumeratedIds(type);
    if (allowed.isEmpty()) {
      return null;
    }
    ResourceTable table = state.tableOf(type);
    for (String id : allowed) {
      if (!table.contains(id)) {
        return id;
      }
    }
    throw ApiException.conflict("Every " + type + " the spec allows already exists.");
  }

  /** Updates a stored object from a request's resource object {@code data}. */
  private void updateItem(Resource existing, Map<String, Object> itemSchema, Map<String, Object> data) {
    Map<String, Object> given = data.get("attributes") instanceof Map<?, ?> a ? cast(a) : Map.of();
    Map<String, Object> attributes = storedAttributes(existing.type(), itemSchema, given, existing.attributes());
    if (!attributes.equals(existing.attributes())) {
      state.replace(existing, attributes);
    }
    Map<String, List<String>> relationships = requestRelationships(existing.type(), data);
    if (!relationships.isEmpty()) {
      Map<String, List<String>> next = new LinkedHashMap<>(existing.relationships());
      relationships.forEach((name, ids) -> {
        linkInverse(existing, name, existing.related(name), false);
        next.put(name, ids);
        linkInverse(existing, name, ids, true);
      });
      state.relate(existing, next);
    }
  }

  private void deleteItem(Resource existing) {
    existing.relationships().forEach((name, ids) -> linkInverse(existing, name, ids, false));
    state.delete(existing.type(), existing.id());
  }

  private boolean isJob(String type) {
    Map<String, Object> schema = model.canonical(type);
    Map<String, Object> attributes = schema == null ? null : schemas.property(schema, "attributes");
    return type.endsWith("-job") && attributes != null && schemas.property(attributes, "status") != null;
  }

  /**
   * Queues a job and hands its effect to {@link Jobs}: the items of a bulk create, update or delete job
   * (the one request attribute holding {@code {"data": [...]}}) are applied one by one when the job
   * completes, each failure becoming an entry of the job's {@code errors}; a profile import creates or
   * updates profiles by identifier and adds them to the job's lists. Suppressions, campaign sends and
   * recipient estimations apply the effects {@link JobEffects} describes.
   */
  private void startJob(Resource job, Map<String, Object> data) {
    List<Object> items = List.of();
    String member = null;
    if (data.get("attributes") instanceof Map<?, ?> attributes) {
      for (Map.Entry<?, ?> e : attributes.entrySet()) {
        if (e.getValue() instanceof Map<?, ?> m && m.get("data") instanceof List<?> list) {
          @SuppressWarnings("unchecked")
          List<Object> objects = (List<Object>) list;
          items = objects;
          member = String.valueOf(e.getKey());
        }
      }
    }
    Map<String, Object> queued = new LinkedHashMap<>(job.attributes());
    Jobs.queued(queued, Math.max(1, items.size()), state.now());
    state.replace(job, queued);
    List<Object> work = items;
    String pointer = "/data/attributes/" + member + "/data/";
    Map<String, Object> relationships = data.get("relationships") instanceof Map<?, ?> rels ? cast(rels) : Map.of();
    if (JobEffects.handles(job.type())) {
      java.util.function.Supplier<Jobs.Outcome> effect = jobEffects.effect(job, data);
      backend().jobs().submit(job, () -> {
        synchronized (writes) {
          return effect.get();
        }
      });
      return;
    }
    backend().jobs().submit(job, () -> applyItems(job.type(), work, pointer, relationships));
  }

  private Jobs.Outcome applyItems(String jobType, List<Object> items, String pointer,
      Map<String, Object> jobRelationships) {
    synchronized (writes) {
      return applyItemsLocked(jobType, items, pointer, jobRelationships);
    }
  }

  private Jobs.Outcome applyItemsLocked(String jobType, List<Object> items, String pointer,
      Map<String, Object> jobRelationships) {
    int completed = 0;
    List<Map<String, Object>> errors = new ArrayList<>();
    List<String> touched = new ArrayList<>();
    String itemType = null;
    for (int i = 0; i < items.size(); i++) {
      if (!(items.get(i) instanceof Map<?, ?> raw)) {
        continue;
      }
      Map<String, Object> item = cast(raw);
      String type = String.valueOf(item.get("type"));
      itemType = type;
      try {
        if (jobType.equals("profile-bulk-import-job")) {
          touched.add(importProfile(item));
        } else if (jobType.endsWith("-bulk-create-job")) {
          touched.add(createItem(type, model.canonical(type), item).id());
        } else if (jobType.endsWith("-bulk-update-job") || jobType.endsWith("-bulk-delete-job")) {
          String id = String.valueOf(item.get("id"));
          Resource existing = state.tableOf(type).get(id).orElseThrow(() -> ApiException.notFound(
              "A " + type + " with id " + id + " does not exist."));
          if (jobType.endsWith("-bulk-update-job")) {
            updateItem(existing, model.canonical(type), item);
          } else {
            deleteItem(existing);
          }
          touched.add(id);
        }
        completed++;
      } catch (ApiException e) {
        errors.add(Jobs.error(e.getMessage(), pointer + i));
      }
    }
    Map<String, List<String>> relationships = new LinkedHashMap<>();
    if (jobType.equals("profile-bulk-import-job")) {
      for (String listId : SpecResources.asIds(jobRelationships.get("lists") instanceof Map<?, ?> l
          ? l.get("data") : null)) {
        if (state.lists().contains(listId)) {
          state.addToList(listId, touched);
        }
      }
      relationships.put("profiles", List.copyOf(touched));
    } else if (itemType != null && !jobType.endsWith("-bulk-delete-job")) {
      for (String name : model.relationshipNames(jobType)) {
        if (itemType.equals(model.relationshipTarget(jobType, name))) {
          relationships.put(name, List.copyOf(touched));
        }
      }
    }
    return new Jobs.Outcome(completed, errors, relationships);
  }

  /** Creates or updates one profile of an import job by its identifiers; returns its id. */
  private String importProfile(Map<String, Object> item) {
    Map<String, Object> attributes = item.get("attributes") instanceof Map<?, ?> a
        ? new LinkedHashMap<>(cast(a)) : new LinkedHashMap<>();
    attributes.keySet().retainAll(Profiles.WRITABLE);
    Profiles.validate(attributes, "/attributes", true);
    String id = item.get("id") instanceof String s && state.profiles().contains(s) ? s
        : state.findProfileId((String) attributes.get("email"), (String) attributes.get("phone_number"),
            (String) attributes.get("external_id"));
    if (id != null) {
      attributes.remove("anonymous_id");
      return state.updateProfile(id, attributes).id();
    }
    return state.createProfile(Profiles.newAttributes(attributes, state.now())).id();
  }

  private Backend backend() {
    return b;
  }

  /** The object named by {@code data.id}, with the request's relationships (such as a template) applied. */
  private ApiResponse apply(ApiRequest r, OperationShape shape) {
    Map<String, Object> data = requestData(r);
    Resource target = named(shape.type(), data);
    Map<String, List<String>> relationships = requestRelationships(shape.type(), data);
    if (!relationships.isEmpty()) {
      Map<String, List<String>> next = new LinkedHashMap<>(target.relationships());
      relationships.forEach((name, ids) -> {
        linkInverse(target, name, target.related(name), false);
        next.put(name, ids);
        linkInverse(target, name, ids, true);
      });
      state.relate(target, next);
    }
    return reply(r, target, shape);
  }

  /** A new object copied from the one named by {@code data.id}; {@code new_name} names the copy. */
  private ApiResponse copy(ApiRequest r, OperationShape shape) {
    Map<String, Object> data = requestData(r);
    Resource source = named(shape.type(), data);
    Map<String, Object> given = new LinkedHashMap<>(source.attributes());
    if (data.get("attributes") instanceof Map<?, ?> a) {
      cast(a).forEach((k, v) -> given.put(k.equals("new_name") ? "name" : k, v));
    }
    Resource created = state.insertAny(shape.type(), storedAttributes(shape.type(), shape.itemSchema(),
        given, null), source.relationships());
    return reply(r, created, shape);
  }

  private Resource named(String type, Map<String, Object> data) {
    Object id = data.get("id");
    return state.tableOf(type).get(String.valueOf(id)).orElseThrow(() -> ApiException.notFound(
        "A " + type + " with id " + id + " does not exist."));
  }

  private ApiResponse update(ApiRequest r, OperationShape shape) {
    Resource existing = find(shape.type(), r);
    Map<String, Object> data = requestData(r);
    if (data.get("id") != null && !data.get("id").equals(existing.id())) {
      throw ApiException.conflict("The id in the body (" + data.get("id") + ") does not match the id in the URL ("
          + existing.id() + ").");
    }
    updateItem(existing, shape.itemSchema(), data);
    if (JobEffects.handles(existing.type())) {
      jobEffects.afterUpdate(existing, data);
    }
    return reply(r, existing, shape);
  }

  private ApiResponse delete(ApiRequest r, OperationShape shape) {
    Resource existing = find(shape.type(), r);
    deleteItem(existing);
    return reply(r, existing, shape);
  }

  private ApiResponse related(ApiRequest r, OperationShape shape) {
    Resource parent = find(shape.parentType(), r);
    List<Resource> items = new ArrayList<>();
    ResourceTable table = state.tableOf(shape.type());
    for (String id : parent.related(shape.relationship())) {
      table.get(id).ifPresent(items::add);
    }
    if (!model.toMany(shape.parentType(), shape.relationship()) || !isCollectionResponse(r.operation())) {
      if (items.isEmpty()) {
        throw ApiException.notFound("The " + shape.parentType() + " " + parent.id() + " has no "
            + shape.relationship() + ".");
      }
      return reply(r, items.get(0), shape);
    }
    ListQuery.Page<Resource> page = ListQuery.run(items, r.operation(), r.query(), Backend.DEFAULT_ACCESS,
        Resource::id, Resource::sequence);
    return ApiResponse.of(r.operation().successStatus(), collectionDocument(r, shape, page));
  }

  private ApiResponse relationshipGet(ApiRequest r, OperationShape shape) {
    Resource parent = find(shape.parentType(), r);
    List<String> ids = parent.related(shape.relationship());
    Map<String, Object> doc = new LinkedHashMap<>();
    if (isCollectionResponse(r.operation())) {
      List<Resource> items = new ArrayList<>();
      ResourceTable table = state.tableOf(shape.type());
      for (String id : ids) {
        table.get(id).ifPresent(items::add);
      }
      ListQuery.Page<Resource> page = ListQuery.run(items, r.operation(), r.query(), Backend.DEFAULT_ACCESS,
          Resource::id, Resource::sequence);
      List<Object> data = new ArrayList<>();
      page.items().forEach(item -> data.add(JsonApi.identifier(shape.type(), item.id())));
      doc.put("data", data);
      if (schemas.property(r.operation().successSchema(), "links") != null) {
        doc.put("links", b.api.pageLinks(r, page));
      }
      return ApiResponse.of(r.operation().successStatus(), doc);
    } else if (!ids.isEmpty()) {
      doc.put("data", JsonApi.identifier(shape.type(), ids.get(0)));
    } else if (Boolean.TRUE.equals(schemas.flatten(schemas.property(r.operation().successSchema(), "data"))
        .get("nullable"))) {
      doc.put("data", null);
    } else {
      throw ApiException.notFound("The " + shape.parentType() + " " + parent.id() + " has no "
          + shape.relationship() + ".");
    }
    if (schemas.property(r.operation().successSchema(), "links") != null) {
      doc.put("links", Map.of("self", r.selfUrl()));
    }
    return ApiResponse.of(r.operation().successStatus(), doc);
  }

  private ApiResponse relationshipChange(ApiRequest r, OperationShape shape) {
    Resource parent = find(shape.parentType(), r);
    Object data = r.jsonObject().get("data");
    List<String> ids = SpecResources.asIds(data);
    checkTargets(shape.type(), ids, "/data");
    List<String> current = new ArrayList<>(parent.related(shape.relationship()));
    Set<String> next = new LinkedHashSet<>(current);
    switch (shape.kind()) {
      case RELATIONSHIP_ADD -> next.addAll(ids);
      case RELATIONSHIP_REMOVE -> ids.forEach(next::remove);
      default -> {
        next.clear();
        next.addAll(ids);
      }
    }
    List<String> removed = new ArrayList<>(current);
    removed.removeAll(next);
    List<String> added = new ArrayList<>(next);
    added.removeAll(current);
    Map<String, List<String>> all = new LinkedHashMap<>(parent.relationships());
    all.put(shape.relationship(), List.copyOf(next));
    state.relate(parent, all);
    linkInverse(parent, shape.relationship(), removed, false);
    linkInverse(parent, shape.relationship(), added, true);
    return reply(r, parent, shape);
  }

  private ApiResponse action(ApiRequest r, OperationShape shape) {
    Operation op = r.operation();
    if (op.successSchema() == null) {
      return ApiResponse.of(op.successStatus(), null);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> doc = (Map<String, Object>) instances.minimal(op.successSchema());
    if (doc.get("data") instanceof Map<?, ?> data) {
      Map<String, Object> d = new LinkedHashMap<>(cast(data));
      if (d.containsKey("id")) {
        d.put("id", state.newOtherId());
      }
      if (d.get("links") instanceof Map<?, ?>) {
        d.put("links", Map.of("self", r.selfUrl()));
      }
      doc.put("data", d);
    }
    if (doc.get("links") instanceof Map<?, ?>) {
      doc.put("links", Map.of("self", r.selfUrl()));
    }
    return ApiResponse.of(op.successStatus(), doc);
  }

  // ---- storage -----------------------------------------------------------------------------------------

  private Resource find(String type, ApiRequest r) {
    String id = idParameter(r);
    return state.tableOf(type).get(id).orElseThrow(() -> ApiException.notFound(
        "A " + type + " with id " + id + " does not exist."));
  }

  private static String idParameter(ApiRequest r) {
    for (Parameter p : r.operation().parameters()) {
      if (p.in().equals("path")) {
        return r.pathParameter(p.name());
      }
    }
    throw ApiException.notFound("No id in the path.");
  }

  private static Map<String, Object> requestData(ApiRequest r) {
    if (r.operation().requestSchema() == null && r.body().length == 0) {
      return Map.of();
    }
    return Bodies.object(r.jsonObject().get("data"), "/data");
  }

  /** The relationship ids given in a request's {@code data.relationships}, each target checked. */
  private Map<String, List<String>> requestRelationships(String type, Map<String, Object> data) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (!(data.get("relationships") instanceof Map<?, ?> rels)) {
      return out;
    }
    for (Map.Entry<?, ?> e : rels.entrySet()) {
      String name = String.valueOf(e.getKey());
      if (!(e.getValue() instanceof Map<?, ?> rel) || !rel.containsKey("data")) {
        continue;
      }
      List<String> ids = SpecResources.asIds(rel.get("data"));
      String target = model.relationshipTarget(type, name);
      if (target == null && rel.get("data") instanceof Map<?, ?> one && one.get("type") instanceof String t) {
        target = t;
      }
      checkTargets(target, ids, "/data/relationships/" + name + "/data");
      out.put(name, List.copyOf(ids));
    }
    return out;
  }

  /** A 404 when a referenced object of a type the sandbox stores does not exist. */
  private void checkTargets(String type, List<String> ids, String pointer) {
    if (type == null || !model.storedTypes().contains(type)) {
      return;
    }
    ResourceTable table = state.tableOf(type);
    for (String id : ids) {
      if (!table.contains(id)) {
        throw ApiException.notFound("A " + type + " with id " + id + " does not exist (" + pointer + ").");
      }
    }
  }

  /** Adds or removes {@code source} in the inverse relationship of each target. */
  private void linkInverse(Resource source, String name, List<String> targetIds, boolean add) {
    String targetType = model.relationshipTarget(source.type(), name);
    if (targetType == null || targetIds.isEmpty()) {
      return;
    }
    String inverse = model.inverse(source.type(), targetType);
    if (inverse == null) {
      return;
    }
    ResourceTable table = state.tableOf(targetType);
    for (String id : targetIds) {
      Resource target = table.get(id).orElse(null);
      if (target == null) {
        continue;
      }
      Map<String, List<String>> rels = new LinkedHashMap<>(target.relationships());
      Set<String> ids = new LinkedHashSet<>(target.related(inverse));
      boolean changed = add ? ids.add(source.id()) : ids.remove(source.id());
      if (changed) {
        if (!model.toMany(targetType, inverse)) {
          ids = add ? Set.of(source.id()) : Set.of();
        }
        rels.put(inverse, List.copyOf(ids));
        state.relate(target, rels);
      }
    }
  }

  /**
   * The attributes to store: the previous ones (or, for a new object, placeholders for required ones and
   * server timestamps) overlaid with the given ones that the response schema declares and accepts.
   */
  private Map<String, Object> storedAttributes(String type, Map<String, Object> itemSchema, Map<String, Object> given,
      Map<String, Object> previous) {
    Map<String, Object> schema = model.canonical(type) != null ? model.canonical(type) : itemSchema;
    Map<String, Object> attributeSchema = schema == null ? Map.of() : schemas.property(schema, "attributes");
    Map<String, Object> declared = attributeSchema == null ? Map.of() : schemas.properties(attributeSchema);
    Map<String, Object> out = new LinkedHashMap<>();
    Instant now = state.now();
    if (previous != null) {
      out.putAll(previous);
    } else {
      for (Map.Entry<String, Object> p : declared.entrySet()) {
        if (isDateTime(p.getValue()) && (CREATED.contains(p.getKey()) || UPDATED.contains(p.getKey()))) {
          out.put(p.getKey(), now);
        }
      }
    }
    boolean changed = false;
    for (Map.Entry<String, Object> e : given.entrySet()) {
      Object propertySchema = declared.get(e.getKey());
      if (propertySchema == null && !declared.isEmpty()) {
        continue;
      }
      if (propertySchema != null && validator.check(e.getValue(), propertySchema, "") != null) {
        continue;
      }
      Object value = propertySchema != null && isDateTime(propertySchema) && e.getValue() instanceof String s
          && Timestamps.parseOrNull(s) != null ? Timestamps.parseOrNull(s) : e.getValue();
      changed |= !java.util.Objects.equals(out.put(e.getKey(), value), value);
    }
    if (previous == null) {
      for (String required : attributeSchema == null ? List.<String>of() : schemas.required(attributeSchema)) {
        if (!out.containsKey(required)) {
          out.put(required, instances.minimal(declared.get(required)));
        }
      }
    } else if (changed) {
      for (String name : UPDATED) {
        if (declared.containsKey(name) && isDateTime(declared.get(name))) {
          out.put(name, now);
        }
      }
    }
    return out;
  }

  private boolean isDateTime(Object schema) {
    return "date-time".equals(schemas.flatten(schema).get("format"));
  }

  // ---- rendering ---------------------------------------------------------------------------------------

  private ApiResponse reply(ApiRequest r, Resource resource, OperationShape shape) {
    Operation op = r.operation();
    if (op.successSchema() == null) {
      return ApiResponse.of(op.successStatus(), null);
    }
    JsonApi.View view = b.api.view(r);
    Map<String, Object> item = shape.itemSchema() != null ? shape.itemSchema() : model.canonical(resource.type());
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("data", render(resource, item, view));
    if (!view.include().isEmpty()) {
      doc.put("included", included(List.of(resource), item, op, view));
    }
    if (schemas.property(op.successSchema(), "links") != null) {
      doc.put("links", Map.of("self", r.selfUrl()));
    }
    return ApiResponse.of(op.successStatus(), doc);
  }

  private Map<String, Object> collectionDocument(ApiRequest r, OperationShape shape, ListQuery.Page<Resource> page) {
    JsonApi.View view = b.api.view(r);
    List<Object> data = new ArrayList<>(page.items().size());
    for (Resource item : page.items()) {
      data.add(render(item, shape.itemSchema(), view));
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("data", data);
    doc.put("links", b.api.pageLinks(r, page));
    if (!view.include().isEmpty()) {
      doc.put("included", included(page.items(), shape.itemSchema(), r.operation(), view));
    }
    return doc;
  }

  /** The JSON:API resource object of {@code r} as {@code item} (the response's object schema) declares it. */
  Map<String, Object> render(Resource r, Map<String, Object> item, JsonApi.View view) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", r.type());
    out.put("id", r.id());
    Map<String, Object> attributeSchema = item == null ? null : schemas.property(item, "attributes");
    if (attributeSchema != null || item == null) {
      out.put("attributes", renderAttributes(r, attributeSchema, view));
    }
    String collection = model.collectionOf(r.type());
    String self = view.baseUrl() + "/api/" + (collection == null ? r.type() + "s" : collection) + "/" + r.id() + "/";
    Map<String, Object> relationshipsSchema = item == null ? null : schemas.property(item, "relationships");
    if (relationshipsSchema != null) {
      Map<String, Object> rels = new LinkedHashMap<>();
      for (Map.Entry<String, Object> rel : schemas.properties(relationshipsSchema).entrySet()) {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> dataSchema = schemas.property(rel.getValue(), "data");
        if (dataSchema != null) {
          String target = model.dataType(dataSchema);
          List<String> ids = r.related(rel.getKey());
          if ("array".equals(schemas.flatten(dataSchema).get("type"))) {
            List<Object> data = new ArrayList<>(ids.size());
            ids.forEach(id -> data.add(JsonApi.identifier(target, id)));
            body.put("data", data);
          } else if (!ids.isEmpty()) {
            body.put("data", JsonApi.identifier(target, ids.get(0)));
          } else if (Boolean.TRUE.equals(schemas.flatten(dataSchema).get("nullable"))) {
            body.put("data", null);
          }
        }
        if (schemas.property(rel.getValue(), "links") != null) {
          Map<String, Object> links = new LinkedHashMap<>();
          links.put("self", self + "relationships/" + rel.getKey() + "/");
          links.put("related", self + rel.getKey() + "/");
          body.put("links", links);
        }
        rels.put(rel.getKey(), body);
      }
      out.put("relationships", rels);
    }
    if (item == null || schemas.property(item, "links") != null) {
      out.put("links", Map.of("self", self));
    }
    return out;
  }

  private Map<String, Object> renderAttributes(Resource r, Map<String, Object> attributeSchema, JsonApi.View view) {
    Map<String, Object> declared = attributeSchema == null ? Map.of() : schemas.properties(attributeSchema);
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : r.attributes().entrySet()) {
      if (e.getKey().startsWith("$") || !declared.isEmpty() && !declared.containsKey(e.getKey())) {
        continue;
      }
      out.put(e.getKey(), e.getValue());
    }
    if (attributeSchema != null) {
      for (String required : schemas.required(attributeSchema)) {
        if (!out.containsKey(required)) {
          out.put(required, instances.minimal(declared.get(required)));
        }
      }
    }
    List<String> fields = view.fields().get(r.type());
    if (fields != null) {
      out.keySet().retainAll(Set.copyOf(fields));
    }
    return out;
  }

  private List<Object> included(List<Resource> primary, Map<String, Object> item, Operation op, JsonApi.View view) {
    Map<String, Object> byKey = new LinkedHashMap<>();
    Map<String, Object> relationshipsSchema = item == null ? null : schemas.property(item, "relationships");
    for (Resource r : primary) {
      for (String name : view.include()) {
        Map<String, Object> rel = relationshipsSchema == null ? null : schemas.property(relationshipsSchema, name);
        String target = rel == null ? model.relationshipTarget(r.type(), name)
            : model.dataType(schemas.property(rel, "data"));
        if (target == null) {
          target = model.relationshipTarget(r.type(), name);
        }
        if (target == null) {
          continue;
        }
        ResourceTable table = state.tableOf(target);
        Map<String, Object> includedSchema = includedSchema(op, target);
        for (String id : r.related(name)) {
          String key = target + ":" + id;
          if (!byKey.containsKey(key)) {
            table.get(id).ifPresent(t -> byKey.put(key, render(t, includedSchema, view)));
          }
        }
      }
    }
    return new ArrayList<>(byKey.values());
  }

  /** The schema of an included object of {@code type} in {@code op}'s response. */
  private Map<String, Object> includedSchema(Operation op, String type) {
    Map<String, Object> included = schemas.property(op.successSchema(), "included");
    if (included != null && included.get("items") != null) {
      Object items = included.get("items");
      List<Object> alternatives = schemas.alternatives(items);
      for (Object alternative : alternatives.isEmpty() ? List.of(items) : alternatives) {
        if (type.equals(schemas.resourceType(alternative))) {
          return schemas.flatten(alternative);
        }
      }
    }
    return model.canonical(type);
  }

  private boolean isCollectionResponse(Operation op) {
    Map<String, Object> data = op.successSchema() == null ? null : schemas.property(op.successSchema(), "data");
    return data != null && "array".equals(schemas.flatten(data).get("type"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }
}
