package io.github.kvsdk.klaviyo.generated;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.github.kvsdk.klaviyo.apirules.ApiRules;
import io.github.kvsdk.klaviyo.apirules.ModuleClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated client's package structure (generated models and services included). */
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
  void jsonSupportKnowsNoGeneratedModelOrService() {
    noClasses().that().resideInAPackage("io.github.kvsdk.klaviyo.generated.json..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.github.kvsdk.klaviyo.generated.model..", "io.github.kvsdk.klaviyo.generated.api..")
        .check(classes);
  }
}
