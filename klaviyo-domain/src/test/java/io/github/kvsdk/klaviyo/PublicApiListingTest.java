package io.github.kvsdk.klaviyo;

import io.github.kvsdk.klaviyo.apirules.ModuleClasses;
import io.github.kvsdk.klaviyo.apirules.PublicApiListing;
import io.github.kvsdk.klaviyo.generated.GeneratedRevision;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The domain's public API, hand-written and generated facade alike (users call both), against the committed
 * listing api/klaviyo-domain.api. Compared for the pinned revision only: other revisions' facades differ.
 */
class PublicApiListingTest {
  @Test
  void publicApiMatchesTheCommittedListing() {
    PublicApiListing.of(ModuleClasses.folder(),
            List.of(Paths.get("src/main/java"), Paths.get("target/generated-sources/facade")))
        .assertMatches(Paths.get("api/klaviyo-domain.api"), "klaviyo-domain", GeneratedRevision.revision());
  }
}
