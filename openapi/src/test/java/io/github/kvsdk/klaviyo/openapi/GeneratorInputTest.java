package io.github.kvsdk.klaviyo.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorInputTest {
  @Test
  @SuppressWarnings("unchecked")
  void nullableReferenceIsWrappedInAllOfKeepingItsSiblings() {
    Map<String, Object> property = new LinkedHashMap<>();
    property.put("description", "The email marketing subscription.");
    property.put("$ref", "#/components/schemas/EmailMarketing");
    property.put("nullable", true);
    Map<String, Object> plainReference = new LinkedHashMap<>(Map.of("$ref", "#/components/schemas/Other"));
    Map<String, Object> schema = new LinkedHashMap<>(Map.of("properties",
        new LinkedHashMap<>(Map.of("marketing", property, "other", plainReference))));

    int rewritten = GeneratorInput.wrapNullableReferences(schema);

    assertThat(rewritten).isEqualTo(1);
    assertThat(property).doesNotContainKey("$ref")
        .containsEntry("nullable", true)
        .containsEntry("description", "The email marketing subscription.");
    assertThat((List<Map<String, Object>>) property.get("allOf"))
        .containsExactly(Map.of("$ref", "#/components/schemas/EmailMarketing"));
    assertThat(plainReference).containsOnlyKeys("$ref");
  }

  @Test
  void arrayWithoutItemsGetsAnAnyValueItemsSchema() {
    Map<String, Object> filters = new LinkedHashMap<>(Map.of("type", "array", "nullable", true));
    Map<String, Object> typed = new LinkedHashMap<>(Map.of("type", "array", "items", Map.of("type", "string")));

    int rewritten = GeneratorInput.addMissingArrayItems(new ArrayList<>(List.of(filters, typed)));

    assertThat(rewritten).isEqualTo(1);
    assertThat(filters).containsEntry("items", Map.of());
    assertThat(typed).containsEntry("items", Map.of("type", "string"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void allOfPropertyDefinedByTwoPartsKeepsTheMembersOfBoth() {
    Map<String, Object> resource = mutable(Map.of("type", "object", "properties", Map.of(
        "id", Map.of("type", "string"),
        "attributes", Map.of("type", "object", "properties", Map.of("email", Map.of("type", "string"))))));
    Map<String, Object> extension = mutable(Map.of("properties", Map.of(
        "attributes", Map.of("properties", Map.of("subscriptions", Map.of("type", "object", "properties",
            Map.of("email", Map.of("type", "boolean"))))))));
    Map<String, Object> data = mutable(Map.of("allOf", List.of(Map.of("$ref", "#/components/schemas/Resource"), extension)));
    Map<String, Object> root = mutable(Map.of("components", Map.of("schemas", Map.of("Resource", resource, "Response",
        Map.of("properties", Map.of("data", data))))));

    int merged = GeneratorInput.mergeOverlappingAllOfProperties(root);

    assertThat(merged).isEqualTo(1);
    List<Object> parts = (List<Object>) at(root, "components", "schemas", "Response", "properties", "data", "allOf");
    Map<String, Object> attributes = (Map<String, Object>) at(parts.get(1), "properties");
    assertThat(attributes.get("attributes")).isEqualTo(Map.of("allOf", List.of(
        Map.of("type", "object", "properties", Map.of("email", Map.of("type", "string"))),
        Map.of("properties", Map.of("subscriptions", Map.of("type", "object", "properties",
            Map.of("email", Map.of("type", "boolean"))))))));
    assertThat(GeneratorInput.mergeOverlappingAllOfProperties(mutable(Map.of("allOf", List.of(
        Map.of("properties", Map.of("id", Map.of("type", "string"))),
        Map.of("properties", Map.of("id", Map.of("type", "string"))))))))
        .isZero();
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

  @Test
  void copiesEverythingElseExactlyIncludingNumbers(@TempDir Path dir) throws Exception {
    Path in = dir.resolve("in.json");
    Path out = dir.resolve("out.json");
    Files.writeString(in, "{\"a\":12345678901234567890.50,\"b\":[1,2.0,true,null,\"x\"],\"c\":{\"nullable\":true}}");

    GeneratorInput.main(new String[] {in.toString(), out.toString()});

    assertThat(Files.readString(out).replaceAll("\\s", ""))
        .isEqualTo("{\"a\":12345678901234567890.50,\"b\":[1,2.0,true,null,\"x\"],\"c\":{\"nullable\":true}}");
  }
}
