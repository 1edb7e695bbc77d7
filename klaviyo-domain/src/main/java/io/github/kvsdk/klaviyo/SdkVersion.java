package io.github.kvsdk.klaviyo;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** This artifact's version, from a resource Maven filters at build time. */
final class SdkVersion {
  static final String ARTIFACT = "klaviyo-domain";
  static final String VERSION = load();

  private SdkVersion() {}

  /** {@code klaviyo-domain/<version> java/<java.version>}. */
  static String userAgent() {
    return ARTIFACT + "/" + VERSION + " java/" + System.getProperty("java.version", "unknown");
  }

  private static String load() {
    Properties properties = new Properties();
    try (InputStream in = SdkVersion.class.getResourceAsStream("klaviyo-domain.properties")) {
      if (in != null) properties.load(in);
    } catch (IOException e) {
      // Fall through to the manifest.
    }
    String version = properties.getProperty("version");
    if (version == null || version.isBlank() || version.contains("${")) {
      version = SdkVersion.class.getPackage().getImplementationVersion();
    }
    return version == null ? "dev" : version;
  }
}
