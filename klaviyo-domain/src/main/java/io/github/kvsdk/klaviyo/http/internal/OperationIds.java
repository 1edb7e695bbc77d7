package io.github.kvsdk.klaviyo.http.internal;

import io.github.kvsdk.klaviyo.catalog.Operation;
import io.github.kvsdk.klaviyo.catalog.OperationCatalog;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import okhttp3.Request;
import retrofit2.Invocation;

/**
 * Names the spec operation a request calls. A request made through a generated Retrofit service carries the
 * service method ({@link Invocation} tag), whose name is the camel-cased operation id; any other request (raw
 * requests, services of the user's own) is matched by method and path against the operation catalogue.
 */
final class OperationIds {
  /** The id of a request that matches no operation of the catalogue. */
  public static final String UNKNOWN = "unknown";

  private static final ConcurrentMap<Method, String> BY_METHOD = new ConcurrentHashMap<>();

  private OperationIds() {}

  /** The operation id of {@code request}, such as {@code get_profiles}; {@value #UNKNOWN} if none fits. */
  public static String of(Request request) {
    Invocation invocation = request.tag(Invocation.class);
    if (invocation == null) return byPath(request);
    String id = BY_METHOD.get(invocation.method());
    if (id != null) return id;
    String byName = ByName.INSTANCE.get(invocation.method().getName());
    // A service method's path template is fixed, so whichever way it was found the answer holds for it.
    return BY_METHOD.computeIfAbsent(invocation.method(), m -> byName != null ? byName : byPath(request));
  }

  private static String byPath(Request request) {
    String path = request.url().encodedPath();
    Optional<Operation> found = OperationCatalog.packaged().find(request.method(), path);
    if (found.isEmpty()) {
      // A base URL with a path prefix (a proxy, say): match from the API's own root.
      int api = Math.max(path.indexOf("/api/"), path.indexOf("/client/"));
      if (api > 0) found = OperationCatalog.packaged().find(request.method(), path.substring(api));
    }
    return found.map(Operation::operationId).orElse(UNKNOWN);
  }

  /** {@code getProfiles} to {@code get_profiles}, for every operation of the catalogue. */
  private static final class ByName {
    static final Map<String, String> INSTANCE = load();

    private static Map<String, String> load() {
      Map<String, String> byName = new HashMap<>();
      for (Operation operation : OperationCatalog.packaged().operations()) {
        byName.put(camelCase(operation.operationId()), operation.operationId());
      }
      return Map.copyOf(byName);
    }

    private static String camelCase(String snake) {
      StringBuilder out = new StringBuilder(snake.length());
      boolean upper = false;
      for (int i = 0; i < snake.length(); i++) {
        char c = snake.charAt(i);
        if (c == '_') {
          upper = true;
        } else {
          out.append(upper ? Character.toUpperCase(c) : c);
          upper = false;
        }
      }
      return out.toString();
    }
  }
}
