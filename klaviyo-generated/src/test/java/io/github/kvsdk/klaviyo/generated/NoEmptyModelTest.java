package io.github.kvsdk.klaviyo.generated;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.generated.json.JsonEnum;
import io.github.kvsdk.klaviyo.generated.json.JsonUnion;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No generated model silently drops data by having nowhere to put it: a class without a field is only
 * acceptable for a schema with neither properties nor {@code oneOf}, and every {@code oneOf} schema is a
 * {@link JsonUnion} that keeps its value.
 */
class NoEmptyModelTest {
  @Test
  void everyModelHasSomewhereToKeepItsData() {
    List<String> empty = new ArrayList<>();
    int models = 0;
    for (Class<?> model : GeneratedClasses.in(Spec.MODEL_PACKAGE)) {
      if (JsonEnum.class.isAssignableFrom(model) || JsonUnion.class.isAssignableFrom(model)) {
        continue;
      }
      models++;
      if (instanceFields(model) == 0 && !schemaIsEmpty(model)) {
        empty.add(model.getSimpleName());
      }
    }
    assertThat(models).isGreaterThan(0);
    assertThat(empty).as("models with no field whose schema has properties or oneOf").isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyComponentSchemaWithPropertiesHasOneFieldPerProperty() throws Exception {
    List<String> mismatches = new ArrayList<>();
    Map<String, String> forms = Spec.formBodySchemas();
    for (Map.Entry<String, Object> entry : Spec.schemas().entrySet()) {
      Map<String, Object> schema = (Map<String, Object>) entry.getValue();
      if (forms.containsKey(entry.getKey())) {
        continue; // bound as form parameters; RoundTripTest checks those
      }
      if (!(schema.get("properties") instanceof Map<?, ?> properties)) {
        continue;
      }
      Class<?> model = Class.forName(Spec.modelClassName(entry.getKey()));
      if (JsonUnion.class.isAssignableFrom(model)) {
        continue; // a union keeps the whole JSON tree (2025-01-15 names an inline oneOf like a component)
      }
      if (instanceFields(model) != properties.size()) {
        mismatches.add(entry.getKey() + ": " + properties.size() + " properties, " + instanceFields(model) + " fields");
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyOneOfComponentIsAUnionThatKeepsItsValue() throws Exception {
    int unions = 0;
    for (Map.Entry<String, Object> entry : Spec.schemas().entrySet()) {
      if (((Map<String, Object>) entry.getValue()).containsKey("oneOf")) {
        assertThat(JsonUnion.class).as(entry.getKey()).isAssignableFrom(Class.forName(Spec.modelClassName(entry.getKey())));
        unions++;
      }
    }
    for (Class<?> model : GeneratedClasses.in(Spec.MODEL_PACKAGE)) {
      if (JsonUnion.class.isAssignableFrom(model)) unions++;
    }
    assertThat(unions).as("unions in the spec or generated for inline oneOf").isPositive();
  }

  private static int instanceFields(Class<?> model) {
    int count = 0;
    for (Class<?> c = model; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (!Modifier.isStatic(field.getModifiers())) {
          count++;
        }
      }
    }
    return count;
  }

  @SuppressWarnings("unchecked")
  private static boolean schemaIsEmpty(Class<?> model) {
    for (Map.Entry<String, Object> entry : Spec.schemas().entrySet()) {
      if (Spec.modelClassName(entry.getKey()).equals(model.getName())) {
        Map<String, Object> schema = (Map<String, Object>) entry.getValue();
        return !(schema.get("properties") instanceof Map<?, ?> p && !p.isEmpty()) && !schema.containsKey("oneOf");
      }
    }
    return false; // an inline model only exists because its schema has content
  }
}
