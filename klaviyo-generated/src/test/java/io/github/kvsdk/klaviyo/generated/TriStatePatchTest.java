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
}
