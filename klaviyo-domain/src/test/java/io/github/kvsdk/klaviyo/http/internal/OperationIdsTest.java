package io.github.kvsdk.klaviyo.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.catalog.Operation;
import io.github.kvsdk.klaviyo.catalog.OperationCatalog;
import io.github.kvsdk.klaviyo.generated.api.AccountsApi;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import retrofit2.Invocation;

class OperationIdsTest {
  private static final String API_PACKAGE = "io/github/kvsdk/klaviyo/generated/api/";

  private static Request request(String method, String path, Method serviceMethod) {
    Request.Builder request = new Request.Builder().url("http://127.0.0.1:1" + path)
        .method(method, method.equals("GET") ? null : okhttp3.RequestBody.create(new byte[0]));
    if (serviceMethod != null) request.tag(Invocation.class, Invocation.of(serviceMethod, List.of()));
    return request.build();
  }

  @Test
  void everyGeneratedServiceMethodIsNamedByItsOwnOperationIdWhateverThePath() throws Exception {
    Set<String> found = new HashSet<>();
    for (Class<?> service : generatedServices()) {
      for (Method method : service.getDeclaredMethods()) {
        if (method.isSynthetic() || method.isDefault()) continue;
        // A path no operation serves: the id can only come from the service method.
        String id = OperationIds.of(request("GET", "/nowhere", method));
        assertThat(id).as(service.getSimpleName() + "." + method.getName()).isNotEqualTo(OperationIds.UNKNOWN);
        found.add(id);
      }
    }
    Set<String> catalogue = OperationCatalog.packaged().operations().stream()
        .map(Operation::operationId).collect(Collectors.toSet());
    assertThat(found).isEqualTo(catalogue);
  }

  @Test
  void requestsWithoutServiceMethodAreMatchedByMethodAndPath() {
    assertThat(OperationIds.of(request("GET", "/api/profiles/01ABC", null))).isEqualTo("get_profile");
    assertThat(OperationIds.of(request("PATCH", "/api/profiles/01ABC", null))).isEqualTo("update_profile");
    assertThat(OperationIds.of(request("GET", "/api/profiles", null))).isEqualTo("get_profiles");
    assertThat(OperationIds.of(request("GET", "/proxy/klaviyo/api/lists/Xy12", null))).isEqualTo("get_list");
    assertThat(OperationIds.of(request("GET", "/api/not-an-operation", null))).isEqualTo(OperationIds.UNKNOWN);
  }

  /** The generated Retrofit interfaces, from the directory or jar that holds them. */
  private static List<Class<?>> generatedServices() throws IOException, URISyntaxException, ClassNotFoundException {
    Path location = Path.of(AccountsApi.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> names = new ArrayList<>();
    if (Files.isDirectory(location)) {
      try (Stream<Path> files = Files.list(location.resolve(API_PACKAGE))) {
        files.map(f -> f.getFileName().toString()).forEach(names::add);
      }
    } else {
      try (JarFile jar = new JarFile(location.toFile())) {
        jar.stream().map(e -> e.getName()).filter(n -> n.startsWith(API_PACKAGE))
            .map(n -> n.substring(API_PACKAGE.length())).forEach(names::add);
      }
    }
    List<Class<?>> services = new ArrayList<>();
    for (String name : names) {
      if (name.endsWith("Api.class") && !name.contains("/")) {
        services.add(Class.forName("io.github.kvsdk.klaviyo.generated.api." + name.replace(".class", "")));
      }
    }
    assertThat(services).hasSizeGreaterThan(10);
    return services;
  }
}
