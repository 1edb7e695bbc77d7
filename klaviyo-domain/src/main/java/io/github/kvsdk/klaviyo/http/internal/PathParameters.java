package io.github.kvsdk.klaviyo.http.internal;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import retrofit2.Converter;
import retrofit2.Retrofit;
import retrofit2.http.Path;

/**
 * Checks the values of path parameters ({@code {id}} in {@code /api/profiles/{id}}) before a request is built.
 * A value of {@code "."} or {@code ".."} would make the URL point at another resource (Retrofit refuses it
 * with a bare {@code IllegalArgumentException}), and an empty or blank one would turn Get Profile into List
 * Profiles; each is refused with a {@link KlaviyoValidationException} naming the parameter.
 *
 * <p>{@link #converterFactory()} applies the check to every {@code @Path} parameter of a Retrofit service;
 * add it before the JSON converter. Advanced API.
 */
public final class PathParameters {
  private static final Converter.Factory FACTORY = new Converter.Factory() {
    @Override
    public Converter<?, String> stringConverter(Type type, Annotation[] annotations, Retrofit retrofit) {
      for (Annotation annotation : annotations) {
        if (annotation instanceof Path path) {
          String name = path.value();
          return value -> check(name, String.valueOf(value));
        }
      }
      return null;
    }
  };

  private PathParameters() {}

  /** {@return a Retrofit converter factory that checks every {@code @Path} value with {@link #check}} */
  public static Converter.Factory converterFactory() {
    return FACTORY;
  }

  /**
   * {@return {@code value} if it can stand as one path segment}
   *
   * @param name the path parameter, named in the error
   * @param value the value
   * @throws KlaviyoValidationException naming {@code name} if {@code value} is null, blank, {@code "."} or
   *     {@code ".."}
   */
  public static String check(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new KlaviyoValidationException(name, "is required: a path parameter must not be null or blank");
    }
    if (value.equals(".") || value.equals("..")) {
      throw new KlaviyoValidationException(name, "must not be '.' or '..': as a path segment it would address "
          + "a different resource");
    }
    return value;
  }
}
