package io.github.kvsdk.klaviyo.codegen.facade;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeSpec;
import io.github.kvsdk.klaviyo.openapi.catalog.Operation;
import io.github.kvsdk.klaviyo.openapi.catalog.OperationCatalog;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Build-time tool, not API: writes klaviyo-domain's typed facade from the operation catalogue of the verified
 * spec and the generated Retrofit services.
 *
 * <p>For every operation of the catalogue it writes a params type ({@code GetProfilesParams}) and a method on the
 * service of the operation's resource group ({@code ProfilesService.getProfiles}); for the client, a base
 * class with one accessor per group ({@code profiles()}, {@code metrics()}, ...); and the table of resource
 * types that included resources resolve to. The Retrofit methods are read by reflection, so the facade calls
 * exactly what the generator produced for this revision: parameter order and types never leak to users.
 *
 * <p>Fails the build if an operation of the spec has no generated method, so nothing is silently left out.
 */
public final class FacadeGenerator {
  static final String GENERATED_API = "io.github.kvsdk.klaviyo.generated.api";
  static final String GENERATED_MODEL = "io.github.kvsdk.klaviyo.generated.model";
  static final String FACADE = "io.github.kvsdk.klaviyo.api";
  static final String CLIENT_PACKAGE = "io.github.kvsdk.klaviyo";
  static final ClassName INCLUDED_TYPES = ClassName.get("io.github.kvsdk.klaviyo.paging", "IncludedTypes");

  private FacadeGenerator() {}

  /**
   * Writes the facade's sources under {@code args[0]}, normally {@code target/generated-sources/facade}.
   *
   * @param args the output folder
   * @throws Exception if the spec cannot be read, a source cannot be written, or an operation of the spec
   *     has no generated method
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 1) throw new IllegalArgumentException("usage: FacadeGenerator <output directory>");
    Path out = Paths.get(args[0]);
    // The folder is the generator's alone: a build for another revision must not keep this one's services.
    deleteRecursively(out);
    OperationCatalog catalog = OperationCatalog.packaged();
    Result result = generate(catalog, out);
    System.out.println("[facade] revision " + catalog.revision() + ": " + result.operations + " operations in "
        + result.groups + " services, " + result.paginated + " with auto-paging, " + result.resultPaged
        + " reports paged by result page, " + result.resourceTypes
        + " resource types -> " + out);
  }

  record Result(int operations, int groups, int paginated, int resultPaged, int resourceTypes) {}

  /** The package overview of one resource group's package: what it holds and where to start. */
  private static void writePackageInfo(Path out, String packageName, String group, String serviceName,
      int operations) throws IOException {
    String source = "/**\n"
        + " * The " + SourceNames.javadoc(group) + " operations of Klaviyo's API (" + operations + "): {@link "
        + packageName + "." + serviceName + "},\n"
        + " * obtained from the client, with one method per operation, and the immutable {@code ...Params} each\n"
        + " * operation takes, built with its builder.\n"
        + " */\n"
        + "package " + packageName + ";\n";
    Path file = out.resolve(packageName.replace('.', '/')).resolve("package-info.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, source);
  }

  static Result generate(OperationCatalog catalog, Path out) throws IOException, ClassNotFoundException {
    Map<String, List<FacadeOperation>> byGroup = new TreeMap<>();
    Map<String, Class<?>> apiByGroup = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (Operation op : catalog.operations()) {
      String group = group(op);
      Class<?> api = apiByGroup.computeIfAbsent(group, FacadeGenerator::apiClass);
      Method method = findMethod(api, op);
      if (method == null) {
        missing.add(op.toString());
        continue;
      }
      byGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(FacadeOperation.of(method, op));
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("No generated Retrofit method for " + missing.size() + " operations: " + missing);
    }
    int operations = 0;
    int paginated = 0;
    int resultPaged = 0;
    // Package-private in the client's package: users call its accessors on the client and never name it, and
    // outside the api package the services' packages can depend on api (RequestOptions) without a cycle.
    TypeSpec.Builder services = TypeSpec.classBuilder("KlaviyoServices")
        .addModifiers(javax.lang.model.element.Modifier.ABSTRACT)
        .addJavadoc("Every resource group of Klaviyo API revision $L as a service: {@code client.profiles()}, "
            + "{@code client.metrics()}, ....\n\n<p>Extended by the client; services are created on first use "
            + "and shared.\n", catalog.revision())
        .addMethod(MethodSpec.constructorBuilder()
            .addJavadoc("For the client.\n").build())
        .addMethod(MethodSpec.methodBuilder("serviceContext")
            .addModifiers(javax.lang.model.element.Modifier.ABSTRACT)
            .returns(ServiceWriter.CONTEXT)
            .addJavadoc("The context every service runs in.\n\n@return the context\n").build());
    for (Map.Entry<String, List<FacadeOperation>> entry : byGroup.entrySet()) {
      String group = entry.getKey();
      List<FacadeOperation> ops = entry.getValue();
      ops.sort(Comparator.comparing(FacadeOperation::operationId));
      String packageName = FACADE + "." + SourceNames.packageSegment(group);
      String serviceName = SourceNames.pascal(group) + "Service";
      for (FacadeOperation op : ops) {
        ParamsWriter.write(packageName, op).writeTo(out);
        operations++;
        if (op.paging().isPresent()) paginated++;
        if (op.resultPaging().isPresent()) resultPaged++;
      }
      ServiceWriter.write(packageName, group, serviceName, apiByGroup.get(group), ops).writeTo(out);
      writePackageInfo(out, packageName, group, serviceName, ops.size());
      ClassName service = ClassName.get(packageName, serviceName);
      String accessor = SourceNames.camel(group);
      services.addField(FieldSpec.builder(service, accessor, javax.lang.model.element.Modifier.PRIVATE,
          javax.lang.model.element.Modifier.VOLATILE).build());
      services.addMethod(MethodSpec.methodBuilder(accessor).addModifiers(javax.lang.model.element.Modifier.PUBLIC)
          .returns(service)
          .addJavadoc("The $L operations ($L).\n\n@return the shared service\n", group, ops.size())
          .addStatement("$T s = $N", service, accessor)
          .beginControlFlow("if (s == null)")
          .addStatement("synchronized (this) { s = $N; if (s == null) $N = s = $T.create($T.class, "
              + "serviceContext()); }", accessor, accessor, ServiceWriter.SERVICE_FACTORIES, service)
          .endControlFlow()
          .addStatement("return s").build());
    }
    JavaFile.builder(CLIENT_PACKAGE, services.build()).skipJavaLangImports(true).indent("  ").build().writeTo(out);
    int resourceTypes = writeResourceTypes(out, catalog.revision());
    return new Result(operations, byGroup.size(), paginated, resultPaged, resourceTypes);
  }

  private static void deleteRecursively(Path folder) throws IOException {
    if (!Files.exists(folder)) return;
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) Files.delete(p);
    }
  }

  /** The operation's resource group: its first tag, as the generated Retrofit services are grouped. */
  private static String group(Operation op) {
    return op.tags().isEmpty() ? "Default" : op.tags().get(0);
  }

  private static Class<?> apiClass(String group) {
    String name = GENERATED_API + "." + SourceNames.pascal(group) + "Api";
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("No generated service " + name + " for the spec's group '" + group + "'", e);
    }
  }

  private static Method findMethod(Class<?> api, Operation op) {
    for (Method m : api.getMethods()) {
      var route = FacadeOperation.route(m);
      if (route.isEmpty()) continue;
      String path = "/" + route.get()[1];
      if (route.get()[0].equals(op.method()) && normalize(path).equals(normalize(op.pathTemplate()))) return m;
    }
    return null;
  }

  private static String normalize(String path) {
    String p = path;
    while (p.length() > 1 && p.endsWith("/")) p = p.substring(0, p.length() - 1);
    return p;
  }

  /**
   * Writes the JSON:API type of every generated {@code *ResponseObjectResource} model: the classes included
   * resources bind to.
   */
  private static int writeResourceTypes(Path out, String revision) throws IOException {
    Map<String, ClassName> byType = new TreeMap<>();
    for (Class<?> model : modelClasses()) {
      if (!model.getSimpleName().endsWith("ResponseObjectResource") || Modifier.isAbstract(model.getModifiers())) {
        continue;
      }
      String type = singleType(model);
      if (type == null) continue;
      // Several models may carry one type; the one named after it ({@code profile}:
      // ProfileResponseObjectResource) is the resource itself, the others are variants of it.
      boolean canonical = model.getSimpleName().equals(SourceNames.pascal(type) + "ResponseObjectResource");
      if (canonical) {
        byType.put(type, ClassName.get(model));
      } else {
        byType.putIfAbsent(type, ClassName.get(model));
      }
    }
    CodeBlock.Builder table = CodeBlock.builder().add("$T.builder()", INCLUDED_TYPES);
    byType.forEach((type, model) -> table.add("\n    .add($S, $T.class)", type, model));
    table.add("\n    .build()");
    TypeSpec types = TypeSpec.classBuilder("ResourceTypes")
        .addModifiers(javax.lang.model.element.Modifier.PUBLIC, javax.lang.model.element.Modifier.FINAL)
        .addJavadoc("The generated model class of every JSON:API resource type of revision $L; included "
            + "resources bind to these.\n", revision)
        .addField(FieldSpec.builder(INCLUDED_TYPES, "ALL", javax.lang.model.element.Modifier.PRIVATE,
            javax.lang.model.element.Modifier.STATIC, javax.lang.model.element.Modifier.FINAL)
            .initializer(table.build()).build())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(javax.lang.model.element.Modifier.PRIVATE).build())
        .addMethod(MethodSpec.methodBuilder("all")
            .addModifiers(javax.lang.model.element.Modifier.PUBLIC, javax.lang.model.element.Modifier.STATIC)
            .returns(INCLUDED_TYPES).addJavadoc("Every resource type and its model class.\n\n@return the table\n")
            .addStatement("return ALL").build())
        .build();
    JavaFile.builder(FACADE + ".internal", types).skipJavaLangImports(true).indent("  ").build().writeTo(out);
    return byType.size();
  }

  /** The one value of the model's {@code type} enum, or null if it has none or several. */
  private static String singleType(Class<?> model) {
    try {
      Class<?> enumType = model.getMethod("getType").getReturnType();
      Object values = enumType.getMethod("values").invoke(null);
      List<?> list = values instanceof List<?> l ? l : values.getClass().isArray()
          ? Arrays.asList((Object[]) values) : List.of();
      if (list.size() != 1) return null;
      Object value = list.get(0).getClass().getMethod("getValue").invoke(list.get(0));
      return value instanceof String s ? s : null;
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }

  /** Every class of the generated model package, read from the jar or folder that holds it. */
  private static List<Class<?>> modelClasses() throws IOException {
    Class<?> anchor = io.github.kvsdk.klaviyo.generated.CollectionFormats.class;
    Path location;
    try {
      location = Paths.get(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
    String folder = GENERATED_MODEL.replace('.', '/');
    List<String> names = new ArrayList<>();
    if (Files.isDirectory(location)) {
      collect(location.resolve(folder), names);
    } else {
      try (FileSystem jar = FileSystems.newFileSystem(location)) {
        collect(jar.getPath(folder), names);
      }
    }
    List<Class<?>> classes = new ArrayList<>();
    for (String name : names) {
      try {
        classes.add(Class.forName(GENERATED_MODEL + "." + name));
      } catch (ClassNotFoundException e) {
        throw new IOException(e);
      }
    }
    return classes;
  }

  private static void collect(Path folder, List<String> names) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".class") && !n.contains("$") && !n.equals("package-info.class"))
          .map(n -> n.substring(0, n.length() - ".class".length()))
          .sorted()
          .forEach(names::add);
    }
  }
}
