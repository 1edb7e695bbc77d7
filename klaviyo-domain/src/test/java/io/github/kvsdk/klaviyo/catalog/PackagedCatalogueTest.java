package io.github.kvsdk.klaviyo.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.codegen.catalog.CatalogWriter;
import io.github.kvsdk.klaviyo.openapi.catalog.FilterRules;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalogue resource packaged in this library is the spec's operation catalogue, written by the build. */
final class PackagedCatalogueTest {
  @Test
  void packagedResourceIsWhatTheBuildWritesFromTheVerifiedSpec(@TempDir Path out) throws IOException {
    CatalogWriter.main(new String[] {out.toString()});
    byte[] written = Files.readAllBytes(out.resolve(CatalogWriter.RESOURCE_PATH));
    byte[] packaged;
    try (InputStream in = OperationCatalog.class.getResourceAsStream(OperationCatalog.RESOURCE)) {
      packaged = in.readAllBytes();
    }
    assertThat(written).isEqualTo(packaged);
  }

  @Test
  void everyOperatorTheSpecCanNameIsAFilterOperator() {
    for (String wireName : FilterRules.OPERATORS) {
      assertThat(FilterOperator.fromWireName(wireName)).as(wireName).isPresent();
    }
    assertThat(FilterOperator.values()).hasSameSizeAs(FilterRules.OPERATORS);
  }
}
