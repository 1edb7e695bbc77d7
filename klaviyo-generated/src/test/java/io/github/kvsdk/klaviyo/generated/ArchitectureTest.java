package io.github.kvsdk.klaviyo.generated;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import io.github.kvsdk.klaviyo.apirules.ModuleArchitectureTest;
import org.junit.jupiter.api.Test;

/** The generated client's package structure (generated models and services included). */
class ArchitectureTest extends ModuleArchitectureTest {
  @Test
  void jsonSupportKnowsNoGeneratedModelOrService() {
    noClasses().that().resideInAPackage("io.github.kvsdk.klaviyo.generated.json..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.github.kvsdk.klaviyo.generated.model..", "io.github.kvsdk.klaviyo.generated.api..")
        .check(moduleClasses());
  }
}
