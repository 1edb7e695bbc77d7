package io.github.kvsdk.klaviyo.poller;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import io.github.kvsdk.klaviyo.apirules.ModuleArchitectureTest;
import org.junit.jupiter.api.Test;

/** The poller's package structure: the library packages stand without the command line and the benchmark. */
class ArchitectureTest extends ModuleArchitectureTest {
  private static final String POLLER = "io.github.kvsdk.klaviyo.poller";

  @Test
  void libraryPackagesKnowNeitherTheCommandLineNorTheBenchmark() {
    noClasses().that().resideOutsideOfPackages(POLLER + ".cli..", POLLER + ".bench..")
        .should().dependOnClassesThat().resideInAnyPackage(POLLER + ".cli..", POLLER + ".bench..", "picocli..")
        .check(moduleClasses());
  }

  @Test
  void libraryPackagesUseNoSandbox() {
    noClasses().that().resideOutsideOfPackages(POLLER + ".cli..", POLLER + ".bench..")
        .should().dependOnClassesThat().resideInAPackage("io.github.kvsdk.klaviyo.sandbox..")
        .check(moduleClasses());
  }
}
