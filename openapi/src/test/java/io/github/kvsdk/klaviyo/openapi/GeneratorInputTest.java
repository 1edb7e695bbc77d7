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
  void copiesEverythingElseExactlyIncludingNumbers(@TempDir Path dir) throws Exception {
    Path in = dir.resolve("in.json");
    Path out = dir.resolve("out.json");
    Files.writeString(in, "{\"a\":12345678901234567890.50,\"b\":[1,2.0,true,null,\"x\"],\"c\":{\"nullable\":true}}");

    GeneratorInput.main(new String[] {in.toString(), out.toString()});

    assertThat(Files.readString(out).replaceAll("\\s", ""))
        .isEqualTo("{\"a\":12345678901234567890.50,\"b\":[1,2.0,true,null,\"x\"],\"c\":{\"nullable\":true}}");
  }
}
