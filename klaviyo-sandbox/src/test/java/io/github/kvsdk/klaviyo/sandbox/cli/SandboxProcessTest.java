package io.github.kvsdk.klaviyo.sandbox.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

final class SandboxProcessTest {
  @Test
  void aChildSandboxServesItsSeedUntilClosed() throws IOException {
    SandboxProcess sandbox = SandboxProcess.start(List.of("-Xmx256m"),
        List.of("--seed-profiles", "3", "--seed-flows", "0", "--seed-forms", "0"));
    try (sandbox) {
      assertThat(sandbox.baseUrl()).startsWith("http://127.0.0.1:").doesNotEndWith(":0");
      Request profiles = new Request.Builder().url(sandbox.baseUrl() + "/api/profiles")
          .header("Authorization", "Klaviyo-API-Key " + sandbox.apiKey())
          .header("revision", "2024-10-15").build();
      try (Response response = new OkHttpClient().newCall(profiles).execute()) {
        assertThat(response.code()).isEqualTo(200);
        assertThat(response.body().string()).contains("\"type\":\"profile\"");
      }
    }
    assertThat(sandbox.isAlive()).isFalse();
  }

  @Test
  void aChildThatCannotStartIsReportedWithItsOutput() {
    assertThatThrownBy(() -> SandboxProcess.start(List.of(), List.of("--seed-profiles", "many")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("the sandbox exited with code 2 before listening; its last output:")
        .hasMessageContaining("many");
  }

  @Test
  void thePortIsChosenByTheProcess() {
    assertThatThrownBy(() -> SandboxProcess.start(List.of(), List.of("--port", "8089")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sandboxArguments: must not contain --port; a free port is chosen");
  }
}
