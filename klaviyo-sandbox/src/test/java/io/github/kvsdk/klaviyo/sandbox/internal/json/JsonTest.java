package io.github.kvsdk.klaviyo.sandbox.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class JsonTest {
  @Test
  void integersStayIntegersAndDecimalsStayExact() {
    Object parsed = Json.parse("{\"a\":1,\"b\":9.50,\"c\":12345678901234567890,\"d\":[true,null]}");
    assertThat(parsed).isEqualTo(Map.of("a", 1L, "b", new BigDecimal("9.50"),
        "c", new BigDecimal("12345678901234567890"), "d", java.util.Arrays.asList(true, null)));
    assertThat(Json.write(parsed)).isEqualTo("{\"a\":1,\"b\":9.50,\"c\":12345678901234567890,\"d\":[true,null]}");
  }

  @Test
  void instantsAreWrittenInKlaviyosFormatAtSecondPrecision() {
    assertThat(Json.write(List.of(Instant.parse("2024-05-01T12:00:00.987Z"))))
        .isEqualTo("[\"2024-05-01T12:00:00+00:00\"]");
  }

  @Test
  void malformedJsonIsASyntaxError() {
    assertThatThrownBy(() -> Json.parse("{\"a\":")).isInstanceOf(JsonSyntaxException.class);
    assertThatThrownBy(() -> Json.parse("{} {}")).isInstanceOf(JsonSyntaxException.class);
  }

  @Test
  void timestampsParseWithOrWithoutOffsetAndFromFormDecodedQueries() {
    Instant expected = Instant.parse("2024-01-01T00:00:00Z");
    assertThat(Timestamps.parseOrNull("2024-01-01T00:00:00Z")).isEqualTo(expected);
    assertThat(Timestamps.parseOrNull("2024-01-01T00:00:00+00:00")).isEqualTo(expected);
    assertThat(Timestamps.parseOrNull("2024-01-01T00:00:00 00:00")).isEqualTo(expected);
    assertThat(Timestamps.parseOrNull("2024-01-01T00:00:00")).isEqualTo(expected);
    assertThat(Timestamps.parseOrNull("2024-01-01")).isEqualTo(expected);
    assertThat(Timestamps.parseOrNull("yesterday")).isNull();
  }
}
