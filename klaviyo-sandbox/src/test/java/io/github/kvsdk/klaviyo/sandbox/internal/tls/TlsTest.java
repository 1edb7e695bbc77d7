package io.github.kvsdk.klaviyo.sandbox.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import io.github.kvsdk.klaviyo.sandbox.internal.json.Json;
import io.github.kvsdk.klaviyo.sandbox.seed.SeedPlan;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** With TLS the sandbox serves HTTPS with an exported self-signed certificate, and its links are https. */
final class TlsTest {
  @Test
  void aClientTrustingTheExportedCertificatePagesThroughProfilesOverHttps() throws Exception {
    try (KlaviyoSandbox sandbox = KlaviyoSandbox.builder().tls(true)
        .seed(SeedPlan.builder().profiles(25).build()).start()) {
      assertThat(sandbox.baseUrl()).startsWith("https://127.0.0.1:");
      OkHttpClient client = trusting(sandbox.certificatePem());
      List<String> ids = new ArrayList<>();
      String next = sandbox.baseUrl() + "/api/profiles?page%5Bsize%5D=10";
      int pages = 0;
      while (next != null) {
        assertThat(next).startsWith("https://");
        Request request = new Request.Builder().url(next)
            .header("Authorization", "Klaviyo-API-Key " + sandbox.defaultApiKey())
            .header("revision", sandbox.revision()).build();
        try (Response response = client.newCall(request).execute()) {
          assertThat(response.code()).isEqualTo(200);
          assertThat(response.handshake()).isNotNull();
          @SuppressWarnings("unchecked")
          Map<String, Object> doc = (Map<String, Object>) Json.parse(response.body().string());
          for (Object item : (List<?>) doc.get("data")) {
            ids.add((String) ((Map<?, ?>) item).get("id"));
          }
          next = (String) ((Map<?, ?>) doc.get("links")).get("next");
        }
        pages++;
      }
      assertThat(pages).isEqualTo(3);
      assertThat(ids).hasSize(25).doesNotHaveDuplicates();
    }
  }

  @Test
  void aClientThatDoesNotTrustTheCertificateIsRefused() {
    try (KlaviyoSandbox sandbox = KlaviyoSandbox.builder().tls(true).start()) {
      Request request = new Request.Builder().url(sandbox.baseUrl() + "/api/accounts").build();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> new OkHttpClient().newCall(request).execute())
          .isInstanceOf(javax.net.ssl.SSLException.class);
    }
  }

  private static OkHttpClient trusting(String pem) throws Exception {
    Certificate certificate = CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("sandbox", certificate);
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    X509TrustManager manager = (X509TrustManager) factory.getTrustManagers()[0];
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new javax.net.ssl.TrustManager[] {manager}, null);
    return new OkHttpClient.Builder().sslSocketFactory(context.getSocketFactory(), manager).build();
  }
}
