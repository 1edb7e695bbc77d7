package io.github.kvsdk.klaviyo.generated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import io.github.kvsdk.klaviyo.generated.json.JsonEnum;
import io.github.kvsdk.klaviyo.generated.json.KlaviyoMoshi;
import io.github.kvsdk.klaviyo.generated.model.GetProfileResult;
import io.github.kvsdk.klaviyo.generated.model.ProfileEnum;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Generated enums are open: a value the pinned revision does not list (Klaviyo adds values within a
 * revision) reads instead of failing the whole response, keeps its value and writes back unchanged.
 */
class OpenEnumTest {
  /** Every generated enum: top-level ones and those nested in models. */
  private static List<Class<? extends JsonEnum>> enums() {
    List<Class<? extends JsonEnum>> enums = new ArrayList<>();
    for (Class<?> model : GeneratedClasses.in(Spec.MODEL_PACKAGE)) {
      if (JsonEnum.class.isAssignableFrom(model)) enums.add(model.asSubclass(JsonEnum.class));
      for (Class<?> nested : model.getDeclaredClasses()) {
        if (JsonEnum.class.isAssignableFrom(nested)) enums.add(nested.asSubclass(JsonEnum.class));
      }
    }
    return enums;
  }

  @SuppressWarnings("unchecked")
  private static List<JsonEnum> values(Class<? extends JsonEnum> type) throws ReflectiveOperationException {
    return (List<JsonEnum>) type.getMethod("values").invoke(null);
  }

  private static JsonEnum of(Class<? extends JsonEnum> type, Object value) throws ReflectiveOperationException {
    for (var method : type.getMethods()) {
      if (method.getName().equals("of")) return (JsonEnum) method.invoke(null, value);
    }
    throw new AssertionError(type + " has no of(value)");
  }

  /** A value of {@code sample}'s type that {@code listed} does not contain. */
  private static Object unlisted(Object sample, List<Object> listed) {
    if (sample instanceof Boolean) return listed.contains(Boolean.TRUE) ? Boolean.FALSE : Boolean.TRUE;
    if (sample instanceof Integer) return 987_654_321;
    if (sample instanceof Long) return 987_654_321_012L;
    if (sample instanceof java.math.BigDecimal) return new java.math.BigDecimal("987654321.0123456789");
    return "zz-value-added-in-a-later-revision";
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyEnumReadsListedValuesAsItsConstantsAndKeepsUnlistedOnes() throws Exception {
    List<Class<? extends JsonEnum>> enums = enums();
    assertThat(new ArrayList<Class<?>>(enums)).containsAll(componentEnums());
    int unlistedChecked = 0;
    for (Class<? extends JsonEnum> type : enums) {
      JsonAdapter<JsonEnum> adapter = KlaviyoMoshi.shared().adapter((Class<JsonEnum>) type);
      List<JsonEnum> constants = values(type);
      assertThat(constants).as(type.getName()).isNotEmpty();
      List<Object> listed = new ArrayList<>();
      for (JsonEnum constant : constants) {
        listed.add(constant.getValue());
        assertThat(constant.isKnown()).isTrue();
        assertThat(of(type, constant.getValue())).isSameAs(constant);
        assertThat(adapter.fromJson(adapter.toJson(constant))).as(type.getName()).isSameAs(constant);
      }
      Object added = unlisted(listed.get(0), listed);
      if (listed.contains(added)) continue; // A boolean enum listing both values has nothing left to add.
      JsonEnum unknown = adapter.fromJson(adapter.toJson(of(type, added)));
      assertThat(unknown.isKnown()).as(type.getName()).isFalse();
      assertThat(unknown.getValue()).isEqualTo(added);
      assertThat(unknown).isEqualTo(of(type, added)).hasSameHashCodeAs(of(type, added)).isNotIn(constants);
      assertThat(adapter.toJson(unknown)).isEqualTo(adapter.toJson(of(type, added)));
      unlistedChecked++;
    }
    assertThat(unlistedChecked).isPositive();
  }

  /** The generated class of every component schema of the spec that is an enum. */
  @SuppressWarnings("unchecked")
  private static List<Class<?>> componentEnums() throws ClassNotFoundException {
    List<Class<?>> enums = new ArrayList<>();
    for (var schema : Spec.schemas().entrySet()) {
      if (((java.util.Map<String, Object>) schema.getValue()).containsKey("enum")) {
        enums.add(Class.forName(Spec.modelClassName(schema.getKey())));
      }
    }
    assertThat(enums).as("the spec's enum schemas").isNotEmpty();
    return enums;
  }

  @Test
  void aResponseWithAnUnlistedValueStillReadsAndWritesBackUnchanged() throws Exception {
    JsonAdapter<GetProfileResult> adapter = KlaviyoMoshi.shared().adapter(GetProfileResult.class);
    String json = "{\"data\":{\"type\":\"profile-v2\",\"id\":\"p1\",\"attributes\":{\"email\":\"a@example.com\"}}}";
    GetProfileResult document = adapter.fromJson(json);
    assertThat(document.getData().getType().isKnown()).isFalse();
    assertThat(document.getData().getType().getValue()).isEqualTo("profile-v2");
    assertThat(document.getData().getAttributes().getEmail()).isEqualTo("a@example.com");
    assertThat(adapter.toJson(document)).contains("\"type\":\"profile-v2\"");

    GetProfileResult known = adapter.fromJson(json.replace("profile-v2", "profile"));
    assertThat(known.getData().getType()).isSameAs(ProfileEnum.PROFILE);
  }

  @Test
  void aValueOfTheWrongJsonTypeIsStillAnError() {
    JsonAdapter<ProfileEnum> adapter = KlaviyoMoshi.shared().adapter(ProfileEnum.class);
    assertThatThrownBy(() -> adapter.fromJson("12"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage("ProfileEnum expects a String but was NUMBER at $");
  }
}
