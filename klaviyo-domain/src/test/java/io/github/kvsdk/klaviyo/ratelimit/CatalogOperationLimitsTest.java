package io.github.kvsdk.klaviyo.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.openapi.catalog.Operation;
import io.github.kvsdk.klaviyo.openapi.catalog.OperationCatalog;
import io.github.kvsdk.klaviyo.openapi.catalog.RateLimit;
import org.junit.jupiter.api.Test;

/** The default limits: every operation's documented quota, as the catalogue of the spec states it. */
class CatalogOperationLimitsTest {
  private final CatalogOperationLimits limits = CatalogOperationLimits.packaged();

  @Test
  void isTheDefaultAndIsBuiltOnce() {
    assertThat(CatalogOperationLimits.packaged()).isSameAs(limits);
    assertThat(RateLimiterConfig.defaults().operationLimits().forRequest("GET", "/api/profiles"))
        .isEqualTo(limits.forRequest("GET", "/api/profiles"))
        .isPresent();
  }

  /**
   * The packaged limits against the catalogue the openapi module reads from the verified spec: every
   * operation is limited, by its own route, with its documented quota.
   */
  @Test
  void everyOperationOfTheSpecHasItsDocumentedLimit() {
    OperationCatalog spec = OperationCatalog.packaged();
    assertThat(spec.revision()).isEqualTo(io.github.kvsdk.klaviyo.catalog.OperationCatalog.packaged().revision());
    for (Operation operation : spec.operations()) {
      String path = operation.pathTemplate().replaceAll("\\{[^}]+}", "x1");
      RateLimit documented = operation.rateLimit();
      assertThat(limits.forRequest(operation.method(), path))
          .as(operation.toString())
          .contains(new OperationLimit(operation.method() + " " + operation.pathTemplate(), new Limit(
              documented.burstPerSecond(), documented.steadyPerMinute(), documented.dailyLimit().orElse(0))));
    }
    assertThat(limits.size()).isEqualTo(spec.operations().size()).isPositive();
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
  void limitStringsAreValidated() {
    assertThat(Limit.parse("75/s", "700/m", "225/d")).isEqualTo(new Limit(75, 700, 225));
    assertThatThrownBy(() -> Limit.parse("75/m", "700/m", null))
        .isInstanceOf(KlaviyoValidationException.class).hasMessageStartingWith("burst: ");
    assertThatThrownBy(() -> Limit.parse("75/s", "lots", null)).hasMessageStartingWith("steady: ");
    assertThatThrownBy(() -> new Limit(0, 1, 0)).hasMessageStartingWith("perSecond: ");
  }
}
