package io.github.kvsdk.klaviyo.connect;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import io.github.kvsdk.klaviyo.apirules.ModuleArchitectureTest;
import org.junit.jupiter.api.Test;

/** The connector's package structure. */
class ArchitectureTest extends ModuleArchitectureTest {
  @Test
  void connectorUsesThePollerLibraryOnly() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "io.github.kvsdk.klaviyo.poller.cli..", "io.github.kvsdk.klaviyo.poller.bench..", "picocli..")
        .check(moduleClasses());
  }
}
