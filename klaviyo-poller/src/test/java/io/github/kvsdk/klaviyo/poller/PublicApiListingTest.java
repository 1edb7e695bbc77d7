package io.github.kvsdk.klaviyo.poller;

import io.github.kvsdk.klaviyo.apirules.ModuleClasses;
import io.github.kvsdk.klaviyo.apirules.PublicApiListing;
import io.github.kvsdk.klaviyo.generated.GeneratedRevision;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The poller's public API against the committed listing api/klaviyo-poller.api. */
class PublicApiListingTest {
  @Test
  void publicApiMatchesTheCommittedListing() {
    PublicApiListing.of(ModuleClasses.folder(), List.of(Paths.get("src/main/java")))
        .assertMatches(Paths.get("api/klaviyo-poller.api"), "klaviyo-poller", GeneratedRevision.revision());
  }
}
