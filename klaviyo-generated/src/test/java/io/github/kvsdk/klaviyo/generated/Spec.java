package io.github.kvsdk.klaviyo.generated;

import io.github.kvsdk.klaviyo.generated.json.KlaviyoMoshi;
import io.github.kvsdk.klaviyo.openapi.KlaviyoOpenApiSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import okio.Okio;

/** The spec the module was generated from, read once as a JSON tree. */
final class Spec {
  static final String MODEL_PACKAGE = "io.github.kvsdk.klaviyo.generated.model";
  static final String API_PACKAGE = "io.github.kvsdk.klaviyo.generated.api";

  /** Where the openapi artifact packages the document the client was generated from. */
  private static final String GENERATOR_INPUT = "/io/github/kvsdk/klaviyo/openapi/klaviyo-openapi.generator-input.json";

  private static final Map<String, Object> ROOT = load();
  private static Map<String, Object> generatorInput;

  private Spec() {
  }

  static String revision() {
    return KlaviyoOpenApiSpec.packaged().revision();
  }

  static Map<String, Object> root() {
    return ROOT;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> paths() {
    return (Map<String, Object>) ROOT.get("paths");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> schemas() {
    return (Map<String, Object>) ((Map<String, Object>) ROOT.get("components")).get("schemas");
  }

  /**
   * The component schemas of the document the client was generated from: the spec's, restated where the
   * generator needs it, plus the documents named after each operation.
   */
  @SuppressWarnings("unchecked")
  static synchronized Map<String, Object> generatorInputSchemas() {
    if (generatorInput == null) {
      try (var source = Okio.buffer(Okio.source(Spec.class.getResourceAsStream(GENERATOR_INPUT)))) {
        generatorInput = (Map<String, Object>) KlaviyoMoshi.shared().adapter(Object.class).fromJson(source);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return (Map<String, Object>) ((Map<String, Object>) generatorInput.get("components")).get("schemas");
  }

  /**
   * Schemas used as {@code multipart/form-data} or form-encoded request bodies, by name, with the
   * operationId that takes them. The generator binds these as form parameters, not as a model class.
   */
  @SuppressWarnings("unchecked")
  static Map<String, String> formBodySchemas() {
    Map<String, String> forms = new java.util.TreeMap<>();
    for (Object pathItem : paths().values()) {
      for (Object operation : ((Map<String, Object>) pathItem).values()) {
        if (!(operation instanceof Map<?, ?> op) || !(op.get("requestBody") instanceof Map<?, ?> body)) {
          continue;
        }
        Map<String, Object> content = (Map<String, Object>) body.get("content");
        for (String mediaType : List.of("multipart/form-data", "application/x-www-form-urlencoded")) {
          if (content.get(mediaType) instanceof Map<?, ?> media
              && ((Map<String, Object>) media.get("schema")).get("$ref") instanceof String ref) {
            forms.put(ref.substring(ref.lastIndexOf('/') + 1), (String) op.get("operationId"));
          }
        }
      }
    }
    return forms;
  }

  /** The generator's method naming for an operationId. */
  static String methodName(String operationId) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char c : operationId.toCharArray()) {
      if (c == '_' || c == '-') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }

  /** The generator's model naming: underscores and punctuation dropped, each part capitalised. */
  static String modelClassName(String schemaName) {
    StringBuilder out = new StringBuilder();
    for (String part : schemaName.split("[^A-Za-z0-9]+")) {
      if (!part.isEmpty()) {
        out.append(Character.toUpperCase(part.charAt(0))).append(part, 1, part.length());
      }
    }
    return MODEL_PACKAGE + "." + out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> load() {
    try (var source = Okio.buffer(Okio.source(KlaviyoOpenApiSpec.packaged().open()))) {
      return (Map<String, Object>) KlaviyoMoshi.shared().adapter(Object.class).fromJson(source);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
