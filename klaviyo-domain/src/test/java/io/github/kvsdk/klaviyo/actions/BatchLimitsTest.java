package io.github.kvsdk.klaviyo.actions;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonReader;
import io.github.kvsdk.klaviyo.openapi.KlaviyoOpenApiSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okio.Okio;
import org.junit.jupiter.api.Test;

/** The batch sizes the bulk actions split by are the maxima the pinned spec states. */
final class BatchLimitsTest {
  @Test
  void bulkCreateEventsBatchIsTheStatedMaximum() throws IOException {
    assertThat(stated("/api/event-bulk-create-jobs", "Accepts up to ([\\d,]+) events per request"))
        .isEqualTo(Events.MAX_BULK_EVENTS);
  }

  @Test
  void subscribeBatchIsTheStatedMaximum() throws IOException {
    assertThat(stated("/api/profile-subscription-bulk-create-jobs",
        "Maximum number of profiles can be submitted for subscription: (\\d+)"))
        .isEqualTo(Profiles.MAX_SUBSCRIBE_BATCH);
  }

  @Test
  void unsubscribeBatchIsTheStatedMaximum() throws IOException {
    assertThat(stated("/api/profile-subscription-bulk-delete-jobs",
        "Maximum number of profiles? (?:can be submitted for unsubscription|per call): (\\d+)"))
        .isEqualTo(Profiles.MAX_UNSUBSCRIBE_BATCH);
  }

  @SuppressWarnings("unchecked")
  private static int stated(String path, String regex) throws IOException {
    Map<String, Object> spec;
    try (InputStream in = KlaviyoOpenApiSpec.packaged().open()) {
      spec = (Map<String, Object>) JsonReader.of(Okio.buffer(Okio.source(in))).readJsonValue();
    }
    Map<String, Object> post =
        (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) spec.get("paths")).get(path)).get("post");
    Matcher m = Pattern.compile(regex).matcher((String) post.get("description"));
    assertThat(m.find()).as("statement in the description of POST " + path).isTrue();
    return Integer.parseInt(m.group(1).replace(",", ""));
  }
}
