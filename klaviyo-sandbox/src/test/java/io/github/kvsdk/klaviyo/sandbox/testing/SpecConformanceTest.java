package io.github.kvsdk.klaviyo.sandbox.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The conformance checker itself must be able to fail. */
final class SpecConformanceTest {
  private static final String PROFILE = """
      {"data":{"type":"profile","id":"01GDDKASAP8TKDDA2GRZDSVP4H","attributes":{"email":"a@b.com"},
       "links":{"self":"http://x/api/profiles/01GDDKASAP8TKDDA2GRZDSVP4H/"}}}""";

  @Test
  void acceptsAConformingProfileDocument() {
    assertThat(SpecConformance.get().problems("GET", "/api/profiles/01GDDKASAP8TKDDA2GRZDSVP4H", 200, PROFILE))
        .isEmpty();
  }

  @Test
  void rejectsMissingRequiredMembersAndWrongTypes() {
    String noLinks = """
        {"data":{"type":"profile","id":"x","attributes":{"email":"a@b.com"}}}""";
    String wrongType = """
        {"data":{"type":"list","id":"x","attributes":{"email":12},"links":{"self":"s"}}}""";
    assertThat(SpecConformance.get().problems("GET", "/api/profiles/x", 200, noLinks)).isNotEmpty();
    assertThat(SpecConformance.get().problems("GET", "/api/profiles/x", 200, wrongType)).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void checksErrorDocumentsAgainstTheClientErrorSchema() {
    String ok = """
        {"errors":[{"id":"1","code":"invalid","title":"Invalid input.","detail":"d","source":{"parameter":"filter"}}]}""";
    String bad = """
        {"errors":[{"id":1}]}""";
    assertThat(SpecConformance.get().problems("GET", "/api/profiles", 400, ok)).isEmpty();
    assertThat(SpecConformance.get().problems("GET", "/api/profiles", 400, bad)).isNotEmpty();
  }
}
