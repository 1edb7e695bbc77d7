package io.github.kvsdk.klaviyo.sandbox;

import io.github.kvsdk.klaviyo.apirules.ModuleClasses;
import io.github.kvsdk.klaviyo.apirules.PublicApiListing;
import io.github.kvsdk.klaviyo.openapi.KlaviyoOpenApiSpec;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sandbox's public API against the committed listing api/klaviyo-sandbox.api. */
class PublicApiListingTest {
  @Test
  void publicApiMatchesTheCommittedListing() {
    PublicApiListing.of(ModuleClasses.folder(), List.of(Paths.get("src/main/java")))
        .assertMatches(Paths.get("api/klaviyo-sandbox.api"), "klaviyo-sandbox", KlaviyoOpenApiSpec.packaged().revision());
  }
}
