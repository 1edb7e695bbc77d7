package io.github.kvsdk.klaviyo.sandbox.resources;

import io.github.kvsdk.klaviyo.openapi.catalog.Schemas;
import io.github.kvsdk.klaviyo.sandbox.internal.spec.ApiSpec;
import io.github.kvsdk.klaviyo.sandbox.internal.spec.Operation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The resource model the spec implies: which collection path holds which JSON:API type, the canonical
 * resource object schema of each type, each type's relationships and their inverses, and the
 * {@link OperationShape} of every operation.
 */
final class SpecResources {
  private final Schemas schemas;
  /** Collection path segment ({@code tags}) to resource type ({@code tag}). */
  private final Map<String, String> typeOfCollection = new HashMap<>();
  private final Map<String, String> collectionOfType = new HashMap<>();
  /** Type to its resource object schema as returned by the type's own GET (flattened). */
  private final Map<String, Map<String, Object>> canonical = new HashMap<>();
  private final Map<String, OperationShape> shapes = new HashMap<>();
  /** Relationships named by related-resource and relationship paths: type -> name -> target type. */
  private final Map<String, Map<String, String>> pathRelationships = new HashMap<>();
  /** Of those, the to-one ones ("type name"). */
  private final java.util.Set<String> toOnePaths = new java.util.HashSet<>();

  SpecResources(ApiSpec spec) {
    this.schemas = spec.schemas();
    // Pass 1: types of collections and canonical schemas, from GET /api/x/{id} first, then the rest.
    for (int pass = 0; pass < 2; pass++) {
      for (Operation op : spec.operations()) {
        String[] seg = segments(op.pathTemplate());
        if (seg.length < 2 || !seg[0].equals("api")) {
          continue;
        }
        boolean byId = seg.length == 3 && seg[2].startsWith("{");
        if (pass == 0 && !(byId && op.method().equals("GET"))) {
          continue;
        }
        if (seg.length > 3 || seg.length == 3 && !byId) {
          continue;
        }
        String type = responseType(op);
        if (type == null && (byId || op.method().equals("POST"))) {
          type = requestType(op);
        }
        if (type == null) {
          continue;
        }
        if (byId || op.method().equals("GET")) {
          typeOfCollection.putIfAbsent(seg[1], type);
          collectionOfType.putIfAbsent(type, seg[1]);
        }
        Map<String, Object> item = itemSchema(op);
        if (item != null && type.equals(schemas.resourceType(item))) {
          canonical.putIfAbsent(type, item);
        }
      }
    }
    for (Operation op : spec.operations()) {
      OperationShape shape = shape(op);
      shapes.put(op.operationId(), shape);
      if (shape.parentType() != null && shape.type() != null) {
        pathRelationships.computeIfAbsent(shape.parentType(), k -> new java.util.LinkedHashMap<>())
            .putIfAbsent(shape.relationship(), shape.type());
        if (op.method().equals("GET") && !isCollection(op)) {
          toOnePaths.add(shape.parentType() + " " + shape.relationship());
        }
      }
    }
  }

  /** The relationship names of {@code type}: those its schema declares and those its paths name. */
  java.util.Set<String> relationshipNames(String type) {
    java.util.Set<String> names = new java.util.LinkedHashSet<>();
    Map<String, Object> item = canonical.get(type);
    if (item != null) {
      names.addAll(schemas.properties(schemas.property(item, "relationships")).keySet());
    }
    names.addAll(pathRelationships.getOrDefault(type, Map.of()).keySet());
    return names;
  }

  OperationShape shape(String operationId) {
    return shapes.get(operationId);
  }

  Schemas schemas() {
    return schemas;
  }

  /** The collection path segment of {@code type} ({@code tags}), or null. */
  String collectionOf(String type) {
    return collectionOfType.get(type);
  }

  /** The resource object schema of {@code type}, or null for a type the spec never returns. */
  Map<String, Object> canonical(String type) {
    return canonical.get(type);
  }

  /** Types with a GET-by-id operation or returned in a collection: the types the sandbox stores. */
  java.util.Set<String> storedTypes() {
    return collectionOfType.keySet();
  }

  /** The target type of relationship {@code name} of {@code type}, or null. */
  String relationshipTarget(String type, String name) {
    Map<String, Object> item = canonical.get(type);
    Map<String, Object> rel = item == null ? null : schemas.property(schemas.property(item, "relationships"), name);
    String target = rel == null ? null : dataType(schemas.property(rel, "data"));
    return target != null ? target : pathRelationships.getOrDefault(type, Map.of()).get(name);
  }

  /** Whether relationship {@code name} of {@code type} is to-many (true unless the spec says to-one). */
  boolean toMany(String type, String name) {
    if (toOnePaths.contains(type + " " + name)) {
      return false;
    }
    Map<String, Object> item = canonical.get(type);
    if (item == null) {
      return true;
    }
    Map<String, Object> rel = schemas.property(schemas.property(item, "relationships"), name);
    Map<String, Object> data = rel == null ? null : schemas.property(rel, "data");
    return data == null || !"object".equals(schemas.flatten(data).get("type"))
        && !schemas.flatten(data).containsKey("properties");
  }

  /** The ids the spec allows for {@code type} when its {@code id} is an enum (mapped metrics), else empty. */
  List<String> enumeratedIds(String type) {
    Map<String, Object> item = canonical.get(type);
    Map<String, Object> id = item == null ? null : schemas.property(item, "id");
    Object values = id == null ? null : schemas.flatten(id).get("enum");
    List<String> ids = new java.util.ArrayList<>();
    if (values instanceof List<?> list) {
      list.forEach(v -> ids.add(String.valueOf(v)));
    }
    return ids;
  }

  /** The relationship of {@code targetType} that points back at {@code type}, or null. */
  String inverse(String type, String targetType) {
    for (String name : relationshipNames(targetType)) {
      if (type.equals(relationshipTarget(targetType, name))) {
        return name;
      }
    }
    return null;
  }

  private OperationShape shape(Operation op) {
    String[] seg = segments(op.pathTemplate());
    String method = op.method();
    Map<String, Object> item = itemSchema(op);
    String responseType = responseType(op);
    // /client/ reads (such as a product's reviews) list the same stored resources as /api/.
    boolean clientRead = seg.length >= 2 && seg[0].equals("client") && method.equals("GET");
    if (seg.length >= 2 && (seg[0].equals("api") || clientRead)) {
      String collectionType = typeOfCollection.get(seg[1]);
      if (seg.length == 2 && method.equals("GET") && responseType != null && isCollection(op)) {
        return new OperationShape(OperationShape.Kind.COLLECTION, responseType, null, null, item);
      }
      if (seg.length == 2 && method.equals("POST")) {
        String requestType = requestType(op);
        if (responseType != null && !isCollection(op) && responseType.equals(collectionType)) {
          return new OperationShape(OperationShape.Kind.CREATE, responseType, null, null, item);
        }
        if (responseType == null && requestType != null && requestType.equals(collectionType)) {
          return new OperationShape(OperationShape.Kind.CREATE, requestType, null, null, canonical(requestType));
        }
        boolean namesObject = op.requestSchema() != null
            && schemas.property(schemas.property(op.requestSchema(), "data"), "id") != null;
        if (responseType != null && !isCollection(op) && canonical.containsKey(responseType) && namesObject) {
          OperationShape.Kind kind = seg[1].endsWith("-clone") ? OperationShape.Kind.CLONE : OperationShape.Kind.APPLY;
          return new OperationShape(kind, responseType, null, null, item);
        }
      }
      if (seg.length == 3 && seg[2].startsWith("{") && collectionType != null) {
        OperationShape.Kind kind = switch (method) {
          case "GET" -> OperationShape.Kind.GET;
          case "PATCH" -> OperationShape.Kind.UPDATE;
          case "DELETE" -> OperationShape.Kind.DELETE;
          default -> null;
        };
        if (kind != null) {
          return new OperationShape(kind, collectionType, null, null, item != null ? item : canonical(collectionType));
        }
      }
      if (seg.length == 4 && seg[2].startsWith("{") && collectionType != null && method.equals("GET")
          && responseType != null) {
        return new OperationShape(OperationShape.Kind.RELATED, responseType, collectionType, seg[3], item);
      }
      if (seg.length == 5 && seg[2].startsWith("{") && seg[3].equals("relationships") && collectionType != null) {
        String target = responseType != null ? responseType : requestType(op);
        OperationShape.Kind kind = switch (method) {
          case "GET" -> OperationShape.Kind.RELATIONSHIP_GET;
          case "POST" -> OperationShape.Kind.RELATIONSHIP_ADD;
          case "PATCH" -> OperationShape.Kind.RELATIONSHIP_REPLACE;
          case "DELETE" -> OperationShape.Kind.RELATIONSHIP_REMOVE;
          default -> null;
        };
        if (kind != null && target != null) {
          return new OperationShape(kind, target, collectionType, seg[4], item);
        }
      }
    }
    return new OperationShape(OperationShape.Kind.ACTION, responseType, null, null, item);
  }

  /** The schema of the response's resource object ({@code data}, or its items), flattened; or null. */
  Map<String, Object> itemSchema(Operation op) {
    Map<String, Object> data = op.successSchema() == null ? null : schemas.property(op.successSchema(), "data");
    if (data == null) {
      return null;
    }
    Map<String, Object> flat = schemas.flatten(data);
    if ("array".equals(flat.get("type"))) {
      return flat.get("items") == null ? null : schemas.flatten(flat.get("items"));
    }
    return flat;
  }

  private boolean isCollection(Operation op) {
    Map<String, Object> data = op.successSchema() == null ? null : schemas.property(op.successSchema(), "data");
    return data != null && "array".equals(schemas.flatten(data).get("type"));
  }

  /** The type of the response's {@code data} (or its items), or null. */
  String responseType(Operation op) {
    return op.successSchema() == null ? null : dataType(schemas.property(op.successSchema(), "data"));
  }

  /** The type of the request body's {@code data} (or its items), or null. */
  String requestType(Operation op) {
    return op.requestSchema() == null ? null : dataType(schemas.property(op.requestSchema(), "data"));
  }

  /** The resource type of a {@code data} member schema: an object or an array of objects. */
  String dataType(Map<String, Object> data) {
    if (data == null) {
      return null;
    }
    Map<String, Object> flat = schemas.flatten(data);
    if ("array".equals(flat.get("type"))) {
      return flat.get("items") == null ? null : schemas.resourceType(flat.get("items"));
    }
    return schemas.resourceType(flat);
  }

  private static String[] segments(String template) {
    String t = template.startsWith("/") ? template.substring(1) : template;
    if (t.endsWith("/")) {
      t = t.substring(0, t.length() - 1);
    }
    return t.split("/");
  }

  static List<String> asIds(Object data) {
    if (data instanceof Map<?, ?> one) {
      return one.get("id") == null ? List.of() : List.of(String.valueOf(one.get("id")));
    }
    if (data instanceof List<?> many) {
      java.util.List<String> ids = new java.util.ArrayList<>();
      for (Object o : many) {
        if (o instanceof Map<?, ?> m && m.get("id") != null) {
          ids.add(String.valueOf(m.get("id")));
        }
      }
      return ids;
    }
    return List.of();
  }
}
