package io.github.kvsdk.klaviyo.generated.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fast path for Klaviyo's usual date-time form agrees with {@link OffsetDateTime#parse} or declines. */
class OffsetDateTimeParsingTest {
  @Test
  void fastPathAgreesWithTheGeneralParser() {
    for (String text : List.of(
        "2022-11-08T00:00:00+00:00", "2024-02-29T23:59:59Z", "2024-01-02T03:04:05.123+05:30",
        "2024-01-02T03:04:05.123456789-08:00", "1970-01-01T00:00:00Z", "2024-06-30T12:00:00.5-00:30")) {
      assertThat(ScalarAdapters.parseCommonForm(text)).as(text).isEqualTo(OffsetDateTime.parse(text));
    }
  }

  @Test
  void fastPathDeclinesWhatItDoesNotKnowSoTheGeneralParserDecides() {
    for (String text : List.of(
        "2022-11-08T00:00:00", "2022-11-08T00:00+00:00", "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z",
        "2024-01-02T03:04:05.+00:00", "2024-01-02T03:04:05.1234567890Z", "2024-01-02T03:04:05+19:00",
        "2024-01-02 03:04:05Z", "2024-01-02T03:04:05+0100", "２０２４-01-02T03:04:05Z")) {
      assertThat(ScalarAdapters.parseCommonForm(text)).as(text).isNull();
    }
  }

  @Test
  void adapterStillReadsTheFormsOnlyTheGeneralParserKnows() throws Exception {
    var adapter = KlaviyoMoshi.shared().adapter(OffsetDateTime.class);

    assertThat(adapter.fromJson("\"2022-11-08T00:00:00\"")).isEqualTo(OffsetDateTime.parse("2022-11-08T00:00:00Z"));
    assertThat(adapter.fromJson("\"2022-11-08T00:00+01:00\"")).isEqualTo(OffsetDateTime.parse("2022-11-08T00:00+01:00"));
  }
}
