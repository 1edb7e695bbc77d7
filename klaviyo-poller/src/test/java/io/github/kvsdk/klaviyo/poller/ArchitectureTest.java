package io.github.kvsdk.klaviyo.poller;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.github.kvsdk.klaviyo.apirules.ApiRules;
import io.github.kvsdk.klaviyo.apirules.ModuleClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The poller's package structure: the library packages stand without the command line and the benchmark. */
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
  void libraryPackagesKnowNeitherTheCommandLineNorTheBenchmark() {
    noClasses().that().resideOutsideOfPackages("io.github.kvsdk.klaviyo.poller.cli..", "io.github.kvsdk.klaviyo.poller.bench..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.github.kvsdk.klaviyo.poller.cli..", "io.github.kvsdk.klaviyo.poller.bench..", "picocli..")
        .check(classes);
  }

  @Test
  void libraryPackagesUseNoSandbox() {
    noClasses().that().resideOutsideOfPackages("io.github.kvsdk.klaviyo.poller.cli..", "io.github.kvsdk.klaviyo.poller.bench..")
        .should().dependOnClassesThat().resideInAPackage("io.github.kvsdk.klaviyo.sandbox..")
        .check(classes);
  }
}
