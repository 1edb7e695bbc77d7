package io.github.kvsdk.klaviyo.openapi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Gives every operation's JSON documents component names derived from its operationId, so that the types
 * user code names stay the same across revisions. Klaviyo keeps operationIds stable, but the schemas it
 * references are renamed, shared between operations and reshaped from one revision to the next, and the
 * generator names inline schemas after wherever they happen to sit ({@code
 * GetProfileResponseCollectionCompoundDocumentDataInner}).
 *
 * <p>For an operation {@code get_profiles} (names are the operationId in upper camel case):
 *
 * <ul>
 *   <li>{@code GetProfilesRequest}: the JSON request body, a copy of the schema the operation references;
 *   <li>{@code GetProfilesResult}: the JSON document of its first 2xx response, a copy of the referenced
 *       document whose {@code data} (the resource, or each element of a collection) refers to
 *   <li>{@code GetProfilesResultData}: the resource. Where the document described it inline, the first
 *       operation (by operationId) using that document gets the schema itself and the document refers to
 *       it; any other operation gets {@code allOf [that]}; where the document referenced a component
 *       ({@code ProfileResponseObjectResource}), it is {@code allOf [that component]}. Either way it has the
 *       resource's fields under a name of its own.
 * </ul>
 *
 * <p>A further 2xx response with a different document is named with its status code
 * ({@code CreateOrUpdateProfileResult201}). The suffixes {@code Request} and {@code Result} are chosen because
 * no Klaviyo revision names a schema so; should a revision ever have a component that a name equals, or
 * that starts with it, or that it starts with (which could clash with a name the generator gives an inline
 * schema), that operation's names get {@code Operation} before the suffix ({@code GetProfileOperationResult})
 * and a warning is printed. Existing component schemas keep their names and content, apart from a moved
 * inline {@code data} element, which their document now references.
 */
final class OperationDocuments {
  private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch");
  private static final Set<String> JSON_MEDIA_TYPES = Set.of("application/vnd.api+json", "application/json");

  private final Map<String, Object> schemas;
  private final Set<String> existingClassNames = new HashSet<>();
  private final Set<String> added = new HashSet<>();
  /** Document component name to the component its inline data element was moved to. */
  private final Map<String, String> movedData = new LinkedHashMap<>();
  private final List<String> warnings = new ArrayList<>();
  private int named;

  private OperationDocuments(Map<String, Object> schemas) {
    this.schemas = schemas;
    for (String name : schemas.keySet()) {
      existingClassNames.add(className(name));
    }
  }

  /** Names the documents of every operation in {@code root}; returns how many components were added. */
  @SuppressWarnings("unchecked")
  static int name(Object root) {
    if (!(root instanceof Map<?, ?> r && r.get("components") instanceof Map<?, ?> c
        && c.get("schemas") instanceof Map<?, ?> s && r.get("paths") instanceof Map<?, ?> paths)) {
      return 0;
    }
    OperationDocuments documents = new OperationDocuments((Map<String, Object>) s);
    Map<String, Map<String, Object>> operations = new TreeMap<>();
    for (Object pathItem : paths.values()) {
      if (!(pathItem instanceof Map<?, ?> item)) continue;
      for (Map.Entry<?, ?> entry : item.entrySet()) {
        if (HTTP_METHODS.contains(entry.getKey()) && entry.getValue() instanceof Map<?, ?> operation
            && operation.get("operationId") instanceof String operationId) {
          operations.put(operationId, (Map<String, Object>) operation);
        }
      }
    }
    operations.forEach(documents::nameOperation);
    documents.warnings.forEach(w -> System.out.println("WARNING: " + w));
    return documents.named;
  }

  /** The generator's class name for a schema name: each alphanumeric run capitalised, the rest dropped. */
  static String className(String name) {
    StringBuilder out = new StringBuilder();
    for (String part : name.split("[^A-Za-z0-9]+")) {
      if (!part.isEmpty()) out.append(Character.toUpperCase(part.charAt(0))).append(part, 1, part.length());
    }
    return out.toString();
  }

  @SuppressWarnings("unchecked")
  private void nameOperation(String operationId, Map<String, Object> operation) {
    String base = className(operationId);
    if (clashes(base + "Request") || clashes(base + "Result") || clashes(base + "ResultData")) {
      warnings.add("operation " + operationId + ": a schema of this revision clashes with " + base
          + "Request/Result; its documents are named " + base + "OperationRequest/Result instead");
      base = base + "Operation";
    }
    if (operation.get("requestBody") instanceof Map<?, ?> body && body.get("content") instanceof Map<?, ?> content) {
      for (Map.Entry<?, ?> media : content.entrySet()) {
        if (JSON_MEDIA_TYPES.contains(media.getKey()) && media.getValue() instanceof Map<?, ?> m
            && m.get("schema") instanceof Map<?, ?> schema) {
          String name = base + "Request";
          if (!added.contains(name)) add(name, copy(resolve((Map<String, Object>) schema)));
          ((Map<String, Object>) m).put("schema", ref(name));
        }
      }
    }
    if (!(operation.get("responses") instanceof Map<?, ?> responses)) return;
    Map<String, String> documentNames = new LinkedHashMap<>(); // referenced schema -> our name
    for (Map.Entry<?, ?> response : new TreeMap<>(responses).entrySet()) {
      String code = String.valueOf(response.getKey());
      if (!code.startsWith("2") || !(response.getValue() instanceof Map<?, ?> r)
          || !(r.get("content") instanceof Map<?, ?> content)) {
        continue;
      }
      for (Map.Entry<?, ?> media : content.entrySet()) {
        if (!JSON_MEDIA_TYPES.contains(media.getKey()) || !(media.getValue() instanceof Map<?, ?> m)
            || !(m.get("schema") instanceof Map<?, ?> schema)) {
          continue;
        }
        String key = String.valueOf(schema.get("$ref"));
        String name = documentNames.get(key);
        if (name == null) {
          name = base + "Result" + (documentNames.isEmpty() ? "" : code);
          documentNames.put(key, name);
          add(name, resultDocument((Map<String, Object>) schema, name + "Data"));
        }
        ((Map<String, Object>) m).put("schema", ref(name));
      }
    }
  }

  /** A copy of the document {@code schema} refers to, its data element referring to {@code dataName}. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> resultDocument(Map<String, Object> schema, String dataName) {
    Map<String, Object> original = resolve(schema);
    Map<String, Object> document = copy(original);
    if (!(document.get("properties") instanceof Map<?, ?> properties)
        || !(properties.get("data") instanceof Map<?, ?> dataMap)
        || !(((Map<String, Object>) original.get("properties")).get("data") instanceof Map<?, ?> originalData)) {
      return document;
    }
    Map<String, Object> data = (Map<String, Object>) dataMap;
    boolean collection = "array".equals(data.get("type"));
    Map<String, Object> originalElementHolder = (Map<String, Object>) originalData;
    Object element = collection ? originalElementHolder.get("items") : originalElementHolder;
    if (!(element instanceof Map<?, ?> elementMap)) {
      return document;
    }
    Map<String, Object> originalElement = (Map<String, Object>) elementMap;
    String documentName = referencedName(schema);
    Map<String, Object> dataSchema;
    if (originalElement.get("$ref") instanceof String elementRef) {
      dataSchema = allOf(elementRef);
    } else if (documentName != null && movedData.containsKey(documentName)) {
      dataSchema = allOf("#/components/schemas/" + movedData.get(documentName));
    } else {
      // Moves the inline element out of the shared document, which then refers to it.
      dataSchema = new LinkedHashMap<>(originalElement);
      Object nullable = dataSchema.remove("nullable");
      originalElement.clear();
      originalElement.put("$ref", "#/components/schemas/" + dataName);
      if (nullable != null) originalElement.put("nullable", nullable);
      if (documentName != null) movedData.put(documentName, dataName);
    }
    add(dataName, dataSchema);
    Map<String, Object> reference = ref(dataName);
    Object nullable = originalElement.get("nullable");
    if (nullable != null) reference.put("nullable", nullable);
    if (collection) {
      data.put("items", reference);
    } else {
      ((Map<String, Object>) properties).put("data", reference);
    }
    return document;
  }

  private boolean clashes(String name) {
    if (added.contains(name)) return false; // a second media type or status of the same operation
    for (String existing : existingClassNames) {
      if (existing.equals(name) || existing.startsWith(name) || name.startsWith(existing)) return true;
    }
    return false;
  }

  private void add(String name, Map<String, Object> schema) {
    if (schemas.containsKey(name)) {
      throw new IllegalStateException("Generator input: " + name + " is already a schema; operation names clash");
    }
    schemas.put(name, schema);
    added.add(name);
    named++;
  }

  private static Map<String, Object> allOf(String ref) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("allOf", new ArrayList<>(List.of(ref(ref.substring(ref.lastIndexOf('/') + 1)))));
    return schema;
  }

  private static Map<String, Object> ref(String componentName) {
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("$ref", "#/components/schemas/" + componentName);
    return ref;
  }

  private static String referencedName(Map<String, Object> schema) {
    return schema.get("$ref") instanceof String ref ? ref.substring(ref.lastIndexOf('/') + 1) : null;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> resolve(Map<String, Object> schema) {
    Map<String, Object> current = schema;
    for (int hops = 0; hops < 16 && current.get("$ref") instanceof String ref; hops++) {
      if (!(schemas.get(ref.substring(ref.lastIndexOf('/') + 1)) instanceof Map<?, ?> target)) {
        return current;
      }
      current = (Map<String, Object>) target;
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  private static <T> T copy(T node) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      ((Map<String, Object>) map).forEach((k, v) -> copy.put(k, copy(v)));
      return (T) copy;
    }
    if (node instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(copy(v)));
      return (T) copy;
    }
    return node;
  }
}
