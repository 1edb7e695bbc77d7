package io.github.kvsdk.klaviyo.api.internal;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.filter.Filter;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import io.github.kvsdk.klaviyo.query.QueryOptions;

/** Checks the generated params types run on their inputs. Internal: not for use outside the SDK. */
public final class ParamsChecks {
  private ParamsChecks() {}

  /** A list-valued query parameter: not null, no null or blank element; the list is copied. */
  public static List<String> values(String parameter, String... values) {
    if (values == null) throw new KlaviyoValidationException(parameter, "must not be null");
    return values(parameter, Arrays.asList(values));
  }

  /** A list-valued query parameter: not null, no null or blank element; the list is copied. */
  public static List<String> values(String parameter, Collection<String> values) {
    if (values == null) throw new KlaviyoValidationException(parameter, "must not be null");
    for (String value : values) {
      if (value == null || value.isBlank()) {
        throw new KlaviyoValidationException(parameter, "must not contain a null or blank value");
      }
    }
    return List.copyOf(values);
  }

  /** A filter given in Klaviyo's syntax, parsed now so a syntax error names the filter before sending. */
  public static Filter filter(String expression) {
    if (expression == null) throw new KlaviyoValidationException("filter", "must not be null");
    return Filter.parse(expression);
  }

  /** A path value: required, not blank, and not a dot segment that would change the path. */
  public static void pathValue(String parameter, String value) {
    if (value == null || value.isBlank()) {
      throw new KlaviyoValidationException(parameter, "is required and must not be blank");
    }
    if (value.equals(".") || value.equals("..")) {
      throw new KlaviyoValidationException(parameter, "must not be '.' or '..'");
    }
  }

  /** A required input. */
  public static void required(String parameter, Object value) {
    if (value == null) throw new KlaviyoValidationException(parameter, "is required");
  }

  /**
   * Throws unless every value of {@code options} went to a parameter of {@code operationId}: {@code taken}
   * names the parameters that took one.
   */
  public static void allTaken(String operationId, QueryOptions options, Set<String> taken) {
    for (String parameter : options.toQueryParameters().keySet()) {
      if (!taken.contains(parameter)) {
        throw new KlaviyoValidationException(parameter, "is not a parameter of " + operationId);
      }
    }
  }

  /** The params object itself. */
  public static void requireNonNull(Object params, String name) {
    if (params == null) throw new KlaviyoValidationException(name, "must not be null");
  }
}
