package io.github.kvsdk.klaviyo.openapi;

import io.github.kvsdk.klaviyo.apirules.ModuleClasses;
import io.github.kvsdk.klaviyo.apirules.PublicApiListing;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The spec module's public API against the committed listing api/openapi.api. */
class PublicApiListingTest {
  @Test
  void publicApiMatchesTheCommittedListing() {
    PublicApiListing.of(ModuleClasses.folder(), List.of(Paths.get("src/main/java")))
        .assertMatches(Paths.get("api/openapi.api"), "openapi", KlaviyoOpenApiSpec.packaged().revision());
  }
}
