package io.github.kvsdk.klaviyo.poller.cli;

import io.github.kvsdk.klaviyo.generated.GeneratedRevision;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: this build's version and the Klaviyo API revision it was generated for, both read from
 * the build rather than written into the source.
 */
final class CliVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"klaviyo-poller " + version() + " (Klaviyo API revision " + GeneratedRevision.revision() + ")"};
  }

  static String version() {
    Properties properties = new Properties();
    try (InputStream in = CliVersion.class.getResourceAsStream("klaviyo-poller.properties")) {
      if (in != null) properties.load(in);
    } catch (IOException e) {
      // Reported as unknown below.
    }
    String version = properties.getProperty("version");
    return version == null || version.isBlank() || version.contains("${") ? "unknown" : version;
  }
}
