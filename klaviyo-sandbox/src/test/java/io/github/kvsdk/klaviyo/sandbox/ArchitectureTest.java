package io.github.kvsdk.klaviyo.sandbox;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMember;
import io.github.kvsdk.klaviyo.apirules.ModuleArchitectureTest;
import org.junit.jupiter.api.Test;

/** The sandbox's package structure: an emulator of Klaviyo that shares no code with the SDK it tests. */
class ArchitectureTest extends ModuleArchitectureTest {
  private static final String BACKEND = "io.github.kvsdk.klaviyo.sandbox.resources.Backend";

  /**
   * The back end of the emulated API lives with the stored objects, which it changes through package-private
   * methods that are no part of the API. The sandbox builds it from the internal spec and hands its internal
   * handlers to the HTTP layer; users cannot obtain a spec to build one.
   */
  @Override
  protected DescribedPredicate<JavaMember> allowedInternalTypesInApiSignatures() {
    return DescribedPredicate.describe("the back end's constructor and handlers", member ->
        member.getOwner().getName().equals(BACKEND));
  }

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
