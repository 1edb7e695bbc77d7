package io.github.kvsdk.klaviyo.generated;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonAdapter;
import io.github.kvsdk.klaviyo.generated.json.KlaviyoMoshi;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every component schema of the generator input (the spec's, and the documents named after operations)
 * survives JSON to model to JSON: each union branch, every nullable property as an
 * explicit null, free-form objects with large numbers and nulls. Trees compare numbers by value and
 * date-times by instant (the model writes ISO-8601 with an offset).
 */
class RoundTripTest {
  @Test
  void everyComponentSchemaRoundTripsWithoutLoss() throws Exception {
    Map<String, Object> schemas = Spec.generatorInputSchemas();
    SchemaSamples samples = new SchemaSamples(schemas);
    JsonAdapter<Object> trees = KlaviyoMoshi.shared().adapter(Object.class);
    List<String> failures = new ArrayList<>();
    int checked = 0;
    int instances = 0;

    Map<String, String> forms = Spec.formBodySchemas();
    for (String name : schemas.keySet()) {
      checked++;
      if (forms.containsKey(name)) {
        String problem = formParametersProblem(name, forms.get(name));
        if (problem != null) {
          failures.add(name + ": " + problem);
        }
        continue;
      }
      Class<?> model;
      try {
        model = Class.forName(Spec.modelClassName(name));
      } catch (ClassNotFoundException e) {
        failures.add(name + ": no generated class " + Spec.modelClassName(name));
        continue;
      }
      @SuppressWarnings("unchecked")
      JsonAdapter<Object> adapter = (JsonAdapter<Object>) KlaviyoMoshi.shared().adapter(model);
      int variants = samples.branchCount(name);
      for (int variant = 0; variant <= variants; variant++) {
        boolean nulls = variant == variants;
        Object input = samples.sample(name, nulls ? 0 : variant, nulls);
        String json = trees.toJson(input);
        instances++;
        try {
          Object output = trees.fromJson(adapter.toJson(adapter.fromJson(json)));
          String difference = difference("$", input, output);
          if (difference != null) {
            failures.add(name + (nulls ? " (nulls)" : " (variant " + variant + ")") + ": " + difference);
          }
        } catch (Exception e) {
          failures.add(name + (nulls ? " (nulls)" : " (variant " + variant + ")") + ": " + e);
        }
      }
    }

    System.out.printf("Round trip (%s): %d schemas, %d instances, %d failures%n",
        Spec.revision(), checked, instances, failures.size());
    assertThat(failures).as("schemas that do not round-trip").isEmpty();
    assertThat(Spec.schemas().keySet()).as("every schema of the spec is checked").isSubsetOf(schemas.keySet());
  }

  /**
   * A form-body schema has no model class: each of its properties must be a {@code @Part} or
   * {@code @Field} parameter of the operation's method instead.
   */
  @SuppressWarnings("unchecked")
  private static String formParametersProblem(String schemaName, String operationId) throws Exception {
    Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) Spec.schemas().get(schemaName)).get("properties");
    String methodName = Spec.methodName(operationId);
    for (Class<?> api : GeneratedClasses.in(Spec.API_PACKAGE)) {
      for (java.lang.reflect.Method method : api.getDeclaredMethods()) {
        if (!method.getName().equals(methodName)) {
          continue;
        }
        int formParameters = 0;
        for (java.lang.annotation.Annotation[] annotations : method.getParameterAnnotations()) {
          for (java.lang.annotation.Annotation a : annotations) {
            if (a instanceof retrofit2.http.Part || a instanceof retrofit2.http.Field) {
              formParameters++;
            }
          }
        }
        return formParameters == properties.size()
            ? null
            : methodName + " has " + formParameters + " form parameters for " + properties.size() + " properties";
      }
    }
    return "no generated method " + methodName;
  }

  /** Null when the trees are equal; otherwise where and how they differ. */
  private static String difference(String path, Object expected, Object actual) {
    if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
      for (Object key : e.keySet()) {
        if (!a.containsKey(key)) {
          return path + "." + key + " is missing";
        }
        String d = difference(path + "." + key, e.get(key), a.get(key));
        if (d != null) {
          return d;
        }
      }
      for (Object key : a.keySet()) {
        if (!e.containsKey(key)) {
          return path + "." + key + " was added";
        }
      }
      return null;
    }
    if (expected instanceof List<?> e && actual instanceof List<?> a) {
      if (e.size() != a.size()) {
        return path + " has " + a.size() + " items, expected " + e.size();
      }
      Iterator<?> i = e.iterator();
      Iterator<?> j = a.iterator();
      for (int index = 0; i.hasNext(); index++) {
        String d = difference(path + "[" + index + "]", i.next(), j.next());
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (expected instanceof BigDecimal e && actual instanceof BigDecimal a) {
      return e.compareTo(a) == 0 ? null : path + " is " + a + ", expected " + e;
    }
    if (expected instanceof String e && actual instanceof String a && !e.equals(a)) {
      return SchemaSamples.isDateTime(e) && SchemaSamples.isDateTime(a) && instant(e).equals(instant(a))
          ? null
          : path + " is \"" + a + "\", expected \"" + e + "\"";
    }
    return java.util.Objects.equals(expected, actual) ? null : path + " is " + actual + ", expected " + expected;
  }

  private static java.time.Instant instant(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    }
  }
}
