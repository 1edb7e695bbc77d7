package io.github.kvsdk.klaviyo.connect;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.github.kvsdk.klaviyo.apirules.ApiRules;
import io.github.kvsdk.klaviyo.apirules.ModuleClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The connector's package structure. */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = ModuleClasses.imported();
  }

  @Test
  void noPackageCycles() {
    ApiRules.noPackageCycles().check(classes);
  }

  @Test
  void apiSignaturesNameNoInternalType() {
    ApiRules.noInternalTypesInApiSignatures().check(classes);
  }

  @Test
  void connectorUsesThePollerLibraryOnly() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "io.github.kvsdk.klaviyo.poller.cli..", "io.github.kvsdk.klaviyo.poller.bench..", "picocli..")
        .check(classes);
  }
}
