package io.github.kvsdk.klaviyo.sandbox.cli;

import io.github.kvsdk.klaviyo.openapi.KlaviyoOpenApiSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: this build's version and the Klaviyo API revision the sandbox emulates, both read from
 * the build rather than written into the source.
 */
final class SandboxVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
        "klaviyo-sandbox " + version() + " (Klaviyo API revision " + KlaviyoOpenApiSpec.packaged().revision() + ")"};
  }

  /** The project version filtered into {@code klaviyo-sandbox.properties} at build time, or "unknown". */
  static String version() {
    Properties properties = new Properties();
    try (InputStream in = SandboxVersion.class.getResourceAsStream("klaviyo-sandbox.properties")) {
      if (in != null) properties.load(in);
    } catch (IOException e) {
      // Reported as unknown below.
    }
    String version = properties.getProperty("version");
    return version == null || version.isBlank() || version.contains("${") ? "unknown" : version;
  }
}
