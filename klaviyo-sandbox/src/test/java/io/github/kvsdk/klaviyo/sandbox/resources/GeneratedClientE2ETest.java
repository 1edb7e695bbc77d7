package io.github.kvsdk.klaviyo.sandbox.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.generated.json.KlaviyoMoshi;
import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import io.github.kvsdk.klaviyo.sandbox.internal.spec.ApiSpec;
import io.github.kvsdk.klaviyo.sandbox.internal.spec.Operation;
import io.github.kvsdk.klaviyo.sandbox.internal.spec.Parameter;
import io.github.kvsdk.klaviyo.sandbox.internal.spec.SchemaInstances;
import io.github.kvsdk.klaviyo.sandbox.seed.SeedPlan;
import io.github.kvsdk.klaviyo.sandbox.testing.SandboxHttp;
import java.io.File;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import retrofit2.Call;
import retrofit2.Response;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/**
 * Calls every operation through the generated client (its Retrofit services and Moshi models): the request
 * body is made from the operation's request schema and read into the client's request model, the response
 * must have the documented status, validate against the spec ({@link SandboxHttp}'s interceptor) and be
 * read by the client's response model. The generated client cannot send a DELETE with a body (Retrofit
 * refuses {@code @Body} on {@code @DELETE}); those operations are counted apart.
 */
final class GeneratedClientE2ETest {
  private static final String API_PACKAGE = "io/github/kvsdk/klaviyo/generated/api/";
  private static final String PNG_BASE64 =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

  @Test
  void everyOperationWorksThroughTheGeneratedClient() throws Exception {
    ApiSpec spec = ApiSpec.packaged();
    SpecResources model = new SpecResources(spec);
    SchemaInstances instances = new SchemaInstances(spec.schemas());
    Map<String, Method> methods = generatedMethods();
    try (KlaviyoSandbox sandbox = KlaviyoSandbox.builder()
        .seed(SeedPlan.builder().profiles(5).lists(2).segments(2).events(5).campaigns(2).templates(2).images(2)
            .flows(2).forms(2).reviews(2).others(2).build())
        // A clock that stands still keeps every bulk job queued: a job applied during the run (a bulk delete,
        // a bulk import) would otherwise race the calls that pick ids and identifiers below.
        .clock(java.time.Clock.fixed(java.time.Instant.now(), java.time.ZoneOffset.UTC))
        .start()) {
      SandboxHttp http = new SandboxHttp(sandbox);
      Retrofit retrofit = new Retrofit.Builder()
          .baseUrl(sandbox.baseUrl() + "/")
          .client(http.client().newBuilder().addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
              .header("Authorization", "Klaviyo-API-Key " + sandbox.defaultApiKey()).build())).build())
          .addConverterFactory(MoshiConverterFactory.create(KlaviyoMoshi.shared()))
          .build();
      Map<Class<?>, Object> services = new HashMap<>();
      List<Operation> ops = new ArrayList<>(spec.operations());
      ops.sort(Comparator.comparingInt(op -> switch (op.method()) {
        case "POST" -> 0;
        case "GET" -> 1;
        case "PATCH" -> 2;
        default -> 3;
      }));
      List<String> failures = new ArrayList<>();
      List<String> notExpressible = new ArrayList<>();
      int passed = 0;
      for (Operation op : ops) {
        Method method = methods.get(camel(op.operationId()));
        if (method == null) {
          failures.add(op.operationId() + ": no method in the generated client");
          continue;
        }
        OperationShape shape = model.shape(op.operationId());
        Object service = services.computeIfAbsent(method.getDeclaringClass(), retrofit::create);
        try {
          Object[] args = arguments(method, op, shape, instances, sandbox);
          Response<?> response = ((Call<?>) method.invoke(service, args)).execute();
          boolean ok = response.code() == op.successStatus()
              || op.operationId().equals("create_or_update_profile") && response.isSuccessful();
          if (ok) {
            passed++;
          } else {
            failures.add(op.operationId() + " -> " + response.code() + " "
                + (response.errorBody() == null ? "" : abbreviate(response.errorBody().string())));
          }
        } catch (InvocationTargetException e) {
          // Retrofit refuses a body on @DELETE; the generated client would need @HTTP(method="DELETE",
          // hasBody=true). These operations are covered over raw HTTP by EveryOperationE2ETest.
          if (op.method().equals("DELETE") && op.requestSchema() != null
              && e.getCause() instanceof IllegalArgumentException
              && String.valueOf(e.getCause().getMessage()).contains("Non-body HTTP method cannot contain @Body")) {
            notExpressible.add(op.operationId());
          } else {
            failures.add(op.operationId() + ": " + e.getCause());
          }
        } catch (AssertionError | RuntimeException | java.io.IOException e) {
          failures.add(op.operationId() + ": " + abbreviate(String.valueOf(e)));
        }
      }
      assertThat(failures).as(failures.size() + " failures:\n" + String.join("\n", failures)).isEmpty();
      assertThat(passed + notExpressible.size()).isEqualTo(spec.operations().size());
      System.out.println("Operations passed through the generated client: " + passed + " of "
          + spec.operations().size() + "; not expressible by it (DELETE with a body): " + notExpressible);
    }
  }

  private static Object[] arguments(Method method, Operation op, OperationShape shape, SchemaInstances instances,
      KlaviyoSandbox sandbox) throws java.io.IOException {
    Annotation[][] annotations = method.getParameterAnnotations();
    Class<?>[] types = method.getParameterTypes();
    Object[] args = new Object[types.length];
    String path = EveryOperationE2ETest.path(op, shape, sandbox);
    for (int i = 0; i < types.length; i++) {
      for (Annotation a : annotations[i]) {
        if (a instanceof retrofit2.http.Path) {
          String type = shape.parentType() != null ? shape.parentType() : shape.type();
          args[i] = shape.relationship() != null
              ? EveryOperationE2ETest.idWithRelationship(sandbox, type, shape.relationship())
              : EveryOperationE2ETest.anyId(sandbox, type);
        } else if (a instanceof retrofit2.http.Header h && h.value().equals("revision")) {
          args[i] = sandbox.revision();
        } else if (a instanceof retrofit2.http.Query q) {
          args[i] = required(op, q.value()) ? switch (q.value()) {
            case "company_id" -> sandbox.account().id();
            case "filter" -> EveryOperationE2ETest.requiredFilter(op);
            default -> types[i] == String.class ? EveryOperationE2ETest.firstAllowed(schema(op, q.value())) : null;
          } : null;
        } else if (a instanceof retrofit2.http.Body) {
          String json = EveryOperationE2ETest.body(op, instances, sandbox, path, shape);
          args[i] = KlaviyoMoshi.shared().adapter(method.getGenericParameterTypes()[i]).fromJson(json);
        } else if (a instanceof retrofit2.http.Part && types[i] == MultipartBody.Part.class) {
          args[i] = MultipartBody.Part.createFormData("file", "pixel.png",
              RequestBody.create(Base64.getDecoder().decode(PNG_BASE64), MediaType.get("image/png")));
        }
      }
    }
    return args;
  }

  private static Map<String, Object> schema(Operation op, String name) {
    for (Parameter p : op.parameters()) {
      if (p.name().equals(name)) {
        return p.schema();
      }
    }
    return Map.of();
  }

  private static boolean required(Operation op, String name) {
    for (Parameter p : op.parameters()) {
      if (p.name().equals(name)) {
        return p.required();
      }
    }
    return false;
  }

  /** Every method of the generated service interfaces, by name. */
  private static Map<String, Method> generatedMethods() throws Exception {
    URI location = KlaviyoMoshi.class.getProtectionDomain().getCodeSource().getLocation().toURI();
    List<String> classNames = new ArrayList<>();
    File file = new File(location);
    if (file.isDirectory()) {
      try (Stream<Path> paths = Files.list(file.toPath().resolve(API_PACKAGE))) {
        paths.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("Api.class"))
            .forEach(n -> classNames.add(API_PACKAGE + n));
      }
    } else {
      try (JarFile jar = new JarFile(file)) {
        jar.stream().map(e -> e.getName()).filter(n -> n.startsWith(API_PACKAGE) && n.endsWith("Api.class"))
            .forEach(classNames::add);
      }
    }
    Map<String, Method> methods = new HashMap<>();
    for (String name : classNames) {
      Class<?> api = Class.forName(name.replace('/', '.').replace(".class", ""));
      for (Method m : api.getMethods()) {
        methods.put(m.getName(), m);
      }
    }
    return methods;
  }

  private static String camel(String operationId) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char c : operationId.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }

  private static String abbreviate(String text) {
    return text.length() > 400 ? text.substring(0, 400) + "..." : text;
  }
}
