package io.github.kvsdk.klaviyo.generated;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonAdapter;
import io.github.kvsdk.klaviyo.generated.json.JsonNullable;
import io.github.kvsdk.klaviyo.generated.json.KlaviyoMoshi;
import io.github.kvsdk.klaviyo.generated.model.ProfileEnum;
import io.github.kvsdk.klaviyo.generated.model.ProfileLocation;
import io.github.kvsdk.klaviyo.generated.model.ProfileLocationLatitude;
import io.github.kvsdk.klaviyo.generated.model.ProfilePartialUpdateQueryResourceObject;
import io.github.kvsdk.klaviyo.generated.model.ProfilePartialUpdateQueryResourceObjectAttributes;
import io.github.kvsdk.klaviyo.generated.model.UpdateProfileRequest;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * PATCH bodies tell "leave unchanged" (absent) from "clear" (explicit null). Uses the {@code update_profile}
 * request, whose types every revision names alike.
 */
class TriStatePatchTest {
  private final JsonAdapter<UpdateProfileRequest> adapter =
      KlaviyoMoshi.shared().adapter(UpdateProfileRequest.class);

  @Test
  void fieldSetToNullIsWrittenAsNullAndUnsetFieldIsAbsent() {
    UpdateProfileRequest body = new UpdateProfileRequest().data(
        new ProfilePartialUpdateQueryResourceObject()
            .type(ProfileEnum.PROFILE)
            .id("01GDDKASAP8TKDDA2GRZDSVP4H")
            .attributes(new ProfilePartialUpdateQueryResourceObjectAttributes()
                .firstName(null)
                .lastName("Lovelace")));

    String json = adapter.toJson(body);

    // Moshi writes fields in name order.
    assertThat(json).isEqualTo("{\"data\":{\"attributes\":{\"first_name\":null,\"last_name\":\"Lovelace\"},"
        + "\"id\":\"01GDDKASAP8TKDDA2GRZDSVP4H\",\"type\":\"profile\"}}");
  }

  @Test
  void unsetReturnsAFieldToAbsent() {
    var attributes = new ProfilePartialUpdateQueryResourceObjectAttributes().title(null).unsetTitle();

    assertThat(KlaviyoMoshi.shared().adapter(ProfilePartialUpdateQueryResourceObjectAttributes.class).toJson(attributes))
        .isEqualTo("{}");
  }

  @Test
  void readingKeepsTheThreeStatesApart() throws Exception {
    var attributesAdapter = KlaviyoMoshi.shared().adapter(ProfilePartialUpdateQueryResourceObjectAttributes.class);

    var read = attributesAdapter.fromJson("{\"first_name\":null,\"last_name\":\"Lovelace\"}");

    assertThat(read.getFirstNameJsonNullable()).isEqualTo(JsonNullable.ofNull());
    assertThat(read.getLastNameJsonNullable()).isEqualTo(JsonNullable.of("Lovelace"));
    assertThat(read.getTitleJsonNullable()).isEqualTo(JsonNullable.absent());
    assertThat(read.getFirstName()).isNull();
    assertThat(attributesAdapter.toJson(read)).isEqualTo("{\"first_name\":null,\"last_name\":\"Lovelace\"}");
  }

  @Test
  void unionPropertyKeepsEitherBranch() throws Exception {
    var locations = KlaviyoMoshi.shared().adapter(ProfileLocation.class);

    ProfileLocation asNumber = locations.fromJson("{\"latitude\":40.712812345678901234,\"longitude\":\"74.0060\"}");

    assertThat(asNumber.getLatitude().isBigDecimal()).isTrue();
    assertThat(asNumber.getLatitude().getBigDecimal()).isEqualByComparingTo(new BigDecimal("40.712812345678901234"));
    assertThat(asNumber.getLongitude().isString()).isTrue();
    assertThat(asNumber.getLongitude().isBigDecimal()).isFalse();
    assertThat(locations.toJson(asNumber)).isEqualTo("{\"latitude\":40.712812345678901234,\"longitude\":\"74.0060\"}");

    ProfileLocation built = new ProfileLocation().latitude(ProfileLocationLatitude.ofBigDecimal(new BigDecimal("1.5")));
    assertThat(locations.toJson(built)).isEqualTo("{\"latitude\":1.5}");
  }

  /** Every nullable property of every generated model: set to null is written as null, unset is absent. */
  @Test
  @SuppressWarnings("unchecked")
  void everyNullablePropertyOfEveryModelKeepsItsThreeStates() throws Exception {
    int checked = 0;
    java.util.List<String> problems = new java.util.ArrayList<>();
    for (Class<?> model : GeneratedClasses.in(Spec.MODEL_PACKAGE)) {
      for (java.lang.reflect.Field field : model.getDeclaredFields()) {
        if (field.getType() != JsonNullable.class || java.lang.reflect.Modifier.isStatic(field.getModifiers())) continue;
        String json = field.getAnnotation(com.squareup.moshi.Json.class).name();
        String pascal = Character.toUpperCase(field.getName().charAt(0)) + field.getName().substring(1);
        JsonAdapter<Object> adapter = (JsonAdapter<Object>) KlaviyoMoshi.shared().adapter(model);
        Object instance = model.getConstructor().newInstance();
        java.lang.reflect.Method setter = null;
        for (java.lang.reflect.Method m : model.getMethods()) {
          if (m.getName().equals("set" + pascal) && m.getParameterCount() == 1) setter = m;
        }
        java.lang.reflect.Method holder = model.getMethod("get" + pascal + "JsonNullable");
        setter.invoke(instance, new Object[] {null});
        String explicitNull = adapter.toJson(instance);
        model.getMethod("unset" + pascal).invoke(instance);
        String absent = adapter.toJson(instance);
        Object readNull = holder.invoke(adapter.fromJson("{\"" + json + "\":null}"));
        Object readAbsent = holder.invoke(adapter.fromJson("{}"));
        if (!explicitNull.equals("{\"" + json + "\":null}") || !absent.equals("{}")
            || !JsonNullable.ofNull().equals(readNull) || !JsonNullable.absent().equals(readAbsent)) {
          problems.add(model.getSimpleName() + "." + field.getName() + ": wrote " + explicitNull + " / " + absent
              + ", read " + readNull + " / " + readAbsent);
        }
        checked++;
      }
    }
    System.out.printf("Tri-state (%s): %d nullable properties checked%n", Spec.revision(), checked);
    assertThat(problems).isEmpty();
    assertThat(checked).isPositive();
  }
}
