package io.github.kvsdk.klaviyo.codegen.facade;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import io.github.kvsdk.klaviyo.codegen.facade.FacadeOperation.Kind;
import io.github.kvsdk.klaviyo.codegen.facade.FacadeOperation.Paging;
import io.github.kvsdk.klaviyo.codegen.facade.FacadeOperation.Param;
import io.github.kvsdk.klaviyo.codegen.facade.FacadeOperation.ResultPaging;
import io.github.kvsdk.klaviyo.generated.CollectionFormats.CSVParams;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.lang.model.element.Modifier;

/** Writes the service of one resource group: every operation of the group, sync and async. */
final class ServiceWriter {
  static final ClassName CONTEXT = ClassName.get("io.github.kvsdk.klaviyo.api.internal", "ServiceContext");
  static final ClassName SERVICE_FACTORIES =
      ClassName.get("io.github.kvsdk.klaviyo.api.internal", "ServiceFactories");
  static final ClassName SERVICE_PAGES = ClassName.get("io.github.kvsdk.klaviyo.api.internal", "ServicePages");
  static final ClassName OPTIONS = ClassName.get("io.github.kvsdk.klaviyo.api", "RequestOptions");
  static final ClassName PAGE = ClassName.get("io.github.kvsdk.klaviyo.paging", "Page");
  static final ClassName AUTO_PAGER = ClassName.get("io.github.kvsdk.klaviyo.paging", "AutoPager");
  static final ClassName PAGE_LINKS = ClassName.get("io.github.kvsdk.klaviyo.paging", "PageLinks");
  static final ClassName CALL = ClassName.get("retrofit2", "Call");

  private ServiceWriter() {}

  static JavaFile write(String packageName, String group, String serviceName, Class<?> api, List<FacadeOperation> ops) {
    ClassName self = ClassName.get(packageName, serviceName);
    String prefix = serviceName.substring(0, serviceName.length() - "Service".length());
    TypeSpec.Builder type = TypeSpec.classBuilder(self)
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("The $L operations of Klaviyo's API, one method per operation, named after its operation "
            + "id.\n\n", group)
        .addJavadoc("<p>Each operation takes its {@code ...Params} (built with a builder) and optionally "
            + "{@link $T}; each has an {@code ...Async} twin returning a {@link $T}. Listings behind a cursor "
            + "return a {@link $T} and have an {@code ...AutoPager} variant that follows the cursor; reports "
            + "answered a result page at a time return their document and have an {@code ...AutoPager} over "
            + "the pages' results. Query "
            + "values are checked against the operation before anything is sent unless {@link "
            + "$T#skipValidation()} is set.\n\n", OPTIONS, CompletableFuture.class, PAGE, OPTIONS)
        .addJavadoc("<p>Obtain it from the client; thread-safe. To add methods of your own, extend it and pass "
            + "the client's service to {@link #$N($T)}.\n", serviceName, self)
        // The client is in another package: it creates services through the registry, so that no public
        // constructor takes the internal context.
        .addStaticBlock(CodeBlock.of("$T.register($T.class, $T::new);\n", SERVICE_FACTORIES, self, self))
        .addField(FieldSpec.builder(CONTEXT, "context", Modifier.PRIVATE, Modifier.FINAL).build())
        .addMethod(MethodSpec.constructorBuilder()
            .addJavadoc("A service running on {@code context}; the client creates it through the factory this "
                + "class registers.\n\n@param context the client's transport, options and validation\n")
            .addParameter(CONTEXT, "context")
            .addStatement("this.context = $T.requireNonNull(context, $S)", java.util.Objects.class, "context")
            .build())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PROTECTED)
            .addJavadoc("A service sending its requests through the same client as {@code base}, with that "
                + "client's options and validation: for a subclass that adds methods of its own over a service "
                + "obtained from the client.\n\n<pre>{@code\n"
                + "final class My$L extends $L {\n"
                + "  My$L($L base) {\n"
                + "    super(base);\n"
                + "  }\n"
                + "}\n"
                + "My$L mine = new My$L(client.$L());\n"
                + "}</pre>\n\n"
                + "@param base a service obtained from the client (or from another such subclass); not null\n",
                prefix, serviceName, prefix, serviceName, prefix, prefix, SourceNames.camel(group))
            .addParameter(self, "base")
            .addStatement("this.context = $T.requireNonNull(base, $S).context", java.util.Objects.class, "base")
            .build());
    for (FacadeOperation op : ops) {
      ClassName params = ClassName.get(packageName, op.paramsName());
      var paging = op.paging();
      if (paging.isPresent()) {
        addPaginated(type, api, op, params, paging.get());
      } else {
        addPlain(type, api, op, params);
        var resultPaging = op.resultPaging();
        if (resultPaging.isPresent()) addResultPages(type, api, op, params, resultPaging.get());
      }
    }
    return JavaFile.builder(packageName, type.build()).skipJavaLangImports(true).indent("  ").build();
  }

  private static void addPlain(TypeSpec.Builder type, Class<?> api, FacadeOperation op, ClassName params) {
    TypeName response = TypeName.get(op.responseType);
    TypeName result = op.returnsNothing() ? TypeName.VOID : response;
    TypeName future = ParameterizedTypeName.get(ClassName.get(CompletableFuture.class), response);
    String name = op.methodName();
    String doc = doc(op);
    addOverloads(type, op, params, name, result, doc, "sends it and returns the response document");
    MethodSpec.Builder sync = MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC).returns(result)
        .addJavadoc(doc).addJavadoc("\n" + PARAMS_DOC + OPTIONS_DOC + returnsDoc(op, result))
        .addParameter(params, "params").addParameter(OPTIONS, "options");
    if (op.returnsNothing()) {
      sync.addStatement("context.execute($NCall(params, options))", name);
    } else {
      sync.addStatement("return context.execute($NCall(params, options))", name);
    }
    type.addMethod(sync.build());
    addAsyncOverloads(type, op, params, name, future, doc);
    type.addMethod(MethodSpec.methodBuilder(name + "Async").addModifiers(Modifier.PUBLIC).returns(future)
        .addJavadoc(doc).addJavadoc("\n<p>Asynchronous: the future completes with the response or a typed "
            + "exception.\n\n" + PARAMS_DOC + OPTIONS_DOC + FUTURE_DOC)
        .addParameter(params, "params").addParameter(OPTIONS, "options")
        .addStatement("return context.executeAsync($NCall(params, options))", name).build());
    type.addMethod(MethodSpec.methodBuilder(name + "Call").addModifiers(Modifier.PRIVATE)
        .returns(ParameterizedTypeName.get(CALL, response))
        .addParameter(params, "params").addParameter(OPTIONS, "options")
        .addStatement("$T.requireNonNull(params, $S)", ParamsWriter.PARAMS_CHECKS, "params")
        .addStatement("context.validate($S, params.queryOptions(), options)", op.operationId())
        .addStatement("return context.api($T.class, options).$N($L)", api, name, arguments(op, false))
        .build());
  }

  private static void addPaginated(TypeSpec.Builder type, Class<?> api, FacadeOperation op, ClassName params,
      Paging paging) {
    TypeName item = TypeName.get(paging.item());
    TypeName page = ParameterizedTypeName.get(PAGE, item);
    TypeName future = ParameterizedTypeName.get(ClassName.get(CompletableFuture.class), page);
    TypeName pager = ParameterizedTypeName.get(AUTO_PAGER, item);
    TypeName response = TypeName.get(paging.response());
    String name = op.methodName();
    String doc = doc(op);
    addOverloads(type, op, params, name, page, doc, "returns the first page");
    type.addMethod(MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC).returns(page)
        .addJavadoc(doc).addJavadoc("\n<p>Returns the first page; {@link $T#nextPage()} follows the cursor.\n"
            + "\n" + PARAMS_DOC + OPTIONS_DOC + PAGE_DOC, PAGE)
        .addParameter(params, "params").addParameter(OPTIONS, "options")
        .addStatement("return $NPages(params, options).first()", name).build());
    addAsyncOverloads(type, op, params, name, future, doc);
    type.addMethod(MethodSpec.methodBuilder(name + "Async").addModifiers(Modifier.PUBLIC).returns(future)
        .addJavadoc(doc).addJavadoc("\n<p>Asynchronous: the future completes with the first page.\n\n"
            + PARAMS_DOC + OPTIONS_DOC + PAGE_FUTURE_DOC)
        .addParameter(params, "params").addParameter(OPTIONS, "options")
        .addStatement("return $NPages(params, options).firstAsync()", name).build());
    type.addMethod(MethodSpec.methodBuilder(name + "AutoPager").addModifiers(Modifier.PUBLIC).returns(pager)
        .addJavadoc(doc).addJavadoc("\n<p>Every item of every page, fetched lazily as the iteration reaches "
            + "it ({@link $T#prefetching()} fetches the next page while the current one is read).\n\n"
            + PARAMS_DOC + PAGER_DOC, AUTO_PAGER)
        .addParameter(params, "params")
        .addStatement("return $NAutoPager(params, $T.none())", name, OPTIONS).build());
    type.addMethod(MethodSpec.methodBuilder(name + "AutoPager").addModifiers(Modifier.PUBLIC).returns(pager)
        .addJavadoc(doc).addJavadoc("\n<p>Every item of every page, fetched lazily.\n\n" + PARAMS_DOC + OPTIONS_DOC
            + PAGER_DOC)
        .addParameter(params, "params").addParameter(OPTIONS, "options")
        .addStatement("return $NPages(params, options).autoPager()", name).build());

    CodeBlock links = paging.links() == null
        ? CodeBlock.of("null") // read from the response: the schema declares no links
        : CodeBlock.of("r -> r.getLinks() == null ? $T.none() : $T.of($L, $L, $L, $L, $L)",
            PAGE_LINKS, PAGE_LINKS, link(paging, "self"), link(paging, "next"), link(paging, "prev"),
            link(paging, "first"), link(paging, "last"));
    type.addMethod(MethodSpec.methodBuilder(name + "Pages").addModifiers(Modifier.PRIVATE)
        .returns(ParameterizedTypeName.get(SERVICE_PAGES, response, item))
        .addParameter(params, "params").addParameter(OPTIONS, "options")
        .addStatement("$T.requireNonNull(params, $S)", ParamsWriter.PARAMS_CHECKS, "params")
        .addStatement("context.validate($S, params.queryOptions(), options)", op.operationId())
        .addStatement("$T api = context.api($T.class, options)", api, api)
        .addStatement("return context.pages(options, cursor -> api.$N($L), $T::getData, $L, $L)",
            name, arguments(op, true), response,
            paging.hasIncluded() ? CodeBlock.of("$T::getIncluded", response) : CodeBlock.of("null"), links)
        .build());
  }

  /**
   * The auto-pager of a report answered a result page at a time: one item per page, the page's {@code data},
   * following the {@code links.next} each response carries.
   */
  private static void addResultPages(TypeSpec.Builder type, Class<?> api, FacadeOperation op, ClassName params,
      ResultPaging paging) {
    TypeName data = TypeName.get(paging.data());
    TypeName pager = ParameterizedTypeName.get(AUTO_PAGER, data);
    TypeName response = TypeName.get(paging.response());
    String name = op.methodName();
    String cursor = op.cursor().orElseThrow().apiName();
    String doc = doc(op);
    String pagerDoc = "\n<p>Every result page, in order: the request is sent once, then again with each "
        + "{@code links.next}'s {@code " + cursor + "} until a response has none; each item is one page's "
        + "{@code data}, fetched when the iteration reaches it ({@link $T#prefetching()} fetches the next "
        + "page while the current one is read; {@link $T#pages()} gives each page with its links). A {@code "
        + cursor + "} set in the params is where the walk starts.\n";
    type.addMethod(MethodSpec.methodBuilder(name + "AutoPager").addModifiers(Modifier.PUBLIC).returns(pager)
        .addJavadoc(doc).addJavadoc(pagerDoc, AUTO_PAGER, AUTO_PAGER)
        .addJavadoc("\n@param params the inputs\n@return the pages' results, fetched lazily\n")
        .addParameter(params, "params")
        .addStatement("return $NAutoPager(params, $T.none())", name, OPTIONS).build());
    type.addMethod(MethodSpec.methodBuilder(name + "AutoPager").addModifiers(Modifier.PUBLIC).returns(pager)
        .addJavadoc(doc).addJavadoc(pagerDoc, AUTO_PAGER, AUTO_PAGER)
        .addJavadoc("\n@param params the inputs\n@param options every page's request options\n"
            + "@return the pages' results, fetched lazily\n")
        .addParameter(params, "params").addParameter(OPTIONS, "options")
        .addStatement("return $NResultPages(params, options).autoPager()", name).build());
    type.addMethod(MethodSpec.methodBuilder(name + "ResultPages").addModifiers(Modifier.PRIVATE)
        .returns(ParameterizedTypeName.get(SERVICE_PAGES, response, data))
        .addParameter(params, "params").addParameter(OPTIONS, "options")
        .addStatement("$T.requireNonNull(params, $S)", ParamsWriter.PARAMS_CHECKS, "params")
        .addStatement("context.validate($S, params.queryOptions(), options)", op.operationId())
        .addStatement("$T api = context.api($T.class, options)", api, api)
        // The schema declares no links: the next link is read from the response (links null).
        .addStatement("return context.pages(options, cursor -> api.$N($L), "
                + "r -> r.getData() == null ? $T.of() : $T.of(r.getData()), null, null)",
            name, arguments(op, true), List.class, List.class)
        .build());
  }

  /** The overloads without options, and without params where nothing is required. */
  private static void addOverloads(TypeSpec.Builder type, FacadeOperation op, ClassName params, String name,
      TypeName result, String doc, String what) {
    String ret = result == TypeName.VOID ? "" : "return ";
    String returns = returnsDoc(op, result);
    type.addMethod(MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC).returns(result)
        .addJavadoc(doc).addJavadoc("\n<p>With the client's options; $L.\n\n", what)
        .addJavadoc(PARAMS_DOC + returns)
        .addParameter(params, "params")
        .addStatement(ret + "$N(params, $T.none())", name, OPTIONS).build());
    if (!op.hasRequiredInput()) {
      type.addMethod(MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC).returns(result)
          .addJavadoc(doc).addJavadoc("\n<p>With no optional input and the client's options; $L.\n", what)
          .addJavadoc(returns.isEmpty() ? "" : "\n" + returns)
          .addStatement(ret + "$N($T.builder().build(), $T.none())", name, params, OPTIONS).build());
    }
  }

  private static void addAsyncOverloads(TypeSpec.Builder type, FacadeOperation op, ClassName params, String name,
      TypeName future, String doc) {
    type.addMethod(MethodSpec.methodBuilder(name + "Async").addModifiers(Modifier.PUBLIC).returns(future)
        .addJavadoc(doc).addJavadoc("\n<p>Asynchronous, with the client's options.\n\n" + PARAMS_DOC
            + (future.toString().contains(PAGE.simpleName()) ? PAGE_FUTURE_DOC : FUTURE_DOC))
        .addParameter(params, "params")
        .addStatement("return $NAsync(params, $T.none())", name, OPTIONS).build());
    if (!op.hasRequiredInput()) {
      type.addMethod(MethodSpec.methodBuilder(name + "Async").addModifiers(Modifier.PUBLIC).returns(future)
          .addJavadoc(doc).addJavadoc("\n<p>Asynchronous, with no optional input and the client's options.\n\n"
              + (future.toString().contains(PAGE.simpleName()) ? PAGE_FUTURE_DOC : FUTURE_DOC))
          .addStatement("return $NAsync($T.builder().build(), $T.none())", name, params, OPTIONS).build());
    }
  }

  // Javadoc block tags shared by the service methods.
  private static final String PARAMS_DOC =
      "@param params the operation's inputs, built with its {@code builder()}; not null\n";
  private static final String OPTIONS_DOC =
      "@param options this request's options (timeouts, retries, headers), over the client's; not null\n";
  private static final String FUTURE_DOC = "@return a future that completes with the response document, or "
      + "exceptionally with a {@link io.github.kvsdk.klaviyo.errors.KlaviyoException}\n";
  private static final String PAGE_DOC = "@return the first page of the listing\n";
  private static final String PAGE_FUTURE_DOC = "@return a future that completes with the first page, or "
      + "exceptionally with a {@link io.github.kvsdk.klaviyo.errors.KlaviyoException}\n";
  private static final String PAGER_DOC =
      "@return a pager over every item; nothing is fetched until an iteration starts, and each iteration starts "
          + "from the first page\n";

  /** The {@code @return} tag of a synchronous method returning {@code result}; none for {@code void}. */
  private static String returnsDoc(FacadeOperation op, TypeName result) {
    if (result == TypeName.VOID) return "";
    if (result.toString().contains(PAGE.simpleName() + "<")) return PAGE_DOC;
    return "@return the response document\n";
  }

  private static CodeBlock link(Paging paging, String name) {
    if (!paging.hasLink(name)) return CodeBlock.of("null");
    return CodeBlock.of("r.getLinks().get$L()", Character.toUpperCase(name.charAt(0)) + name.substring(1));
  }

  /** The Retrofit method's arguments, in order, read from {@code params}. */
  private static CodeBlock arguments(FacadeOperation op, boolean cursorFromPager) {
    CodeBlock.Builder args = CodeBlock.builder();
    boolean first = true;
    for (Param p : op.params) {
      if (!first) args.add(", ");
      first = false;
      String name = p.setterName();
      if (p.kind() == Kind.REVISION) {
        args.add("context.revision()");
      } else if (cursorFromPager && FacadeOperation.isCursor(p)) {
        args.add("cursor != null ? cursor : params.$N()", name);
      } else if (p.type() == CSVParams.class) {
        args.add("context.csv(params.$N())", name);
      } else if (ParamsWriter.isFilter(p)) {
        args.add("params.$N() == null ? null : params.$N().expression()", name, name);
      } else {
        args.add("params.$N()", name);
      }
    }
    return args.build();
  }

  private static String doc(FacadeOperation op) {
    StringBuilder doc = new StringBuilder();
    String summary = SourceNames.javadoc(op.operation.summary());
    doc.append(summary.isEmpty() ? op.operationId() : summary).append(" ({@code ").append(op.operationId())
        .append("}: ").append(op.operation.method()).append(" {@code ").append(op.operation.pathTemplate().replace("{", "&#123;")
            .replace("}", "&#125;")).append("}).\n");
    String description = SourceNames.javadoc(op.operation.description());
    if (!description.isEmpty()) doc.append("\n<p>").append(description).append("\n");
    if (op.operation.deprecated()) doc.append("\n<p>Deprecated by Klaviyo in this revision.\n");
    return doc.toString().replace("$", "$$");
  }
}
