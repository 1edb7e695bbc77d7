package io.github.kvsdk.klaviyo.apirules;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The compiled main classes of the module whose tests are running: what its jar ships, tests excluded. */
public final class ModuleClasses {
  private ModuleClasses() {}

  /** {@return the module's main class folder, {@code target/classes} under the directory the tests run in} */
  public static Path folder() {
    Path folder = Paths.get("target", "classes").toAbsolutePath();
    if (!Files.isDirectory(folder)) {
      throw new IllegalStateException("no compiled main classes at " + folder + "; run the tests from the module");
    }
    return folder;
  }

  /** {@return the module's main classes, imported from {@link #folder()} only (not from its dependencies)} */
  public static JavaClasses imported() {
    return new ClassFileImporter().importPath(folder());
  }
}
