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

  static String route(Method method) {
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
    }
    throw new AssertionError(method + " has no HTTP method annotation");
  }
}
