package io.github.kvsdk.klaviyo.codegen.facade;

import io.github.kvsdk.klaviyo.openapi.catalog.Operation;
import io.github.kvsdk.klaviyo.openapi.catalog.Parameter.Location;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import retrofit2.http.Body;
import retrofit2.http.DELETE;
import retrofit2.http.GET;
import retrofit2.http.HTTP;
import retrofit2.http.Header;
import retrofit2.http.PATCH;
import retrofit2.http.POST;
import retrofit2.http.PUT;
import retrofit2.http.Part;
import retrofit2.http.Path;
import retrofit2.http.Query;

/**
 * One operation as the facade sees it: the generated Retrofit method (its parameters in order, their Java
 * types and names, its response type) joined with the catalogue's operation: its id, prose and which inputs
 * the spec requires.
 */
final class FacadeOperation {
  /** Where a Retrofit parameter goes in the request. */
  enum Kind { REVISION, HEADER, PATH, QUERY, BODY, PART }

  /** One parameter of the Retrofit method, in order. */
  record Param(Kind kind, String apiName, String javaName, Type type, boolean required) {
    /** The builder method's name: {@code body}, or the generated parameter name without a leading underscore. */
    String setterName() {
      // The generator names a body parameter after its schema; "body" survives a renamed schema.
      if (kind == Kind.BODY) return "body";
      String name = javaName.startsWith("_") ? javaName.substring(1) : javaName;
      return SourceNames.safeIdentifier(name);
    }
  }

  final Method method;
  final Operation operation;
  final List<Param> params;
  final Type responseType;

  private FacadeOperation(Method method, Operation operation, List<Param> params, Type responseType) {
    this.method = method;
    this.operation = operation;
    this.params = params;
    this.responseType = responseType;
  }

  /** The HTTP method and relative path of a Retrofit service method, or empty if it has none. */
  static Optional<String[]> route(Method method) {
    for (Annotation a : method.getAnnotations()) {
      if (a instanceof GET g) return Optional.of(new String[] {"GET", g.value()});
      if (a instanceof POST p) return Optional.of(new String[] {"POST", p.value()});
      if (a instanceof PATCH p) return Optional.of(new String[] {"PATCH", p.value()});
      if (a instanceof PUT p) return Optional.of(new String[] {"PUT", p.value()});
      if (a instanceof DELETE d) return Optional.of(new String[] {"DELETE", d.value()});
      if (a instanceof HTTP h) return Optional.of(new String[] {h.method().toUpperCase(Locale.ROOT), h.path()});
    }
    return Optional.empty();
  }

  static FacadeOperation of(Method method, Operation operation) {
    List<Param> params = new ArrayList<>();
    for (Parameter parameter : method.getParameters()) {
      if (!parameter.isNamePresent()) {
        throw new IllegalStateException("Compile klaviyo-generated with -parameters: " + method);
      }
      Type type = parameter.getParameterizedType();
      String name = parameter.getName();
      Param param = null;
      for (Annotation a : parameter.getAnnotations()) {
        if (a instanceof Header h) {
          param = "revision".equalsIgnoreCase(h.value())
              ? new Param(Kind.REVISION, h.value(), name, type, true)
              : new Param(Kind.HEADER, h.value(), name, type, false);
        } else if (a instanceof Path p) {
          param = new Param(Kind.PATH, p.value(), name, type, true);
        } else if (a instanceof Query q) {
          param = new Param(Kind.QUERY, q.value(), name, type, queryRequired(operation, q.value()));
        } else if (a instanceof Body) {
          param = new Param(Kind.BODY, "body", name, type, operation.requestBodyRequired());
        } else if (a instanceof Part p) {
          param = new Param(Kind.PART, p.value(), name, type, false);
        }
      }
      if (param == null) throw new IllegalStateException("Unsupported parameter " + name + " of " + method);
      params.add(param);
    }
    Type returnType = method.getGenericReturnType();
    if (!(returnType instanceof ParameterizedType call)) {
      throw new IllegalStateException("Not a Call<T>: " + method);
    }
    return new FacadeOperation(method, operation, List.copyOf(params), call.getActualTypeArguments()[0]);
  }

  /** True if the spec marks the query parameter {@code name} required; false if it does not declare it. */
  private static boolean queryRequired(Operation operation, String name) {
    return operation.parameters().stream()
        .anyMatch(p -> p.location() == Location.QUERY && p.name().equals(name) && p.required());
  }

  /** The spec's description of the path or query parameter {@code apiName}, or "" if it has none. */
  String parameterDescription(String apiName) {
    String description = "";
    for (var p : operation.parameters()) {
      boolean pathOrQuery = p.location() == Location.PATH || p.location() == Location.QUERY;
      if (pathOrQuery && p.name().equals(apiName) && !p.description().isEmpty()) description = p.description();
    }
    return description;
  }

  String operationId() {
    return operation.operationId();
  }

  /** The service method's name, the generated client's camel-case operation id. */
  String methodName() {
    return method.getName();
  }

  /** The params type's simple name: the operation id in Pascal case plus {@code Params}. */
  String paramsName() {
    return SourceNames.pascal(operation.operationId()) + "Params";
  }

  boolean returnsNothing() {
    return responseType == Void.class;
  }

  Optional<Param> query(String apiName) {
    return params.stream().filter(p -> p.kind() == Kind.QUERY && p.apiName().equals(apiName)).findFirst();
  }

  boolean hasRequiredInput() {
    return params.stream().anyMatch(p -> p.kind() != Kind.REVISION && p.required());
  }

  /** The query parameters a page cursor goes in: {@code page[cursor]} for listings, {@code page_cursor} for reports. */
  static final List<String> CURSOR_PARAMETERS = List.of("page[cursor]", "page_cursor");

  /** True if {@code param} is the operation's page cursor. */
  static boolean isCursor(Param param) {
    return param.kind() == Kind.QUERY && CURSOR_PARAMETERS.contains(param.apiName());
  }

  /** The page cursor parameter, if the operation takes one. */
  Optional<Param> cursor() {
    return params.stream().filter(FacadeOperation::isCursor).findFirst();
  }

  /**
   * Present when the operation answers a page at a time behind a cursor, but each page is one result document
   * instead of a list of resources: Klaviyo's reports ({@code page_cursor}), whose {@code data} is an object
   * holding that page's results. Their schemas declare no links; the pager reads {@code links.next} from the
   * response. Empty for the {@linkplain #paging() listings}.
   */
  Optional<ResultPaging> resultPaging() {
    if (cursor().isEmpty() || paging().isPresent() || !(responseType instanceof Class<?> response)) {
      return Optional.empty();
    }
    try {
      if (response.getMethod("getData").getGenericReturnType() instanceof Class<?> data
          && !data.isPrimitive() && !data.isArray() && !Iterable.class.isAssignableFrom(data)
          && !Map.class.isAssignableFrom(data) && data != Object.class) {
        return Optional.of(new ResultPaging(response, data));
      }
    } catch (NoSuchMethodException e) {
      // No data: nothing to page.
    }
    return Optional.empty();
  }

  /** How a report's result page is read: the response document and the type of its {@code data}. */
  record ResultPaging(Class<?> response, Class<?> data) {}

  /** Present when the operation lists resources a page at a time behind {@code page[cursor]}. */
  Optional<Paging> paging() {
    if (query("page[cursor]").isEmpty() || !(responseType instanceof Class<?> response)) return Optional.empty();
    try {
      Method data = response.getMethod("getData");
      // Klaviyo's relationship listings declare no links in their schema though the documents carry them:
      // the pager then reads links.next from the response itself.
      Class<?> linksType = null;
      try {
        linksType = response.getMethod("getLinks").getReturnType();
      } catch (NoSuchMethodException ignored) {
        // No declared links.
      }
      if (!(data.getGenericReturnType() instanceof ParameterizedType list)
          || list.getRawType() != List.class) {
        return Optional.empty();
      }
      Method included = null;
      try {
        included = response.getMethod("getIncluded");
        if (included.getReturnType() != List.class) included = null;
      } catch (NoSuchMethodException ignored) {
        // A listing without included resources.
      }
      return Optional.of(new Paging(response, list.getActualTypeArguments()[0], linksType, included != null));
    } catch (NoSuchMethodException e) {
      return Optional.empty();
    }
  }

  /**
   * How a paginated response is read: its item type, its links type (null if the schema declares none) and
   * whether it has included resources.
   */
  record Paging(Class<?> response, Type item, Class<?> links, boolean hasIncluded) {
    /** The links getter for {@code name} ({@code self}, {@code next}...) if the links type has a String one. */
    boolean hasLink(String name) {
      if (links == null) return false;
      try {
        return links.getMethod("get" + Character.toUpperCase(name.charAt(0)) + name.substring(1)).getReturnType()
            == String.class;
      } catch (NoSuchMethodException e) {
        return false;
      }
    }
  }
}
