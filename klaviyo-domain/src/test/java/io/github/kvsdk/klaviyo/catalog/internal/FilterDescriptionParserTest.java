package io.github.kvsdk.klaviyo.catalog.internal;

import static io.github.kvsdk.klaviyo.catalog.FilterOperator.ANY;
import static io.github.kvsdk.klaviyo.catalog.FilterOperator.EQUALS;
import static io.github.kvsdk.klaviyo.catalog.FilterOperator.GREATER_THAN;
import static io.github.kvsdk.klaviyo.catalog.FilterOperator.LESS_THAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kvsdk.klaviyo.catalog.FilterOperator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class FilterDescriptionParserTest {
  private static final String PREFIX =
      "For more information please visit https://developers.klaviyo.com/en/v2024-10-15/reference/api-overview#filtering"
          + "<br>Allowed field(s)/operator(s):<br>";

  @Test
  void parsesTheSpecShape() {
    Map<String, List<FilterOperator>> rules =
        FilterDescriptionParser.parse(
            "get_profiles",
            PREFIX + "`email`: `any`, `equals`<br>`created`: `greater-than`, `less-than`<br>`_kx`: `equals`");
    assertThat(rules).containsOnlyKeys("email", "created", "_kx");
    assertThat(rules.get("email")).containsExactly(ANY, EQUALS);
    assertThat(rules.get("created")).containsExactly(GREATER_THAN, LESS_THAN);
  }

  @Test
  void toleratesNewlinesSelfClosingBreaksAndTrailingBreaks() {
    Map<String, List<FilterOperator>> rules =
        FilterDescriptionParser.parse(
            "op", "See the docs.\nAllowed field(s)/operator(s):<br/>\n`messages.channel`: `equals`<br>");
    assertThat(rules).containsOnlyKeys("messages.channel");
  }

  @Test
  void failsOnAnUnknownOperator() {
    assertThatThrownBy(() -> FilterDescriptionParser.parse("get_things", PREFIX + "`name`: `matches`"))
        .isInstanceOf(SpecShapeException.class)
        .hasMessageContaining("get_things")
        .hasMessageContaining("unknown filter operator 'matches'");
  }

  @Test
  void failsOnALineThatIsNotARule() {
    assertThatThrownBy(
            () -> FilterDescriptionParser.parse("get_things", PREFIX + "`name`: `equals`<br>Also sorts by name."))
        .isInstanceOf(SpecShapeException.class)
        .hasMessageContaining("unparseable filter rule line 'Also sorts by name.'");
  }

  @Test
  void failsWithoutTheHeader() {
    assertThatThrownBy(() -> FilterDescriptionParser.parse("get_things", "`name`: `equals`"))
        .isInstanceOf(SpecShapeException.class)
        .hasMessageContaining("Allowed field(s)/operator(s)");
  }

  @Test
  void failsWhenNoFieldsAreListed() {
    assertThatThrownBy(() -> FilterDescriptionParser.parse("get_things", PREFIX))
        .isInstanceOf(SpecShapeException.class)
        .hasMessageContaining("lists no fields");
  }

  @Test
  void failsOnARepeatedField() {
    assertThatThrownBy(
            () -> FilterDescriptionParser.parse("get_things", PREFIX + "`name`: `equals`<br>`name`: `any`"))
        .isInstanceOf(SpecShapeException.class)
        .hasMessageContaining("listed twice");
  }
}
