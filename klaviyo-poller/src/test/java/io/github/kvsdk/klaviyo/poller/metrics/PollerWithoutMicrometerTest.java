package io.github.kvsdk.klaviyo.poller.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Micrometer is an optional dependency: a poller built without a registry must work when it is missing. The
 * probe runs in a class loader over this module's test class path minus Micrometer's jars.
 */
@Tag("sandbox")
class PollerWithoutMicrometerTest {
  @Test
  void aPollerWithoutRegistryRunsWithoutMicrometerOnTheClassPath() throws Exception {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<URL> urls = new ArrayList<>();
    int excluded = 0;
    for (String entry : classPath.split(File.pathSeparator)) {
      if (entry.replace('\\', '/').contains("/io/micrometer/")) {
        excluded++;
      } else {
        urls.add(url(entry));
      }
    }
    assertThat(excluded).as("Micrometer jars on the test class path").isPositive();

    try (URLClassLoader withoutMicrometer =
        new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      @SuppressWarnings("unchecked")
      Supplier<String> probe = (Supplier<String>) withoutMicrometer
          .loadClass(NoMicrometerPollerProbe.class.getName()).getConstructor().newInstance();
      assertThat(probe.get()).isEqualTo("emitted=25");
    }
  }

  private static URL url(String entry) {
    try {
      return new File(entry).toURI().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(entry, e);
    }
  }
}
