package io.github.kvsdk.klaviyo.generated;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.openapi.KlaviyoOpenApiSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The client records the revision it was generated for: the spec's own {@code info.version}. */
class GeneratedRevisionTest {
  @Test
  @SuppressWarnings("unchecked")
  void recordsTheRevisionAndProvenanceOfTheSpecItWasGeneratedFrom() {
    String infoVersion = (String) ((Map<String, Object>) Spec.root().get("info")).get("version");

    assertThat(GeneratedRevision.revision()).isEqualTo(infoVersion).isEqualTo(KlaviyoOpenApiSpec.packaged().revision());
    assertThat(GeneratedRevision.sha256()).isEqualTo(KlaviyoOpenApiSpec.packaged().sha256()).hasSize(64);
    assertThat(GeneratedRevision.upstreamCommit()).isEqualTo(KlaviyoOpenApiSpec.packaged().upstreamCommit());
  }
}
