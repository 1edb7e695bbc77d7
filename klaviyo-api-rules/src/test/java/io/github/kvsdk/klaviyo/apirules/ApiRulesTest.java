package io.github.kvsdk.klaviyo.apirules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiRulesTest {
  private static final String FIXTURE = "io.github.kvsdk.klaviyo.apirules.fixture";

  private static JavaClasses imported(String subPackage) {
    return new ClassFileImporter().importPackages(FIXTURE + "." + subPackage);
  }

  @Test
  void aCycleBetweenTwoPackagesFails() {
    assertThatThrownBy(() -> ApiRules.noPackageCycles().check(imported("cycle")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Cycle detected: Slice " + FIXTURE + ".cycle.a")
        .hasMessageContaining("Slice " + FIXTURE + ".cycle.b");
  }

  @Test
  void aPackageUsingItsInternalPackageIsNoCycle() {
    ApiRules.noPackageCycles().check(imported("layered"));
  }

  @Test
  void anInternalTypeInAPublicSignatureFailsEvenAsATypeArgument() {
    assertThatThrownBy(() -> ApiRules.noInternalTypesInApiSignatures().check(imported("layered")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Service.engines() exposes " + FIXTURE + ".layered.internal.Engine")
        .hasMessageNotContaining("Service.run()");
  }

  @Test
  void usingAnotherModulesInternalPackageFails() {
    assertThatThrownBy(() -> ApiRules.noUseOfOtherModulesInternals().check(imported("consumer")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Consumer.viaInternals()")
        .hasMessageContaining(FIXTURE + ".layered.internal.Engine")
        .hasMessageNotContaining("viaApi");
  }

  @Test
  void aModuleUsingItsOwnInternalPackagePasses() {
    ApiRules.noUseOfOtherModulesInternals().check(imported("layered"));
  }

  @Test
  void theListingHasPublicTypesAndMembersSortedAndLeavesOutInternalAndPackagePrivateOnes() {
    List<String> lines = PublicApiListing.of(Paths.get("target/test-classes"), List.of(Paths.get("src/test/java")))
        .lines();
    String service = "public class " + FIXTURE + ".layered.api.Service";
    assertThat(lines).containsSubsequence(
        service,
        "  protected void hook(java.lang.String, int...)",
        "  public Service()",
        "  public int run()",
        "  public java.util.List<" + FIXTURE + ".layered.internal.Engine> engines()");
    assertThat(String.join("\n", lines)).doesNotContain("Hidden", "notListed");
    assertThat(lines).noneMatch(line -> line.startsWith("public final class " + FIXTURE + ".layered.internal"));
  }
}
