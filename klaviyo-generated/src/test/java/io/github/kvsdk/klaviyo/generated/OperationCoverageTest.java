package io.github.kvsdk.klaviyo.generated;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import retrofit2.http.DELETE;
import retrofit2.http.GET;
import retrofit2.http.HTTP;
import retrofit2.http.PATCH;
import retrofit2.http.POST;
import retrofit2.http.PUT;
import retrofit2.http.Path;

/** The generated Retrofit methods are exactly the spec's operations, each with its method and path. */
class OperationCoverageTest {
  @Test
  void generatedMethodsAreExactlyTheSpecOperations() {
    Map<String, String> expected = specOperations();
    Map<String, String> actual = generatedOperations();

    System.out.printf("Operations (%s): %d in the spec, %d generated%n", Spec.revision(), expected.size(), actual.size());
    assertThat(expected).isNotEmpty();
    assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
  }

  @Test
  void everyPathParameterIsBoundByName() {
    for (Class<?> api : GeneratedClasses.in(Spec.API_PACKAGE)) {
      for (Method method : api.getDeclaredMethods()) {
        String path = route(method).split(" ", 2)[1];
        var placeholders = new TreeSet<String>();
        var matcher = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path);
        while (matcher.find()) {
          placeholders.add(matcher.group(1));
        }
        var bound = new TreeSet<String>();
        for (Annotation[] parameter : method.getParameterAnnotations()) {
          for (Annotation a : parameter) {
            if (a instanceof Path p) {
              bound.add(p.value());
            }
          }
        }
        assertThat(bound).as(api.getSimpleName() + "." + method.getName()).isEqualTo(placeholders);
      }
    }
  }

  /** operationId, camel-cased as the generator names methods, to "METHOD /path". */
  @SuppressWarnings("unchecked")
  private static Map<String, String> specOperations() {
    Map<String, String> operations = new TreeMap<>();
    for (Map.Entry<String, Object> path : Spec.paths().entrySet()) {
      for (Map.Entry<String, Object> op : ((Map<String, Object>) path.getValue()).entrySet()) {
        if (!op.getKey().matches("get|post|put|patch|delete")) {
          continue;
        }
        String operationId = (String) ((Map<String, Object>) op.getValue()).get("operationId");
        operations.put(Spec.methodName(operationId), op.getKey().toUpperCase() + " " + path.getKey());
      }
    }
    return operations;
  }

  private static Map<String, String> generatedOperations() {
    Map<String, String> operations = new TreeMap<>();
    for (Class<?> api : GeneratedClasses.in(Spec.API_PACKAGE)) {
      for (Method method : api.getDeclaredMethods()) {
        String previous = operations.put(method.getName(), route(method));
        assertThat(previous).as("duplicate method " + method.getName()).isNull();
      }
    }
    return operations;
  }

  @Test
  void everyMethodWithABodyCanBeCalledEvenWhenItIsADelete() throws Exception {
    // Retrofit validates the annotations when a service method is first parsed: @DELETE with @Body fails.
    retrofit2.Retrofit retrofit = new retrofit2.Retrofit.Builder().baseUrl("http://localhost/")
        .addConverterFactory(new retrofit2.Converter.Factory() {
          // Only the request line matters here: bodies are empty, responses never read.
          @Override
          public retrofit2.Converter<?, okhttp3.RequestBody> requestBodyConverter(java.lang.reflect.Type type,
              Annotation[] parameterAnnotations, Annotation[] methodAnnotations, retrofit2.Retrofit r) {
            return value -> okhttp3.RequestBody.create(new byte[0]);
          }

          @Override
          public retrofit2.Converter<okhttp3.ResponseBody, ?> responseBodyConverter(java.lang.reflect.Type type,
              Annotation[] annotations, retrofit2.Retrofit r) {
            return body -> null;
          }
        })
        .build();
    int deletesWithBody = 0;
    for (Class<?> api : GeneratedClasses.in(Spec.API_PACKAGE)) {
      Object service = retrofit.create(api);
      for (Method method : api.getDeclaredMethods()) {
        Object[] args = new Object[method.getParameterCount()];
        boolean hasBody = false;
        for (int i = 0; i < args.length; i++) {
          for (Annotation a : method.getParameterAnnotations()[i]) {
            if (a instanceof retrofit2.http.Body) {
              hasBody = true;
              args[i] = method.getParameterTypes()[i].getConstructor().newInstance();
            }
            if (a instanceof retrofit2.http.Path || a instanceof retrofit2.http.Header) args[i] = "x";
          }
          if (args[i] == null && method.getParameterTypes()[i] == okhttp3.MultipartBody.Part.class) {
            args[i] = okhttp3.MultipartBody.Part.createFormData("file", "f", okhttp3.RequestBody.create(new byte[1]));
          }
        }
        if (hasBody && route(method).startsWith("DELETE")) deletesWithBody++;
        Object call = method.invoke(service, args);
        assertThat(((retrofit2.Call<?>) call).request().method()).isEqualTo(route(method).split(" ")[0]);
      }
    }
    System.out.printf("DELETE operations with a body (%s): %d%n", Spec.revision(), deletesWithBody);
  }

  static String route(Method method) {
    // Operations with a body are declared with @HTTP: Retrofit refuses a body on @DELETE.
    if (method.getAnnotation(GET.class) != null) {
      return "GET /" + method.getAnnotation(GET.class).value();
    } else if (method.getAnnotation(POST.class) != null) {
      return "POST /" + method.getAnnotation(POST.class).value();
    } else if (method.getAnnotation(PATCH.class) != null) {
      return "PATCH /" + method.getAnnotation(PATCH.class).value();
    } else if (method.getAnnotation(PUT.class) != null) {
      return "PUT /" + method.getAnnotation(PUT.class).value();
    } else if (method.getAnnotation(DELETE.class) != null) {
      return "DELETE /" + method.getAnnotation(DELETE.class).value();
    } else if (method.getAnnotation(HTTP.class) != null) {
      return method.getAnnotation(HTTP.class).method() + " /" + method.getAnnotation(HTTP.class).path();
    }
    throw new AssertionError(method + " has no HTTP method annotation");
  }
}
