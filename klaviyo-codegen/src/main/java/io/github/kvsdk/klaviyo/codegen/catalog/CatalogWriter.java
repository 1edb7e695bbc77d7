package io.github.kvsdk.klaviyo.codegen.catalog;

import com.squareup.moshi.JsonWriter;
import io.github.kvsdk.klaviyo.openapi.catalog.FilterRules;
import io.github.kvsdk.klaviyo.openapi.catalog.Operation;
import io.github.kvsdk.klaviyo.openapi.catalog.OperationCatalog;
import io.github.kvsdk.klaviyo.openapi.catalog.PageSize;
import io.github.kvsdk.klaviyo.openapi.catalog.RateLimit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import okio.BufferedSink;

/**
 * Build-time tool: writes the compact operation catalogue that {@code klaviyo-domain} reads at run time
 * ({@code io.github.kvsdk.klaviyo.catalog.OperationCatalog}), from the catalogue the {@code klaviyo-openapi}
 * library builds of the verified spec. The SDK therefore needs neither the spec nor its parser at run
 * time.
 *
 * <p>The domain build runs it with the output directory ({@code target/classes}) as its only argument. Each
 * fact the catalogue leaves unvalidated is printed as a build warning.
 */
public final class CatalogWriter {
  /** Where the catalogue goes, relative to the output directory. */
  public static final String RESOURCE_PATH = "io/github/kvsdk/klaviyo/catalog/operations.json";

  private CatalogWriter() {}

  /**
   * Writes the catalogue of the packaged spec under {@code args[0]}.
   *
   * @param args one argument: the output directory, under which {@link #RESOURCE_PATH} is written
   * @throws IOException if the spec cannot be read or the catalogue cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: CatalogWriter <output directory>");
    }
    OperationCatalog catalog = OperationCatalog.packaged();
    for (String warning : catalog.warnings()) {
      System.err.println("[catalogue] warning: " + warning);
    }
    Path target = Paths.get(args[0]).resolve(RESOURCE_PATH);
    Files.createDirectories(target.getParent());
    Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
    Files.write(temporary, write(catalog));
    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * {@return {@code catalog} in the run-time format, as UTF-8 JSON}
   *
   * @param catalog the catalogue the {@code klaviyo-openapi} library built of a spec
   * @throws IOException if the JSON cannot be written
   */
  public static byte[] write(OperationCatalog catalog) throws IOException {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of((BufferedSink) buffer)) {
      writer.beginObject();
      writer.name("revision").value(catalog.revision());
      writer.name("operations").beginArray();
      for (Operation operation : catalog.operations()) writeOperation(writer, operation);
      writer.endArray();
      writer.endObject();
    }
    return buffer.readByteArray();
  }

  private static void writeOperation(JsonWriter writer, Operation operation) throws IOException {
    writer.beginObject();
    writer.name("operationId").value(operation.operationId());
    writer.name("method").value(operation.method());
    writer.name("path").value(operation.pathTemplate());
    RateLimit limit = operation.rateLimit();
    writer.name("rateLimit").beginObject();
    writer.name("burst").value(limit.burstPerSecond());
    writer.name("steady").value(limit.steadyPerMinute());
    if (limit.dailyLimit().isPresent()) writer.name("daily").value(limit.dailyLimit().getAsInt());
    writer.endObject();
    writer.name("scopes");
    writeStrings(writer, operation.scopes());

    if (operation.filterable()) {
      FilterRules rules = operation.filterRules();
      writer.name("filter").beginObject();
      if (!rules.checked()) {
        writer.name("unchecked").value(true);
      } else {
        writer.name("fields").beginObject();
        for (Map.Entry<String, List<String>> rule : rules.asMap().entrySet()) {
          writer.name(rule.getKey());
          writeStrings(writer, rule.getValue());
        }
        writer.endObject();
        writer.name("requiredOneOf");
        writeStrings(writer, rules.requiredOneOf());
      }
      writer.endObject();
    }
    if (!operation.sortValues().isEmpty()) {
      writer.name("sort");
      writeStrings(writer, operation.sortValues());
    }
    if (operation.cursorParameter().isPresent()) {
      writer.name("cursorParameter").value(operation.cursorParameter().get());
    }
    if (operation.pageSize().isPresent()) {
      PageSize size = operation.pageSize().get();
      writer.name("pageSize").beginObject();
      writer.name("default").value(size.defaultSize());
      writer.name("min").value(size.minSize());
      writer.name("max").value(size.maxSize());
      writer.name("adjustable").value(size.adjustable());
      writer.endObject();
    }
    writeStringSets(writer, "fields", operation.fieldsets());
    writeStringSets(writer, "additionalFields", operation.additionalFields());
    if (!operation.includes().isEmpty()) {
      writer.name("include");
      writeStrings(writer, operation.includes());
    }
    writer.endObject();
  }

  private static void writeStrings(JsonWriter writer, Collection<String> values) throws IOException {
    writer.beginArray();
    for (String value : values) writer.value(value);
    writer.endArray();
  }

  private static void writeStringSets(JsonWriter writer, String name, Map<String, ? extends Collection<String>> sets)
      throws IOException {
    if (sets.isEmpty()) return;
    writer.name(name).beginObject();
    for (Map.Entry<String, ? extends Collection<String>> set : sets.entrySet()) {
      writer.name(set.getKey());
      writeStrings(writer, set.getValue());
    }
    writer.endObject();
  }
}
