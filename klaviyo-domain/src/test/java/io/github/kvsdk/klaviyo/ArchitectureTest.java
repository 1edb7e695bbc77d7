package io.github.kvsdk.klaviyo;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import io.github.kvsdk.klaviyo.apirules.ModuleArchitectureTest;
import org.junit.jupiter.api.Test;

/** The domain's package structure, over its main classes including the generated typed facade. */
class ArchitectureTest extends ModuleArchitectureTest {
  private static final String SDK = "io.github.kvsdk.klaviyo";

  @Test
  void errorsDependOnNothingElseOfTheSdk() {
    classes().that().resideInAPackage(SDK + ".errors")
        .should().onlyDependOnClassesThat(resideOutsideOfPackage(SDK + "..").or(resideInAPackage(SDK + ".errors")))
        .check(moduleClasses());
  }

  @Test
  void pagingKnowsNeitherActionsNorServices() {
    noClasses().that().resideInAPackage(SDK + ".paging..")
        .should().dependOnClassesThat().resideInAnyPackage(SDK + ".actions..", SDK + ".api..")
        .check(moduleClasses());
  }

  @Test
  void filtersQueriesAndCatalogueKnowNeitherActionsNorServicesNorTransport() {
    noClasses().that().resideInAnyPackage(SDK + ".filter..", SDK + ".query..", SDK + ".catalog..")
        .should().dependOnClassesThat().resideInAnyPackage(
            SDK + ".actions..", SDK + ".api..", SDK + ".http..", SDK + ".retry..", SDK + ".ratelimit..",
            SDK + ".auth..", SDK + ".oauth..", SDK + ".raw..", SDK + ".paging..")
        .check(moduleClasses());
  }

  @Test
  void onlyTheClientPackageUsesTheClient() {
    noClasses().that().resideOutsideOfPackage(SDK)
        .should().dependOnClassesThat().resideInAPackage(SDK)
        .check(moduleClasses());
  }
}
