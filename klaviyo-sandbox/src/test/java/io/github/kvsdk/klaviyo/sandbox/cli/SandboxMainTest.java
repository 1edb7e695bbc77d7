package io.github.kvsdk.klaviyo.sandbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.openapi.KlaviyoOpenApiSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

final class SandboxMainTest {
  @Test
  void optionsParseWithRateLimitsOnByDefault() {
    SandboxMain main = new SandboxMain();
    new CommandLine(main).parseArgs("--port", "8089", "--seed-profiles", "10000", "--seed-same-second", "20");
    assertThat(main.port).isEqualTo(8089);
    assertThat(main.profiles).isEqualTo(10000);
    assertThat(main.sameSecond).isEqualTo(20);
    assertThat(main.rateLimits).isTrue();
    assertThat(main.host).isEqualTo("127.0.0.1");
  }

  @Test
  void rateLimitsCanBeSwitchedOff() {
    SandboxMain main = new SandboxMain();
    new CommandLine(main).parseArgs("--no-rate-limits", "--time-scale", "10");
    assertThat(main.rateLimits).isFalse();
    assertThat(main.timeScale).isEqualTo(10.0);
  }

  @Test
  void helpListsTheOptions() {
    StringWriter out = new StringWriter();
    int exit = new CommandLine(new SandboxMain()).setOut(new PrintWriter(out)).execute("--help");
    assertThat(exit).isZero();
    assertThat(out.toString()).contains("--seed-profiles", "--port", "rate-limits", "--time-scale");
  }

  @Test
  void versionIsTheBuildsVersionAndThePackagedRevision() {
    String buildVersion = System.getProperty("project.version");
    assertThat(buildVersion).as("project.version, set by the build for tests").isNotBlank();
    StringWriter out = new StringWriter();
    int exit = new CommandLine(new SandboxMain()).setOut(new PrintWriter(out)).execute("--version");
    assertThat(exit).isZero();
    assertThat(out.toString().strip()).isEqualTo(
        "klaviyo-sandbox " + buildVersion + " (Klaviyo API revision " + KlaviyoOpenApiSpec.packaged().revision() + ")");
  }
}
