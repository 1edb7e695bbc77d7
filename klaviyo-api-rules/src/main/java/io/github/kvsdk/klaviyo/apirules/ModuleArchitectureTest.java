package io.github.kvsdk.klaviyo.apirules;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/**
 * The architecture rules every module shares, run as tests over the module's main classes
 * ({@link ModuleClasses#imported()}): no package cycles, no internal type in a public signature of the API, and no
 * use of another module's {@code internal} packages. A module's {@code ArchitectureTest} extends this class and
 * adds the layering rules of its own packages, checked against {@link #moduleClasses()}.
 */
public abstract class ModuleArchitectureTest {
  private static JavaClasses classes;

  /** For subclasses. */
  protected ModuleArchitectureTest() {}

  /** {@return the module's main classes, imported once per test run} */
  protected static synchronized JavaClasses moduleClasses() {
    if (classes == null) classes = ModuleClasses.imported();
    return classes;
  }

  /** No cycle between any two packages of the module, a feature and its {@code internal} package included. */
  @Test
  void noPackageCycles() {
    ApiRules.noPackageCycles().check(moduleClasses());
  }

  /** The public API names no type of an {@code internal} package. */
  @Test
  void apiSignaturesNameNoInternalType() {
    ApiRules.noInternalTypesInApiSignatures().check(moduleClasses());
  }

  /** The {@code internal} packages of other modules are theirs alone. */
  @Test
  void noInternalPackageOfAnotherModuleIsUsed() {
    ApiRules.noUseOfOtherModulesInternals().check(moduleClasses());
  }
}
