package io.github.kvsdk.klaviyo.sandbox;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import io.github.kvsdk.klaviyo.apirules.ModuleArchitectureTest;
import org.junit.jupiter.api.Test;

/** The sandbox's package structure: an emulator of Klaviyo that shares no code with the SDK it tests. */
class ArchitectureTest extends ModuleArchitectureTest {
  @Test
  void sandboxUsesNoSdkCode() {
    noClasses().should().dependOnClassesThat(resideInAPackage("io.github.kvsdk.klaviyo..")
            .and(not(resideInAnyPackage("io.github.kvsdk.klaviyo.sandbox..", "io.github.kvsdk.klaviyo.openapi.."))))
        .check(moduleClasses());
  }

  @Test
  void emulatorPackagesKnowNotTheCommandLine() {
    noClasses().that().resideOutsideOfPackage("io.github.kvsdk.klaviyo.sandbox.cli..")
        .should().dependOnClassesThat().resideInAnyPackage("io.github.kvsdk.klaviyo.sandbox.cli..", "picocli..")
        .check(moduleClasses());
  }
}
