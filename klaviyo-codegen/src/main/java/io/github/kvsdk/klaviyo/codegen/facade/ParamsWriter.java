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
import io.github.kvsdk.klaviyo.codegen.facade.FacadeOperation.Param;
import io.github.kvsdk.klaviyo.generated.CollectionFormats.CSVParams;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.lang.model.element.Modifier;

/**
 * Writes one immutable params type per operation: every input of the operation by name, set through a
 * builder, so that a revision adding an optional parameter adds a builder method and breaks no caller.
 */
final class ParamsWriter {
  static final ClassName FILTER = ClassName.get("io.github.kvsdk.klaviyo.filter", "Filter");
  static final ClassName QUERY_OPTIONS = ClassName.get("io.github.kvsdk.klaviyo.query", "QueryOptions");
  static final ClassName PARAMS_CHECKS = ClassName.get("io.github.kvsdk.klaviyo.api.internal", "ParamsChecks");
  private static final TypeName STRING_LIST = ParameterizedTypeName.get(List.class, String.class);
  private static final Pattern FIELDS = Pattern.compile("fields\\[(.+)]");
  private static final Pattern ADDITIONAL_FIELDS = Pattern.compile("additional-fields\\[(.+)]");

  private ParamsWriter() {}

  /** The Java type the params type stores {@code param} as. */
  static TypeName storedType(Param param) {
    if (param.type() == CSVParams.class) return STRING_LIST;
    if (isFilter(param)) return FILTER;
    return TypeName.get(param.type()).box();
  }

  static boolean isFilter(Param param) {
    return param.kind() == Kind.QUERY && param.apiName().equals("filter") && param.type() == String.class;
  }

  static JavaFile write(String packageName, FacadeOperation op) {
    ClassName self = ClassName.get(packageName, op.paramsName());
    ClassName builder = self.nestedClass("Builder");
    List<Param> inputs = new ArrayList<>();
    for (Param p : op.params) if (p.kind() != Kind.REVISION) inputs.add(p);

    TypeSpec.Builder type = TypeSpec.classBuilder(self)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addJavadoc("The inputs of {@code $L} ($L {@code $L}): $L.\n", op.operationId(), op.operation.method(),
            op.operation.pathTemplate(), SourceNames.javadoc(op.operation.summary()))
        .addJavadoc("\n<p>Immutable; build with {@link #builder()}. Required inputs are checked by {@link "
            + "Builder#build()}; query values are checked against the operation when the request is made.\n");
    TypeSpec.Builder b = TypeSpec.classBuilder(builder)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("Collects the inputs of {@code $L}. Not thread-safe.\n", op.operationId());

    MethodSpec.Builder constructor = MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE)
        .addParameter(builder, "b");
    MethodSpec.Builder toBuilder = MethodSpec.methodBuilder("toBuilder").addModifiers(Modifier.PUBLIC)
        .returns(builder).addJavadoc("{@return a new builder holding these inputs, to derive changed params}\n")
        .addStatement("$T b = new $T()", builder, builder);
    MethodSpec.Builder build = MethodSpec.methodBuilder("build").addModifiers(Modifier.PUBLIC).returns(self)
        .addJavadoc("{@return immutable params holding the inputs set so far}\n\n@throws io.github.kvsdk.klaviyo.errors.KlaviyoValidationException if a "
            + "required input is missing or a path value is blank, {@code .} or {@code ..}\n");

    for (Param p : inputs) {
      String name = p.setterName();
      TypeName stored = storedType(p);
      type.addField(FieldSpec.builder(stored, name, Modifier.PRIVATE, Modifier.FINAL).build());
      b.addField(FieldSpec.builder(stored, name, Modifier.PRIVATE).build());
      constructor.addStatement("this.$N = b.$N", name, name);
      toBuilder.addStatement("b.$N = $N", name, name);
      String doc = describe(p);
      type.addMethod(MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC).returns(stored)
          .addJavadoc("{@return $L, or null if not set}\n", doc).addStatement("return $N", name).build());
      if (p.type() == CSVParams.class) {
        b.addMethod(MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC).returns(builder)
            .addParameter(String[].class, "values").varargs()
            .addJavadoc("Sets $L.\n$L\n@param values the values, sent comma-separated\n" + THIS_BUILDER, doc,
                specDescription(op, p))
            .addStatement("this.$N = $T.values($S, values)", name, PARAMS_CHECKS, p.apiName())
            .addStatement("return this").build());
        b.addMethod(MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC).returns(builder)
            .addParameter(ParameterizedTypeName.get(Collection.class, String.class), "values")
            .addJavadoc("Sets $L.\n$L\n@param values the values, sent comma-separated in iteration order\n"
                + THIS_BUILDER, doc, specDescription(op, p))
            .addStatement("this.$N = $T.values($S, values)", name, PARAMS_CHECKS, p.apiName())
            .addStatement("return this").build());
      } else if (isFilter(p)) {
        b.addMethod(MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC).returns(builder)
            .addParameter(FILTER, "filter")
            .addJavadoc("Sets the {@code filter}, built with {@link $T}.\n$L\n@param filter the filter; null clears "
                + "it\n" + THIS_BUILDER, FILTER, specDescription(op, p))
            .addStatement("this.$N = filter", name).addStatement("return this").build());
        b.addMethod(MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC).returns(builder)
            .addParameter(String.class, "expression")
            .addJavadoc("Sets the {@code filter} from Klaviyo's filter syntax, such as "
                + "{@code greater-than(updated,2024-01-01T00:00:00Z)}.\n$L\n"
                + "@param expression the filter expression\n" + THIS_BUILDER
                + "@throws io.github.kvsdk.klaviyo.filter.FilterValidationException if it does not parse\n",
                specDescription(op, p))
            .addStatement("this.$N = $T.filter(expression)", name, PARAMS_CHECKS)
            .addStatement("return this").build());
      } else {
        b.addMethod(MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC).returns(builder)
            .addParameter(stored, name).addJavadoc("Sets $L.\n$L\n@param $L the value; null clears it\n"
                + THIS_BUILDER, doc, specDescription(op, p), name)
            .addStatement("this.$N = $N", name, name).addStatement("return this").build());
      }
      if (p.kind() == Kind.PATH) {
        build.addStatement("$T.pathValue($S, $N)", PARAMS_CHECKS, p.apiName(), name);
      } else if (p.required()) {
        build.addStatement("$T.required($S, $N)", PARAMS_CHECKS, p.apiName(), name);
      }
    }
    b.addMethod(optionsSetter(op, builder, inputs));
    build.addStatement("return new $T(this)", self);
    b.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    b.addMethod(build.build());

    type.addMethod(constructor.build());
    type.addMethod(MethodSpec.methodBuilder("builder").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(builder).addJavadoc("{@return a new builder with no input set}\n")
        .addStatement("return new $T()", builder).build());
    type.addMethod(toBuilder.addStatement("return b").build());
    type.addMethod(queryOptions(op, inputs));
    type.addMethod(toStringMethod(op, inputs));
    type.addType(b.build());
    return JavaFile.builder(packageName, type.build()).skipJavaLangImports(true).indent("  ").build();
  }

  /**
   * A builder method taking {@code QueryOptions}: each value goes to the parameter of the same name; a value
   * the operation has no parameter for is refused, naming it.
   */
  private static MethodSpec optionsSetter(FacadeOperation op, ClassName builder, List<Param> inputs) {
    MethodSpec.Builder m = MethodSpec.methodBuilder("options").addModifiers(Modifier.PUBLIC).returns(builder)
        .addParameter(QUERY_OPTIONS, "options")
        .addJavadoc("Sets the filter, sort, page size, fieldsets and include from {@code options}, replacing "
            + "those set before.\n\n@param options the query options to apply\n" + THIS_BUILDER + "@throws io.github.kvsdk.klaviyo.errors.KlaviyoValidationException if "
            + "{@code options} holds a value {@code $L} has no parameter for\n", op.operationId())
        .addStatement("$T.requireNonNull(options, $S)", PARAMS_CHECKS, "options")
        .addStatement("$T<String> taken = new $T<>()", java.util.Set.class, java.util.HashSet.class);
    for (Param p : inputs) {
      if (p.kind() != Kind.QUERY) continue;
      String name = p.setterName();
      Matcher fields = FIELDS.matcher(p.apiName());
      Matcher additional = ADDITIONAL_FIELDS.matcher(p.apiName());
      if (isFilter(p)) {
        m.addStatement("if (options.filter().isPresent()) this.$N = options.filter().get()", name);
      } else if (p.apiName().equals("sort") && p.type() == String.class) {
        m.addStatement("if (options.sort().isPresent()) this.$N = options.sort().get()", name);
      } else if (p.apiName().equals("page[size]") && p.type() == Integer.class) {
        m.addStatement("if (options.pageSize().isPresent()) this.$N = options.pageSize().getAsInt()", name);
      } else if (p.type() == CSVParams.class && p.apiName().equals("include")) {
        m.addStatement("if (!options.include().isEmpty()) this.$N = options.include()", name);
      } else if (p.type() == CSVParams.class && fields.matches()) {
        m.addStatement("if (!options.fields($S).isEmpty()) this.$N = options.fields($S)", fields.group(1), name,
            fields.group(1));
      } else if (p.type() == CSVParams.class && additional.matches()) {
        m.addStatement("if (!options.additionalFields($S).isEmpty()) this.$N = options.additionalFields($S)",
            additional.group(1), name, additional.group(1));
      } else {
        continue;
      }
      m.addStatement("taken.add($S)", p.apiName());
    }
    return m.addStatement("$T.allTaken($S, options, taken)", PARAMS_CHECKS, op.operationId())
        .addStatement("return this").build();
  }

  /** The query values the operation catalogue can check, as {@code QueryOptions}. */
  private static MethodSpec queryOptions(FacadeOperation op, List<Param> inputs) {
    MethodSpec.Builder m = MethodSpec.methodBuilder("queryOptions").returns(QUERY_OPTIONS)
        .addJavadoc("The filter, sort, page size, fieldsets and include, for validation.\n")
        .addStatement("$T.Builder q = $T.builder()", QUERY_OPTIONS, QUERY_OPTIONS);
    for (Param p : inputs) {
      if (p.kind() != Kind.QUERY) continue;
      String name = p.setterName();
      Matcher fields = FIELDS.matcher(p.apiName());
      Matcher additional = ADDITIONAL_FIELDS.matcher(p.apiName());
      CodeBlock statement = null;
      if (isFilter(p)) {
        statement = CodeBlock.of("q.filter($N)", name);
      } else if (p.apiName().equals("sort") && p.type() == String.class) {
        statement = CodeBlock.of("q.sort($N)", name);
      } else if (p.apiName().equals("page[size]") && p.type() == Integer.class) {
        statement = CodeBlock.of("q.pageSize($N)", name);
      } else if (p.type() == CSVParams.class && p.apiName().equals("include")) {
        statement = CodeBlock.of("q.include($N)", name);
      } else if (p.type() == CSVParams.class && fields.matches()) {
        statement = CodeBlock.of("q.fields($S, $N)", fields.group(1), name);
      } else if (p.type() == CSVParams.class && additional.matches()) {
        statement = CodeBlock.of("q.additionalFields($S, $N)", additional.group(1), name);
      }
      if (statement != null) {
        m.beginControlFlow("if ($N != null)", name).addStatement(statement).endControlFlow();
      }
    }
    return m.addStatement("return q.build()").build();
  }

  private static MethodSpec toStringMethod(FacadeOperation op, List<Param> inputs) {
    // Names only: bodies and path values may hold personal data.
    MethodSpec.Builder m = MethodSpec.methodBuilder("toString").addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC).returns(String.class)
        .addStatement("$T<String> set = new $T<>()", List.class, ArrayList.class);
    for (Param p : inputs) {
      m.addStatement("if ($N != null) set.add($S)", p.setterName(), p.apiName());
    }
    return m.addStatement("return $S + set + $S", op.paramsName() + "{set=", "}").build();
  }

  /** The spec's description of the parameter as a Javadoc paragraph ("\n<p>..."), or "" if it has none. */
  private static String specDescription(FacadeOperation op, Param p) {
    if (p.kind() != Kind.PATH && p.kind() != Kind.QUERY) return "";
    String text = SourceNames.javadoc(op.parameterDescription(p.apiName()));
    return text.isEmpty() ? "" : "\n<p>" + text + "\n";
  }

  private static final String THIS_BUILDER = "@return this builder\n";

  private static String describe(Param p) {
    return switch (p.kind()) {
      case PATH -> "the path value {@code " + p.apiName() + "}";
      case QUERY -> "the query parameter {@code " + p.apiName() + "}";
      case BODY -> "the request document";
      case PART -> p.apiName().isEmpty() ? "the uploaded file part" : "the form part {@code " + p.apiName() + "}";
      case HEADER -> "the header {@code " + p.apiName() + "}";
      case REVISION -> "the revision";
    };
  }
}
