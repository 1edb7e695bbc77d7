package io.github.kvsdk.klaviyo.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class KlaviyoOpenApiSpecTest {
  @Test
  void packagedDocumentHashesToItsPinnedSha256() throws Exception {
    KlaviyoOpenApiSpec spec = KlaviyoOpenApiSpec.packaged();
    byte[] bytes = spec.readAllBytes();

    String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));

    assertThat(actual).isEqualTo(spec.sha256());
    assertThat(spec.sha256()).hasSize(64);
    assertThat(spec.upstreamCommit()).matches("[0-9a-f]{40}");
  }

  @Test
  void packagedDocumentDeclaresTheRevisionItWasBuiltFor() {
    KlaviyoOpenApiSpec spec = KlaviyoOpenApiSpec.packaged();

    String head = new String(spec.readAllBytes(), 0, 4096, java.nio.charset.StandardCharsets.UTF_8);

    assertThat(spec.revision()).matches("\\d{4}-\\d{2}-\\d{2}");
    assertThat(head).contains("\"version\": \"" + spec.revision() + "\"");
  }
}
