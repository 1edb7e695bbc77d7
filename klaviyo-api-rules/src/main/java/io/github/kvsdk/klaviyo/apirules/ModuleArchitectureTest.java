package io.github.kvsdk.klaviyo.apirules;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMember;
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

  /**
   * {@return the members of public API types that may name an internal type anyway} None unless a module
   * overrides this: hand-over points between its own packages that users cannot call usefully, each
   * justified where it is overridden.
   */
  protected DescribedPredicate<? super JavaMember> allowedInternalTypesInApiSignatures() {
    return DescribedPredicate.alwaysFalse();
  }

  /**
   * {@return the dependencies on another module's internal types that are allowed anyway} None unless a module
   * overrides this, justifying each.
   */
  protected DescribedPredicate<? super Dependency> allowedUsesOfOtherModulesInternals() {
    return DescribedPredicate.alwaysFalse();
  }

  /** No cycle between any two packages of the module, a feature and its {@code internal} package included. */
  @Test
  void noPackageCycles() {
    ApiRules.noPackageCycles().check(moduleClasses());
  }

  /** The public API names no type of an {@code internal} package. */
  @Test
  void apiSignaturesNameNoInternalType() {
    ApiRules.noInternalTypesInApiSignatures(allowedInternalTypesInApiSignatures()).check(moduleClasses());
  }

  /** The {@code internal} packages of other modules are theirs alone. */
  @Test
  void noInternalPackageOfAnotherModuleIsUsed() {
    ApiRules.noUseOfOtherModulesInternals(allowedUsesOfOtherModulesInternals()).check(moduleClasses());
  }
}
