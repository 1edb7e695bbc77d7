package io.github.kvsdk.klaviyo.poller;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import io.github.kvsdk.klaviyo.apirules.ModuleArchitectureTest;
import org.junit.jupiter.api.Test;

/** The poller's package structure: the library packages stand without the command line and the benchmark. */
class ArchitectureTest extends ModuleArchitectureTest {
  private static final String POLLER = "io.github.kvsdk.klaviyo.poller";

  /**
   * The page source streams listing bodies through the client's own HTTP stack (it parses each page as it
   * arrives, which the typed facade cannot), and maps a failed response with the client's error mapper, so that
   * the poller throws exactly the typed exceptions the client would.
   */
  @Override
  protected DescribedPredicate<Dependency> allowedUsesOfOtherModulesInternals() {
    return DescribedPredicate.describe("the page source's use of the client's error mapper", dependency ->
        dependency.getOriginClass().getPackageName().startsWith(POLLER + ".source")
            && dependency.getTargetClass().getName().equals("io.github.kvsdk.klaviyo.errors.internal.KlaviyoErrorMapper"));
  }

  @Test
  void libraryPackagesKnowNeitherTheCommandLineNorTheBenchmark() {
    noClasses().that().resideOutsideOfPackages(POLLER + ".cli..", POLLER + ".bench..")
        .should().dependOnClassesThat().resideInAnyPackage(POLLER + ".cli..", POLLER + ".bench..", "picocli..")
        .check(moduleClasses());
  }

  @Test
  void libraryPackagesUseNoSandbox() {
    noClasses().that().resideOutsideOfPackages(POLLER + ".cli..", POLLER + ".bench..")
        .should().dependOnClassesThat().resideInAPackage("io.github.kvsdk.klaviyo.sandbox..")
        .check(moduleClasses());
  }
}
