package io.github.kvsdk.klaviyo.generated;

import io.github.kvsdk.klaviyo.apirules.ModuleClasses;
import io.github.kvsdk.klaviyo.apirules.PublicApiListing;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written part of the generated client's public API (JSON support, revision record) against the committed listing api/klaviyo-generated.api; the generated models and Retrofit services are left out: they are the spec's, and differ per revision. */
class PublicApiListingTest {
  @Test
  void publicApiMatchesTheCommittedListing() {
    PublicApiListing.of(ModuleClasses.folder(), List.of(Paths.get("src/main/java")))
        .assertMatches(Paths.get("api/klaviyo-generated.api"), "klaviyo-generated", GeneratedRevision.revision());
  }
}
