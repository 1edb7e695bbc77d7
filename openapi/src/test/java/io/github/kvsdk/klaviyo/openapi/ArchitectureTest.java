package io.github.kvsdk.klaviyo.openapi;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.github.kvsdk.klaviyo.apirules.ApiRules;
import io.github.kvsdk.klaviyo.apirules.ModuleClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The spec module's package structure. */
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
}
