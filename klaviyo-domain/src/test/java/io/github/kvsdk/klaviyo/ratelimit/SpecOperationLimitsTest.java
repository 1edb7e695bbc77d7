package io.github.kvsdk.klaviyo.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SpecOperationLimitsTest {
  private final SpecOperationLimits limits = SpecOperationLimits.packaged();

  @Test
  void readsEveryOperationOfThePackagedSpec() {
    assertThat(limits.size()).isEqualTo(io.github.kvsdk.klaviyo.catalog.OperationCatalog.packaged().operations().size())
        .isPositive();
    assertThat(SpecOperationLimits.packaged()).isSameAs(limits);
  }

  @Test
  void catalogueLimitsAreTheSpecsLimitsForEveryOperation() throws Exception {
    SpecOperationLimits fromSpec;
    try (var in = io.github.kvsdk.klaviyo.openapi.KlaviyoOpenApiSpec.packaged().open()) {
      fromSpec = SpecOperationLimits.parse(in);
    }
    int compared = 0;
    for (var operation : io.github.kvsdk.klaviyo.catalog.OperationCatalog.packaged().operations()) {
      String path = operation.pathTemplate().replaceAll("\\{[^}]+}", "x1");
      assertThat(limits.forRequest(operation.method(), path))
          .as(operation.operationId())
          .isEqualTo(fromSpec.forRequest(operation.method(), path))
          .isPresent();
      compared++;
    }
    assertThat(compared).isEqualTo(limits.size());
  }

  @Test
  void matchesCollectionAndItemPaths() {
    assertThat(limits.forRequest("GET", "/api/profiles"))
        .contains(new OperationLimit("GET /api/profiles", new Limit(75, 700, 0)));
    assertThat(limits.forRequest("GET", "/api/profiles/01GDDKASAP8TKDDA2GRZDSVP4H"))
        .contains(new OperationLimit("GET /api/profiles/{id}", new Limit(75, 700, 0)));
    assertThat(limits.forRequest("get", "/api/accounts/"))
        .map(OperationLimit::limit).contains(new Limit(1, 15, 0));
    assertThat(limits.forRequest("GET", "/api/events")).map(OperationLimit::limit).contains(new Limit(350, 3500, 0));
  }

  @Test
  void literalSegmentsBeatPlaceholders() {
    assertThat(limits.forRequest("POST", "/api/profile-import").map(OperationLimit::operationKey))
        .contains("POST /api/profile-import");
    assertThat(limits.forRequest("GET", "/api/lists/XyZ/relationships/profiles").map(OperationLimit::operationKey))
        .contains("GET /api/lists/{id}/relationships/profiles");
  }

  @Test
  void readsDailyCaps() {
    assertThat(limits.forRequest("POST", "/api/lists").map(OperationLimit::limit))
        .contains(new Limit(10, 150, 150));
  }

  @Test
  void unknownOperationsHaveNoLimit() {
    assertThat(limits.forRequest("GET", "/api/nothing-here")).isEmpty();
    assertThat(limits.forRequest("PUT", "/api/profiles")).isEmpty();
    assertThat(limits.forRequest("POST", "/oauth/token")).isEmpty();
    assertThat(limits.forRequest("GET", "/api/profiles//")).isEmpty();
  }

  @Test
  void parsesAGivenDocument() {
    String spec = """
        {"paths":{"/api/things/{id}":{"get":{"x-klaviyo-ratelimit":{"burst":"2/s","steady":"5/m"}},
                                      "parameters":[]},
                  "/api/other":{"post":{}}}}""";
    SpecOperationLimits parsed = SpecOperationLimits.parse(new ByteArrayInputStream(spec.getBytes(StandardCharsets.UTF_8)));
    assertThat(parsed.size()).isEqualTo(1);
    assertThat(parsed.forRequest("GET", "/api/things/1")).map(OperationLimit::limit).contains(new Limit(2, 5, 0));
    assertThat(parsed.forRequest("POST", "/api/other")).isEmpty();
  }

  @Test
  void limitStringsAreValidated() {
    assertThat(Limit.parse("75/s", "700/m", "225/d")).isEqualTo(new Limit(75, 700, 225));
    assertThatThrownBy(() -> Limit.parse("75/m", "700/m", null))
        .isInstanceOf(KlaviyoValidationException.class).hasMessageStartingWith("burst: ");
    assertThatThrownBy(() -> Limit.parse("75/s", "lots", null)).hasMessageStartingWith("steady: ");
    assertThatThrownBy(() -> new Limit(0, 1, 0)).hasMessageStartingWith("perSecond: ");
  }
}
