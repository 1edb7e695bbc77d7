package io.github.kvsdk.klaviyo.generated.json;

import com.squareup.moshi.Moshi;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * The Moshi configuration the generated models need: {@code java.time} and {@code BigDecimal} adapters,
 * lossless free-form JSON, {@code oneOf} unions, value-typed enums and the {@link JsonNullable} tri-state.
 * Unknown JSON properties are skipped on read, so fields Klaviyo adds later never break parsing.
 */
public final class KlaviyoMoshi {
  private static final Moshi SHARED = builder().build();

  private KlaviyoMoshi() {
  }

  /** {@return a shared instance; Moshi instances are thread-safe and cache their adapters} */
  public static Moshi shared() {
    return SHARED;
  }

  /**
   * A builder preloaded with this module's adapters, to add your own on top.
   *
   * @return a new builder; the shared instance is unchanged
   */
  public static Moshi.Builder builder() {
    return new Moshi.Builder()
        .add(new JsonNullableAdapterFactory())
        .add(new JsonUnionAdapterFactory())
        .add(new JsonEnumAdapterFactory())
        .add(BigDecimal.class, ScalarAdapters.BIG_DECIMAL)
        .add(OffsetDateTime.class, ScalarAdapters.OFFSET_DATE_TIME)
        .add(LocalDate.class, ScalarAdapters.LOCAL_DATE)
        .add((type, annotations, moshi) ->
            type == Object.class && annotations.isEmpty() ? new JsonValueAdapter(moshi) : null);
  }
}
