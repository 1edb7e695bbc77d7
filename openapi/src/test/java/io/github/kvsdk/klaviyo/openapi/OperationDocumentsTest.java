package io.github.kvsdk.klaviyo.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperationDocumentsTest {
  private static Map<String, Object> ref(String name) {
    return Map.of("$ref", "#/components/schemas/" + name);
  }

  private static Map<String, Object> json(Map<String, Object> schema) {
    return Map.of("content", Map.of("application/vnd.api+json", Map.of("schema", schema)));
  }

  private static Map<String, Object> operation(String operationId, Map<String, Object> body, Map<String, Object> responses) {
    Map<String, Object> operation = new LinkedHashMap<>();
    operation.put("operationId", operationId);
    if (body != null) operation.put("requestBody", json(body));
    operation.put("responses", responses);
    return operation;
  }

  private static Map<String, Object> inlineResource() {
    return Map.of("allOf", List.of(ref("ProfileResource"),
        Map.of("properties", Map.of("relationships", Map.of("type", "object")))));
  }

  /** Two list operations share one document with an inline element; one get returns a referenced resource. */
  private static Map<String, Object> spec() {
    Map<String, Object> schemas = new LinkedHashMap<>();
    schemas.put("ProfileResource", Map.of("type", "object", "properties", Map.of("id", Map.of("type", "string"))));
    schemas.put("ProfileCollection", Map.of("type", "object", "required", List.of("data"), "properties", Map.of(
        "data", Map.of("type", "array", "items", inlineResource()),
        "included", Map.of("type", "array", "items", Map.of("oneOf", List.of(ref("ProfileResource"))))),
        "links", ref("Links")));
    schemas.put("ProfileDocument", Map.of("type", "object", "properties", Map.of(
        "data", Map.of("$ref", "#/components/schemas/ProfileResource", "nullable", true))));
    schemas.put("ProfileCreateQuery", Map.of("type", "object", "properties", Map.of("data", ref("ProfileResource"))));
    schemas.put("Links", Map.of("type", "object"));
    Map<String, Object> paths = Map.of(
        "/profiles", Map.of(
            "get", operation("get_profiles", null, Map.of("200", json(ref("ProfileCollection")))),
            "post", operation("create_profile", ref("ProfileCreateQuery"),
                Map.of("201", json(ref("ProfileDocument")), "200", json(ref("ProfileDocument"))))),
        "/lists/{id}/profiles", Map.of(
            "get", operation("get_profiles_for_list", null, Map.of("200", json(ref("ProfileCollection")),
                "400", json(ref("Links"))))),
        "/profiles/{id}", Map.of(
            "get", operation("get_profile", null, Map.of("200", json(ref("ProfileDocument")))),
            "delete", operation("delete_profile", null, Map.of("204", Map.of("description", "gone")))));
    return mutable(Map.of("paths", paths, "components", Map.of("schemas", schemas)));
  }

  @Test
  @SuppressWarnings("unchecked")
  void documentsAreNamedAfterTheOperationAndTheirDataElementToo() {
    Map<String, Object> root = spec();
    Map<String, Object> schemas = (Map<String, Object>) at(root, "components", "schemas");
    Map<String, Object> originalCollection = mutable(schemas.get("ProfileCollection"));

    int added = OperationDocuments.name(root);

    // Requests and results: GetProfilesResult, GetProfilesResultData, GetProfilesForListResult(Data),
    // GetProfileResult(Data), CreateProfileRequest, CreateProfileResult(Data).
    assertThat(added).isEqualTo(9);
    assertThat(at(root, "paths", "/profiles", "get", "responses", "200", "content", "application/vnd.api+json", "schema"))
        .isEqualTo(ref("GetProfilesResult"));
    assertThat(at(root, "paths", "/profiles", "post", "requestBody", "content", "application/vnd.api+json", "schema"))
        .isEqualTo(ref("CreateProfileRequest"));
    assertThat(schemas.get("CreateProfileRequest")).isEqualTo(schemas.get("ProfileCreateQuery"));
    // Both 2xx responses of create_profile reference the same document, so both are CreateProfileResult.
    assertThat(at(root, "paths", "/profiles", "post", "responses", "201", "content", "application/vnd.api+json", "schema"))
        .isEqualTo(ref("CreateProfileResult"));

    // The first operation (by operationId) gets the inline element itself; the shared document refers to it.
    assertThat(schemas.get("GetProfilesResultData")).isEqualTo(inlineResource());
    assertThat(at(schemas, "ProfileCollection", "properties", "data", "items")).isEqualTo(ref("GetProfilesResultData"));
    assertThat(schemas.get("GetProfilesForListResultData"))
        .isEqualTo(Map.of("allOf", List.of(ref("GetProfilesResultData"))));
    assertThat(at(schemas, "GetProfilesForListResult", "properties", "data", "items"))
        .isEqualTo(ref("GetProfilesForListResultData"));
    // Everything else of the document is copied.
    assertThat(at(schemas, "GetProfilesResult", "properties", "included"))
        .isEqualTo(at(originalCollection, "properties", "included"));
    assertThat(at(schemas, "GetProfilesResult", "required")).isEqualTo(List.of("data"));

    // A referenced resource becomes allOf [resource]; nullable stays on the reference.
    assertThat(schemas.get("GetProfileResultData")).isEqualTo(Map.of("allOf", List.of(ref("ProfileResource"))));
    assertThat(at(schemas, "GetProfileResult", "properties", "data"))
        .isEqualTo(Map.of("$ref", "#/components/schemas/GetProfileResultData", "nullable", true));
    assertThat(schemas).doesNotContainKeys("DeleteProfileResult", "GetProfilesForList400Result");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aSchemaThatCouldClashWithTheNamesMovesThemAside() {
    Map<String, Object> root = spec();
    Map<String, Object> schemas = (Map<String, Object>) at(root, "components", "schemas");
    schemas.put("GetProfileResultCache", Map.of("type", "object", "properties", Map.of("id", Map.of("type", "string"))));

    OperationDocuments.name(root);

    assertThat(at(root, "paths", "/profiles/{id}", "get", "responses", "200", "content", "application/vnd.api+json", "schema"))
        .isEqualTo(ref("GetProfileOperationResult"));
    assertThat(schemas).containsKey("GetProfileOperationResultData").doesNotContainKey("GetProfileResult")
        .containsKey("GetProfilesResult");
  }

  @SuppressWarnings("unchecked")
  private static Object at(Object node, String... keys) {
    for (String key : keys) {
      node = ((Map<String, Object>) node).get(key);
    }
    return node;
  }

  @SuppressWarnings("unchecked")
  private static <T> T mutable(Object node) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put((String) k, mutable(v)));
      return (T) copy;
    }
    if (node instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(mutable(v)));
      return (T) copy;
    }
    return (T) node;
  }
}
