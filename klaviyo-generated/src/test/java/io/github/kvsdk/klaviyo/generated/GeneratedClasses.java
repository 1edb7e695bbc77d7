package io.github.kvsdk.klaviyo.generated;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Lists the top-level classes the build generated into a package (not its {@code package-info}). */
final class GeneratedClasses {
  private GeneratedClasses() {
  }

  static List<Class<?>> in(String packageName) {
    URL url = GeneratedClasses.class.getClassLoader().getResource(packageName.replace('.', '/'));
    if (url == null) {
      throw new IllegalStateException("No classes in " + packageName);
    }
    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(".class") && !name.contains("$") && !name.equals("package-info.class"))
          .sorted()
          .<Class<?>>map(name -> load(packageName + "." + name.substring(0, name.length() - ".class".length())))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
