package io.github.kvsdk.klaviyo.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Micrometer is an optional dependency: a client built without a registry must work when it is missing. The
 * probe runs in a class loader over this module's test class path minus Micrometer's jars, as for a user who
 * never added it.
 */
class WithoutMicrometerTest {
  @Test
  void aClientWithoutRegistryRunsWithoutMicrometerOnTheClassPath() throws Exception {
    List<URL> urls = new ArrayList<>();
    int excluded = 0;
    for (String entry : testClassPath().split(File.pathSeparator)) {
      if (entry.replace('\\', '/').contains("/io/micrometer/")) {
        excluded++;
      } else {
        urls.add(url(entry));
      }
    }
    assertThat(excluded).as("Micrometer jars on the test class path").isPositive();
    Class.forName("io.micrometer.core.instrument.MeterRegistry"); // Visible here, so the exclusion matters.

    try (URLClassLoader withoutMicrometer =
        new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      Class<?> probe = withoutMicrometer.loadClass(NoMicrometerProbe.class.getName());
      assertThat(probe.getClassLoader()).isSameAs(withoutMicrometer);
      @SuppressWarnings("unchecked")
      Supplier<String> run = (Supplier<String>) probe.getConstructor().newInstance();
      assertThat(run.get()).isEqualTo("requests=3 status=200");
    }
  }

  private static String testClassPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
  }

  private static URL url(String entry) {
    try {
      return new File(entry).toURI().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(entry, e);
    }
  }
}
