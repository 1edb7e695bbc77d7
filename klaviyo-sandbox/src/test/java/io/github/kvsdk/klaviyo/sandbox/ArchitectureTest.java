package io.github.kvsdk.klaviyo.sandbox;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.github.kvsdk.klaviyo.apirules.ApiRules;
import io.github.kvsdk.klaviyo.apirules.ModuleClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sandbox's package structure: an emulator of Klaviyo that shares no code with the SDK it tests. */
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
  void sandboxUsesNoSdkCode() {
    noClasses().should().dependOnClassesThat(resideInAPackage("io.github.kvsdk.klaviyo..")
            .and(not(resideInAnyPackage("io.github.kvsdk.klaviyo.sandbox..", "io.github.kvsdk.klaviyo.openapi.."))))
        .check(classes);
  }

  @Test
  void emulatorPackagesKnowNotTheCommandLine() {
    noClasses().that().resideOutsideOfPackage("io.github.kvsdk.klaviyo.sandbox.cli..")
        .should().dependOnClassesThat().resideInAnyPackage("io.github.kvsdk.klaviyo.sandbox.cli..", "picocli..")
        .check(classes);
  }
}
