package io.github.kvsdk.klaviyo.generated;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import retrofit2.http.Body;

/**
 * The types user code names for an operation are named after its operationId, whatever the revision calls
 * the schemas: {@code get_profiles} takes a {@code GetProfilesRequest} (if it has a JSON body), returns a
 * {@code GetProfilesResult} whose {@code data} is {@code GetProfilesResultData} (or a list of them).
 *
 * <p>Also writes {@code target/operation-types/REVISION.tsv} (operationId, request, result, data), which
 * {@code bin/compare-operation-types.sh} compares across revisions.
 */
class OperationTypesTest {
  @Test
  @SuppressWarnings("unchecked")
  void everyOperationsDocumentsAreNamedAfterItsOperationId() throws IOException {
    Map<String, Method> methods = new TreeMap<>();
    for (Class<?> api : GeneratedClasses.in(Spec.API_PACKAGE)) {
      for (Method method : api.getDeclaredMethods()) {
        methods.put(method.getName(), method);
      }
    }
    List<String> rows = new ArrayList<>();
    List<String> misnamed = new ArrayList<>();
    int documents = 0;
    for (Object pathItem : Spec.paths().values()) {
      for (Map.Entry<String, Object> entry : ((Map<String, Object>) pathItem).entrySet()) {
        if (!entry.getKey().matches("get|post|put|patch|delete")) continue;
        Map<String, Object> operation = (Map<String, Object>) entry.getValue();
        String operationId = (String) operation.get("operationId");
        Method method = methods.get(Spec.methodName(operationId));
        assertThat(method).as(operationId).isNotNull();
        String base = Spec.modelClassName(operationId).substring(Spec.MODEL_PACKAGE.length() + 1);

        String request = simpleName(bodyType(method));
        String result = simpleName(resultType(method));
        String data = simpleName(dataType(resultType(method)));
        rows.add(operationId + "\t" + request + "\t" + result + "\t" + data);

        if (hasJsonBody(operation)) {
          documents++;
          if (!isNamed(request, base, "Request")) misnamed.add(operationId + " takes " + request);
        }
        if (resultType(method) != Void.class) {
          documents++;
          if (!isNamed(result, base, "Result")) misnamed.add(operationId + " returns " + result);
          if (!data.isEmpty() && !isNamed(data, base, "ResultData")) misnamed.add(operationId + " data is " + data);
        }
      }
    }
    Path listing = Path.of("target", "operation-types", Spec.revision() + ".tsv");
    Files.createDirectories(listing.getParent());
    rows.sort(null);
    Files.write(listing, rows);
    System.out.printf("Operation types (%s): %d operations, %d documents named after their operationId -> %s%n",
        Spec.revision(), rows.size(), documents, listing);
    assertThat(misnamed).isEmpty();
    assertThat(documents).isPositive();
  }

  /** The name, or the name with {@code Operation} before the suffix (used when a revision's schema clashes). */
  private static boolean isNamed(String actual, String base, String suffix) {
    return actual.equals(base + suffix) || actual.equals(base + "Operation" + suffix);
  }

  @SuppressWarnings("unchecked")
  private static boolean hasJsonBody(Map<String, Object> operation) {
    return operation.get("requestBody") instanceof Map<?, ?> body
        && ((Map<String, Object>) body.get("content")).keySet().stream().anyMatch(t -> t.contains("json"));
  }

  private static Type bodyType(Method method) {
    Annotation[][] annotations = method.getParameterAnnotations();
    for (int i = 0; i < annotations.length; i++) {
      for (Annotation a : annotations[i]) {
        if (a instanceof Body) return method.getGenericParameterTypes()[i];
      }
    }
    return null;
  }

  private static Type resultType(Method method) {
    return ((ParameterizedType) method.getGenericReturnType()).getActualTypeArguments()[0];
  }

  /** The type of a document's {@code data}, or of each of its elements; null if it has none. */
  private static Type dataType(Type document) {
    if (!(document instanceof Class<?> type)) return null;
    Method getter;
    try {
      getter = type.getMethod("getData");
    } catch (NoSuchMethodException e) {
      return null;
    }
    Type data = getter.getGenericReturnType();
    return data instanceof ParameterizedType list && list.getRawType() == List.class
        ? list.getActualTypeArguments()[0]
        : data;
  }

  private static String simpleName(Type type) {
    if (type == null) return "";
    return type instanceof Class<?> c ? c.getSimpleName() : type.getTypeName().replaceAll("[\\w.]+\\.", "");
  }
}
