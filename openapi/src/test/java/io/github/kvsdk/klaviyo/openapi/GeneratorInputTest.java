package io.github.kvsdk.klaviyo.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
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

  @Test
  void nullInAnEnumBecomesNullableAndAnEnumOfOnlyNullIsDropped() {
    Map<String, Object> onlyNull = mutable(Map.of("enum", nullList(), "default", "x"));
    Map<String, Object> withNull = mutable(Map.of("type", "string", "enum", new ArrayList<>(java.util.Arrays.asList("sms", null))));
    Map<String, Object> plain = mutable(Map.of("type", "string", "enum", List.of("sms")));

    int changed = GeneratorInput.moveNullEnumValuesToNullable(new ArrayList<>(List.of(onlyNull, withNull, plain)));

    assertThat(changed).isEqualTo(2);
    assertThat(onlyNull).isEqualTo(Map.of("nullable", true));
    assertThat(withNull).isEqualTo(Map.of("type", "string", "enum", List.of("sms"), "nullable", true));
    assertThat(plain).doesNotContainKey("nullable");
  }

  private static List<Object> nullList() {
    List<Object> list = new ArrayList<>();
    list.add(null);
    return list;
  }

  @Test
  void enumWithoutTypeGetsTheTypeOfItsValues() {
    Map<String, Object> zero = mutable(Map.of("default", new BigDecimal("0"), "enum", List.of(new BigDecimal("0"))));
    Map<String, Object> decimal = mutable(Map.of("enum", List.of(new BigDecimal("1"), new BigDecimal("0.5"))));
    Map<String, Object> text = mutable(Map.of("enum", List.of("today")));
    Map<String, Object> flag = mutable(Map.of("enum", List.of(true)));
    Map<String, Object> mixed = mutable(Map.of("enum", List.of("a", new BigDecimal("1"))));
    Map<String, Object> typed = mutable(Map.of("type", "string", "enum", List.of("a")));

    int typedCount = GeneratorInput.typeUntypedEnums(new ArrayList<>(List.of(zero, decimal, text, flag, mixed, typed)));

    assertThat(typedCount).isEqualTo(4);
    assertThat(zero).containsEntry("type", "integer");
    assertThat(decimal).containsEntry("type", "number");
    assertThat(text).containsEntry("type", "string");
    assertThat(flag).containsEntry("type", "boolean");
    assertThat(mixed).doesNotContainKey("type");
  }

  @Test
  @SuppressWarnings("unchecked")
  void valuesThatWouldShareAConstantNameSpellOutTheirSigns() {
    Map<String, Object> timezone = mutable(Map.of("type", "string", "enum",
        List.of("Etc/GMT+1", "Etc/GMT+12", "Etc/GMT-1", "Etc/GMT-12", "America/Port-au-Prince", "a.b", "a-b")));
    Map<String, Object> distinct = mutable(Map.of("type", "string", "enum", List.of("email", "sms", "-email")));
    Map<String, Object> caseOnly = mutable(Map.of("type", "string", "enum", List.of("List", "list")));

    int named = GeneratorInput.nameCollidingEnumConstants(new ArrayList<>(List.of(timezone, distinct, caseOnly)));

    assertThat(named).isEqualTo(2);
    assertThat((List<String>) timezone.get("x-enum-varnames")).containsExactly("ETC_GMT_PLUS_1", "ETC_GMT_PLUS_12",
        "ETC_GMT_MINUS_1", "ETC_GMT_MINUS_12", "AMERICA_PORT_AU_PRINCE", "A_DOT_B", "A_MINUS_B");
    assertThat(distinct).doesNotContainKey("x-enum-varnames");
    assertThat((List<String>) caseOnly.get("x-enum-varnames")).containsExactly("LIST", "LIST_2");
  }

  @Test
  @SuppressWarnings("unchecked")
  void objectAdmittingNoMembersBecomesAComposedModel() {
    Map<String, Object> empty = mutable(Map.of("type", "object", "maxProperties", new BigDecimal("0"), "description", "None."));
    Map<String, Object> freeForm = mutable(Map.of("type", "object"));
    Map<String, Object> root = mutable(Map.of("components", Map.of("schemas", Map.of("Empty", empty, "Any", freeForm))));

    int closed = GeneratorInput.closeEmptyObjects(root);

    assertThat(closed).isEqualTo(1);
    assertThat(at(root, "components", "schemas", "Empty"))
        .isEqualTo(Map.of("description", "None.", "allOf", List.of(empty)));
    assertThat(at(root, "components", "schemas", "Any")).isEqualTo(Map.of("type", "object"));
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
