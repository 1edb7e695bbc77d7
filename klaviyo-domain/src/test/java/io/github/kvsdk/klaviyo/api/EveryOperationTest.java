package io.github.kvsdk.klaviyo.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.catalog.Operation;
import io.github.kvsdk.klaviyo.catalog.OperationCatalog;
import io.github.kvsdk.klaviyo.errors.KlaviyoException;
import io.github.kvsdk.klaviyo.filter.Filter;
import io.github.kvsdk.klaviyo.testing.TestKeys;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the revision the SDK was built for is reachable through the typed facade and sends the
 * request its operation id names: method, path, revision header and credential. Counts come from the
 * operation catalogue of that revision, so this holds for any revision the project is built for.
 */
final class EveryOperationTest {
  @StartStop private final MockWebServer server = new MockWebServer();

  @Test
  void everyOperationOfTheRevisionIsCalledThroughItsServiceAndSendsItsRoute() throws Exception {
    KlaviyoClient client = KlaviyoClient.builder().apiKey(TestKeys.API_KEY).baseUrl(server.url("/"))
        .rateLimiting(false).build();
    OperationCatalog catalog = OperationCatalog.packaged();
    Map<String, Operation> byParamsName = new HashMap<>();
    for (Operation op : catalog.operations()) byParamsName.put(pascal(op.operationId()) + "Params", op);

    Set<String> called = new LinkedHashSet<>();
    List<String> wrong = new ArrayList<>();
    RequestOptions unchecked = RequestOptions.builder().skipValidation().build();
    // The client's package-private supertype declares one accessor per resource group.
    for (Method accessor : Class.forName("io.github.kvsdk.klaviyo.KlaviyoServices").getDeclaredMethods()) {
      if (!Modifier.isPublic(accessor.getModifiers()) || accessor.getParameterCount() != 0) continue;
      accessor.setAccessible(true);
      Object service = accessor.invoke(client);
      for (Method method : accessor.getReturnType().getDeclaredMethods()) {
        Class<?>[] types = method.getParameterTypes();
        if (!Modifier.isPublic(method.getModifiers()) || types.length != 2 || types[1] != RequestOptions.class
            || method.getName().endsWith("Async") || method.getName().endsWith("AutoPager")) {
          continue;
        }
        Operation op = byParamsName.get(types[0].getSimpleName());
        assertThat(op).as("operation of %s", types[0]).isNotNull();
        server.enqueue(new MockResponse.Builder().code(200).body("{\"data\":[]}").build());
        try {
          method.invoke(service, paramsFor(types[0]), unchecked);
        } catch (InvocationTargetException e) {
          // The canned body need not fit every response model; only the request matters here.
          if (!(e.getCause() instanceof KlaviyoException)) throw e;
        }
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("request of %s", op.operationId()).isNotNull();
        String path = request.getUrl().encodedPath();
        boolean routed = request.getMethod().equals(op.method())
            && catalog.find(request.getMethod(), path).map(Operation::operationId).orElse("").equals(op.operationId());
        if (!routed || !client.revision().equals(request.getHeaders().get("revision"))
            || request.getHeaders().get("Authorization") == null) {
          wrong.add(op.operationId() + " sent " + request.getMethod() + " " + path);
        }
        called.add(op.operationId());
      }
    }
    assertThat(wrong).isEmpty();
    Set<String> all = new LinkedHashSet<>();
    catalog.operations().forEach(op -> all.add(op.operationId()));
    assertThat(called).isEqualTo(all);
  }

  /** Params with every plain input set: strings, booleans, a model instance as body, a file part. */
  private static Object paramsFor(Class<?> paramsType) throws ReflectiveOperationException {
    Object builder = paramsType.getMethod("builder").invoke(null);
    for (Method setter : builder.getClass().getDeclaredMethods()) {
      if (!Modifier.isPublic(setter.getModifiers()) || setter.getParameterCount() != 1) continue;
      Class<?> type = setter.getParameterTypes()[0];
      Object value = null;
      if (type == Filter.class) {
        value = Filter.equalTo("messages.channel", "email"); // some listings require a filter
      } else if (type == String.class && !setter.getName().equals("filter")) {
        value = "abc123";
      } else if (type == Boolean.class) {
        value = Boolean.TRUE;
      } else if (type == MultipartBody.Part.class) {
        value = MultipartBody.Part.createFormData("file", "a.png", RequestBody.create(new byte[] {1, 2, 3}));
      } else if (type.getName().startsWith("io.github.kvsdk.klaviyo.generated.model.")) {
        value = type.getConstructor().newInstance();
      }
      if (value != null) setter.invoke(builder, value);
    }
    return builder.getClass().getMethod("build").invoke(builder);
  }

  private static String pascal(String operationId) {
    StringBuilder out = new StringBuilder();
    boolean upper = true;
    for (char c : operationId.toCharArray()) {
      if (!Character.isLetterOrDigit(c)) {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }
}
