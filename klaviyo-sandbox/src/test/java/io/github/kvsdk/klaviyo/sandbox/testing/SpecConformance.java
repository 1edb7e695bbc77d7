package io.github.kvsdk.klaviyo.sandbox.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import io.github.kvsdk.klaviyo.openapi.KlaviyoOpenApiSpec;
import io.github.kvsdk.klaviyo.sandbox.internal.spec.ApiSpec;
import io.github.kvsdk.klaviyo.sandbox.internal.spec.Operation;
import io.github.kvsdk.klaviyo.sandbox.internal.spec.PathRouter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates response bodies against the pinned spec's response schema for the operation, with
 * networknt's OpenAPI 3.0 dialect (which understands {@code nullable}).
 *
 * <p>One deliberate relaxation: the spec declares several {@code oneOf}s whose alternatives overlap
 * completely (email vs SMS send options, tracking options and message content have no required or
 * distinguishing members), so any valid object matches both and a strict {@code oneOf} rejects every real
 * Klaviyo response. The validator therefore reads {@code oneOf} as {@code anyOf}.
 */
public final class SpecConformance {
  private static final String SPEC_URI = "https://spec.sandbox.local/klaviyo-openapi.json";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static volatile SpecConformance instance;

  private final JsonSchemaFactory factory;
  private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
  private final String clientErrorRef;
  private final String serverErrorRef;

  private SpecConformance() {
    try {
      JsonNode root = MAPPER.readTree(KlaviyoOpenApiSpec.packaged().readAllBytes());
      relaxOneOf(root);
      String text = MAPPER.writeValueAsString(root);
      clientErrorRef = errorSchemaRef(root, "ClientError");
      serverErrorRef = errorSchemaRef(root, "ServerError");
      factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4, builder -> builder
          .metaSchema(OpenApi30.getInstance())
          .defaultMetaSchemaIri(OpenApi30.getInstance().getIri())
          .schemaLoaders(loaders -> loaders.schemas(Map.of(SPEC_URI, text))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static SpecConformance get() {
    SpecConformance result = instance;
    if (result == null) {
      synchronized (SpecConformance.class) {
        result = instance;
        if (result == null) {
          instance = result = new SpecConformance();
        }
      }
    }
    return result;
  }

  /**
   * Problems of {@code body} against the schema of the operation serving {@code method path} for
   * {@code status}; empty when it conforms or when the spec declares no body schema for it.
   */
  public Set<ValidationMessage> problems(String method, String path, int status, String body) {
    PathRouter.Match match = ApiSpec.packaged().match(method, path);
    if (match == null) {
      return Set.of();
    }
    Operation op = match.operation();
    String ref;
    if (status >= 200 && status < 300) {
      ref = op.successSchemaRef();
    } else if (status >= 400 && status < 500) {
      ref = clientErrorRef;
    } else if (status >= 500) {
      ref = serverErrorRef;
    } else {
      ref = null;
    }
    if (ref == null || body == null || body.isEmpty()) {
      return Set.of();
    }
    JsonSchema schema = schemas.computeIfAbsent(ref, r -> factory.getSchema(SchemaLocation.of(SPEC_URI + r),
        SchemaValidatorsConfig.builder().build()));
    try {
      return schema.validate(MAPPER.readTree(body));
    } catch (IOException e) {
      throw new AssertionError("Response body of " + method + " " + path + " is not JSON: " + body, e);
    }
  }

  /** The schema {@code $ref} used for a success response of {@code operationId}. */
  public String successRef(String operationId) {
    return ApiSpec.packaged().operation(operationId).successSchemaRef();
  }

  /** The JSON pointer of the inline schema of a shared error response, or null. */
  private static String errorSchemaRef(JsonNode root, String name) {
    JsonNode content = root.at("/components/responses/" + name + "/content");
    if (content.isMissingNode() || content.isEmpty()) {
      return null;
    }
    String mediaType = content.fieldNames().next();
    return "#/components/responses/" + name + "/content/" + mediaType.replace("~", "~0").replace("/", "~1")
        + "/schema";
  }

  private static void relaxOneOf(JsonNode node) {
    if (node instanceof ObjectNode object) {
      if (object.has("oneOf")) {
        object.set("anyOf", object.remove("oneOf"));
      }
      for (Iterator<JsonNode> it = object.elements(); it.hasNext(); ) {
        relaxOneOf(it.next());
      }
    } else if (node.isArray()) {
      node.forEach(SpecConformance::relaxOneOf);
    }
  }
}
