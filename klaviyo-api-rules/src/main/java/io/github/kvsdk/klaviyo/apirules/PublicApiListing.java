package io.github.kvsdk.klaviyo.apirules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The text listing of a module's public API: every public type outside {@code internal} packages whose source
 * is in the given source folders, with its supertypes and its public and protected constructors, methods and
 * fields, sorted so that the same classes always give the same text.
 *
 * <p>Types are read by reflection from the module's compiled classes (already on the test class path).
 */
public final class PublicApiListing {
  private final Path classes;
  private final List<Path> sourceRoots;

  private PublicApiListing(Path classes, List<Path> sourceRoots) {
    this.classes = classes;
    this.sourceRoots = List.copyOf(sourceRoots);
  }

  /**
   * {@return the listing of the types compiled into {@code classes} whose top-level source file is in one of
   * {@code sourceRoots}} A module's generated models can so be left out while its generated facade is in.
   *
   * @param classes the module's class folder, such as {@code target/classes}
   * @param sourceRoots the source folders whose types are listed
   */
  public static PublicApiListing of(Path classes, List<Path> sourceRoots) {
    return new PublicApiListing(classes, sourceRoots);
  }

  /** {@return the listing's lines: a line per type, then its members indented by two spaces} */
  public List<String> lines() {
    Map<String, List<String>> byType = new TreeMap<>();
    for (Class<?> type : apiTypes()) {
      TreeSet<String> members = new TreeSet<>();
      for (Constructor<?> c : type.getDeclaredConstructors()) {
        if (visible(c.getModifiers()) && !c.isSynthetic()) members.add(executable(c, null));
      }
      // Public methods a public class inherits from a package-private superclass are called on the class.
      for (Class<?> t = type; t != null && (t == type || !accessible(t)); t = t.getSuperclass()) {
        for (Method m : t.getDeclaredMethods()) {
          if (visible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) members.add(executable(m, m));
        }
      }
      for (Field f : type.getDeclaredFields()) {
        if (visible(f.getModifiers()) && !f.isSynthetic()) {
          members.add(modifiers(f.getModifiers(), false) + name(f.getGenericType()) + " " + f.getName());
        }
      }
      List<String> lines = new ArrayList<>();
      lines.add(header(type));
      members.forEach(m -> lines.add("  " + m));
      byType.put(type.getName(), lines);
    }
    return byType.values().stream().flatMap(List::stream).collect(Collectors.toList());
  }

  private List<Class<?>> apiTypes() {
    List<Class<?>> types = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class")).sorted()::iterator) {
        String binaryName = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")
            .replaceAll("\\.class$", "");
        if (binaryName.endsWith("package-info") || binaryName.equals("module-info")) continue;
        String packageName = binaryName.contains(".") ? binaryName.substring(0, binaryName.lastIndexOf('.')) : "";
        if (ApiRules.isInternalPackage(packageName) || !hasSource(binaryName)) continue;
        Class<?> type = Class.forName(binaryName, false, PublicApiListing.class.getClassLoader());
        if (accessible(type)) types.add(type);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("compiled class not on the test class path: " + e.getMessage(), e);
    }
    return types;
  }

  private boolean hasSource(String binaryName) {
    String topLevel = binaryName.contains("$") ? binaryName.substring(0, binaryName.indexOf('$')) : binaryName;
    String relative = topLevel.replace('.', '/') + ".java";
    return sourceRoots.stream().anyMatch(root -> Files.isRegularFile(root.resolve(relative)));
  }

  private static boolean accessible(Class<?> type) {
    if (type.isAnonymousClass() || type.isLocalClass() || type.isSynthetic()) return false;
    for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
      int modifiers = t.getModifiers();
      if (!(Modifier.isPublic(modifiers) || t.getDeclaringClass() != null && Modifier.isProtected(modifiers))) {
        return false;
      }
    }
    return true;
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static String header(Class<?> type) {
    String kind;
    int modifiers = type.getModifiers();
    if (type.isAnnotation()) {
      kind = "@interface";
      modifiers &= ~(Modifier.ABSTRACT | Modifier.INTERFACE);
    } else if (type.isInterface()) {
      kind = "interface";
      modifiers &= ~(Modifier.ABSTRACT | Modifier.INTERFACE);
    } else if (type.isEnum()) {
      kind = "enum";
      modifiers &= ~(Modifier.FINAL | Modifier.ABSTRACT);
    } else if (type.isRecord()) {
      kind = "record";
      modifiers &= ~Modifier.FINAL;
    } else {
      kind = "class";
    }
    if (type.isMemberClass() && (type.isInterface() || type.isEnum() || type.isRecord())) {
      modifiers &= ~Modifier.STATIC;
    }
    StringBuilder line = new StringBuilder(modifiers(modifiers, false));
    if (type.isSealed()) line.append("sealed ");
    line.append(kind).append(' ').append(type.getName()).append(typeParameters(type.getTypeParameters()));
    Type superclass = type.getGenericSuperclass();
    // A package-private superclass is no part of the API: its public methods are listed as the type's own.
    for (Class<?> raw = type.getSuperclass(); raw != null && !accessible(raw); raw = raw.getSuperclass()) {
      superclass = raw.getGenericSuperclass();
    }
    if (superclass != null && superclass != Object.class && !type.isEnum() && !type.isRecord()) {
      line.append(" extends ").append(name(superclass));
    }
    Type[] interfaces = type.getGenericInterfaces();
    if (interfaces.length > 0) {
      line.append(type.isInterface() ? " extends " : " implements ")
          .append(Arrays.stream(interfaces).map(PublicApiListing::name).collect(Collectors.joining(", ")));
    }
    return line.toString();
  }

  private static String executable(Executable e, Method method) {
    StringBuilder line = new StringBuilder(modifiers(e.getModifiers(), e.getDeclaringClass().isInterface()));
    if (method != null && method.isDefault()) line.append("default ");
    String typeParameters = typeParameters(e.getTypeParameters());
    if (!typeParameters.isEmpty()) line.append(typeParameters).append(' ');
    if (method != null) line.append(name(method.getGenericReturnType())).append(' ');
    line.append(method != null ? method.getName() : e.getDeclaringClass().getSimpleName()).append('(');
    Type[] parameters = e.getGenericParameterTypes();
    for (int i = 0; i < parameters.length; i++) {
      if (i > 0) line.append(", ");
      String parameter = name(parameters[i]);
      if (e.isVarArgs() && i == parameters.length - 1) parameter = parameter.replaceAll("\\[]$", "...");
      line.append(parameter);
    }
    line.append(')');
    Type[] exceptions = e.getGenericExceptionTypes();
    if (exceptions.length > 0) {
      line.append(" throws ")
          .append(Arrays.stream(exceptions).map(PublicApiListing::name).collect(Collectors.joining(", ")));
    }
    return line.toString();
  }

  private static String modifiers(int modifiers, boolean interfaceMember) {
    int shown = modifiers & (Modifier.PUBLIC | Modifier.PROTECTED | Modifier.ABSTRACT | Modifier.STATIC
        | Modifier.FINAL);
    if (interfaceMember) shown &= ~Modifier.ABSTRACT;
    String text = Modifier.toString(shown);
    return text.isEmpty() ? "" : text + " ";
  }

  private static String typeParameters(TypeVariable<?>[] variables) {
    if (variables.length == 0) return "";
    return Arrays.stream(variables).map(v -> {
      List<String> bounds = Arrays.stream(v.getBounds()).filter(b -> b != Object.class)
          .map(PublicApiListing::name).collect(Collectors.toList());
      return bounds.isEmpty() ? v.getName() : v.getName() + " extends " + String.join(" & ", bounds);
    }).collect(Collectors.joining(", ", "<", ">"));
  }

  private static String name(Type type) {
    if (type instanceof GenericArrayType array) return name(array.getGenericComponentType()) + "[]";
    return type.getTypeName();
  }

  /**
   * Compares the listing with the committed file at {@code listing}. With {@code -Dapi.update=true} the file is
   * written instead. Builds of another revision than the pinned one (whose generated facade differs) skip.
   *
   * @param listing the committed listing file
   * @param module the module's folder name, for the update command in the failure message
   * @param builtRevision the Klaviyo API revision the module's classes were built for
   */
  public void assertMatches(Path listing, String module, String builtRevision) {
    String pinned = System.getProperty("klaviyo.revision.pinned");
    org.junit.jupiter.api.Assumptions.assumeTrue(pinned == null || pinned.equals(builtRevision),
        () -> "public-API listing compared only for the pinned revision " + pinned + "; this build is for "
            + builtRevision);
    String expected = String.join("\n", header(module)) + "\n" + String.join("\n", lines()) + "\n";
    try {
      if (Boolean.getBoolean("api.update")) {
        Files.createDirectories(listing.toAbsolutePath().getParent());
        Files.writeString(listing, expected, StandardCharsets.UTF_8);
        System.out.println("Wrote the public-API listing " + listing.toAbsolutePath());
        return;
      }
      String committed = Files.isRegularFile(listing) ? Files.readString(listing, StandardCharsets.UTF_8) : "";
      if (!committed.replace("\r\n", "\n").equals(expected)) {
        throw new AssertionError(difference(listing, module, committed, expected));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> header(String module) {
    return List.of(
        "# Public API of " + module + ": every public type outside internal packages and its public and protected",
        "# members. Checked by PublicApiListingTest; update (after ./mvnw -B install -DskipTests) with",
        "#   " + updateCommand(module));
  }

  /**
   * {@return the command that rewrites one module's listing}
   *
   * @param module the module's folder name, such as {@code klaviyo-domain}
   */
  public static String updateCommand(String module) {
    return "./mvnw -B -pl " + module + " test -Dtest=PublicApiListingTest -Dapi.update=true";
  }

  /** Member lines prefixed with their type's line, so that a difference says whose member changed. */
  private static List<String> qualified(String listing) {
    List<String> lines = new ArrayList<>();
    String type = "";
    for (String line : listing.lines().collect(Collectors.toList())) {
      if (line.startsWith("#")) continue;
      if (line.startsWith("  ")) {
        lines.add(type + " :: " + line.strip());
      } else {
        type = line;
        lines.add(line);
      }
    }
    return lines;
  }

  private static String difference(Path listing, String module, String committed, String expected) {
    List<String> before = qualified(committed);
    List<String> after = qualified(expected);
    TreeSet<String> removed = new TreeSet<>(before);
    removed.removeAll(after);
    TreeSet<String> added = new TreeSet<>(after);
    added.removeAll(before);
    StringBuilder message = new StringBuilder("The public API of " + module + " differs from "
        + listing + (committed.isEmpty() ? " (missing)" : "") + ".\n");
    int shown = 0;
    for (String line : removed) {
      if (shown++ < 40) message.append("- ").append(line).append('\n');
    }
    for (String line : added) {
      if (shown++ < 40) message.append("+ ").append(line).append('\n');
    }
    if (shown > 40) message.append("... ").append(shown - 40).append(" more lines differ\n");
    message.append("If the change is intended, review it and update the listing:\n  ")
        .append(updateCommand(module)).append('\n')
        .append("(after ./mvnw -B install -DskipTests; every module at once: see CONTRIBUTING.md)");
    return message.toString();
  }
}
