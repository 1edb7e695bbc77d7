package io.github.kvsdk.klaviyo.openapi.catalog;

import com.squareup.moshi.JsonReader;
import io.github.kvsdk.klaviyo.openapi.KlaviyoOpenApiSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okio.Okio;

/**
 * Every operation of one Klaviyo API revision with the facts its spec states about it, including those
 * stated only in prose: filter fields and operators, required filters, fixed page sizes and the stricter
 * quotas of additional fields. This is the one place those facts are read from the spec; the SDK's
 * catalogue, the sandbox and the poller all derive from it.
 *
 * <p>What cannot be read degrades instead of failing: an unknown query parameter is left unvalidated, a
 * reworded filter description leaves the filter {@linkplain FilterRules#checked() unchecked}, an unreadable
 * page-size statement leaves the page size unknown; each adds a line to {@link #warnings()}. A document
 * that is not an OpenAPI document of Klaviyo's shape, or an unreadable rate limit, throws {@link
 * SpecShapeException}.
 */
public final class OperationCatalog {
  private final String revision;
  private final List<Operation> operations;
  private final Map<String, Operation> byId;
  private final List<String> warnings;

  OperationCatalog(String revision, List<Operation> operations, List<String> warnings) {
    this.revision = revision;
    this.operations = List.copyOf(operations);
    Map<String, Operation> index = new LinkedHashMap<>();
    for (Operation operation : operations) index.put(operation.operationId(), operation);
    this.byId = Collections.unmodifiableMap(index);
    this.warnings = List.copyOf(warnings);
  }

  /** {@return the catalogue of the spec packaged in this artifact, built on first call} */
  public static OperationCatalog packaged() {
    return Packaged.INSTANCE;
  }

  /**
   * {@return the catalogue of an OpenAPI document}
   *
   * @param openApiDocument the document as JSON (UTF-8); the caller closes it
   * @throws IOException if the stream cannot be read or does not hold JSON
   * @throws SpecShapeException if the document lacks a member the catalogue needs or has it in another shape
   */
  public static OperationCatalog read(InputStream openApiDocument) throws IOException {
    return of(JsonReader.of(Okio.buffer(Okio.source(openApiDocument))).readJsonValue());
  }

  /**
   * Builds the catalogue of an OpenAPI document already parsed into maps, lists and scalars. Only its
   * {@code info}, {@code paths} and {@code components} members are read.
   *
   * @param openApiDocument the document's root, a {@code Map<String, Object>} as a JSON parser returns it
   * @return the catalogue of the document's operations
   * @throws SpecShapeException if the document lacks a member the catalogue needs or has it in another shape
   */
  public static OperationCatalog of(Object openApiDocument) {
    return CatalogExtractor.extract(openApiDocument);
  }

  /** {@return the API revision, from the document's {@code info.version}, such as {@code 2024-10-15}} */
  public String revision() {
    return revision;
  }

  /** {@return all operations in spec order} */
  public List<Operation> operations() {
    return operations;
  }

  /**
   * {@return the operation with {@code operationId}, or empty if the revision has none}
   *
   * @param operationId the spec's operation id, such as {@code get_profiles}
   */
  public Optional<Operation> find(String operationId) {
    return Optional.ofNullable(byId.get(operationId));
  }

  /**
   * {@return the operation with {@code operationId}}
   *
   * @param operationId the spec's operation id, such as {@code get_profiles}
   * @throws IllegalArgumentException if the revision has no such operation.
   */
  public Operation operation(String operationId) {
    Operation operation = byId.get(operationId);
    if (operation == null) {
      throw new IllegalArgumentException("No operation '" + operationId + "' in Klaviyo API revision " + revision);
    }
    return operation;
  }

  /**
   * {@return what the catalogue could not read and leaves unvalidated, one line each, such as
   * {@code get_widgets: query parameter 'search' is not validated by the SDK}} Empty if it read everything.
   */
  public List<String> warnings() {
    return warnings;
  }

  @Override
  public String toString() {
    return "OperationCatalog{revision=" + revision + ", operations=" + operations.size() + "}";
  }

  /** Lazy holder: the packaged spec is read when {@link #packaged()} is first called. */
  private static final class Packaged {
    static final OperationCatalog INSTANCE = load();

    private static OperationCatalog load() {
      try (InputStream in = KlaviyoOpenApiSpec.packaged().open()) {
        return read(in);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + KlaviyoOpenApiSpec.RESOURCE, e);
      }
    }
  }
}
