package io.github.kvsdk.klaviyo.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.kvsdk.klaviyo.filter.Filter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A filter whose rules a later revision words in a way the SDK cannot read is sent unchecked. */
final class UncheckedFilterTest {
  @Test
  void anUncheckedFilterIsAcceptedAndTheOperationStillTakesAFilter() throws IOException {
    String json = "{\"revision\": \"2099-01-15\", \"operations\": [{\"operationId\": \"get_widgets\","
        + " \"method\": \"GET\", \"path\": \"/api/widgets\", \"rateLimit\": {\"burst\": 10, \"steady\": 150},"
        + " \"scopes\": [], \"filter\": {\"unchecked\": true}}]}";
    Operation operation = OperationCatalog.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))
        .operation("get_widgets");
    assertThat(operation.filterable()).isTrue();
    assertThat(operation.filterRules().checked()).isFalse();
    assertThatCode(() -> Filter.validate(operation, Filter.parse("equals(colour,'red')"))).doesNotThrowAnyException();
  }
}
