package io.github.kvsdk.klaviyo.codegen.signatures;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Build-time tool, not API: prints the public signatures user code compiles against (the documented actions
 * and the typed facade), one per line, so that builds for two revisions can be compared with {@code diff}.
 *
 * <p>Each line starts with the operation id it belongs to ({@code get_profiles}), or {@code -} for members
 * that belong to no single operation, then a tab and the member's generic signature. Comparing only lines
 * whose operation exists in both revisions shows what a revision change breaks for existing callers.
 *
 * <p>Usage: {@code PublicSignatures <klaviyo-domain classes folder>}, with that folder and its dependencies on
 * the class path.
 */
public final class PublicSignatures {
  private static final List<String> PACKAGES = List.of("io/github/kvsdk/klaviyo/actions", "io/github/kvsdk/klaviyo/api");
  private static final Pattern PARAMS = Pattern.compile("([A-Za-z0-9]+)Params(\\$Builder)?");

  private PublicSignatures() {}

  /**
   * Prints the signature listing to standard output.
   *
   * @param args the {@code klaviyo-domain} classes folder
   * @throws Exception if the folder cannot be read or a class cannot be loaded
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 1) throw new IllegalArgumentException("usage: PublicSignatures <classes folder>");
    Path root = Paths.get(args[0]);
    TreeSet<String> lines = new TreeSet<>();
    for (String pkg : PACKAGES) {
      Path folder = root.resolve(pkg);
      if (!Files.isDirectory(folder)) continue;
      try (Stream<Path> files = Files.walk(folder)) {
        for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
          String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
          if (name.contains(".internal.")) continue;
          Class<?> type = Class.forName(name, false, PublicSignatures.class.getClassLoader());
          if (!Modifier.isPublic(type.getModifiers())) continue;
          signatures(type, lines);
        }
      }
    }
    lines.forEach(System.out::println);
  }

  private static void signatures(Class<?> type, TreeSet<String> lines) throws IOException {
    String owner = operationOf(type.getName(), null);
    lines.add(owner + "\t" + type.getName() + " " + modifiers(type.getModifiers()) + "type");
    for (Constructor<?> c : type.getDeclaredConstructors()) {
      if (Modifier.isPublic(c.getModifiers()) || Modifier.isProtected(c.getModifiers())) {
        lines.add(owner + "\t" + clean(c.toGenericString()));
      }
    }
    for (Method m : type.getDeclaredMethods()) {
      if (!(Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers())) || m.isSynthetic()) {
        continue;
      }
      String signature = clean(m.toGenericString());
      lines.add(operationOf(type.getName(), m) + "\t" + signature);
    }
    for (Field f : type.getDeclaredFields()) {
      if (Modifier.isPublic(f.getModifiers())) lines.add(owner + "\t" + clean(f.toGenericString()));
    }
  }

  /** The operation a params type, its builder or a service method belongs to, or {@code -}. */
  private static String operationOf(String className, Method method) {
    String simple = className.substring(className.lastIndexOf('.') + 1);
    Matcher params = PARAMS.matcher(simple);
    if (params.matches()) return snake(params.group(1));
    if (method != null) {
      for (Class<?> p : method.getParameterTypes()) {
        Matcher m = PARAMS.matcher(p.getSimpleName());
        if (m.matches()) return snake(m.group(1));
      }
      if (simple.endsWith("Service") && method.getParameterCount() == 0
          && !method.getReturnType().getSimpleName().endsWith("Service")) {
        // The no-argument overloads: getProfiles() is get_profiles.
        String name = method.getName().replaceAll("(Async|AutoPager)$", "");
        return snake(Character.toUpperCase(name.charAt(0)) + name.substring(1));
      }
    }
    return "-";
  }

  private static String snake(String pascal) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < pascal.length(); i++) {
      char c = pascal.charAt(i);
      if (Character.isUpperCase(c) && i > 0) out.append('_');
      out.append(Character.toLowerCase(c));
    }
    return out.toString();
  }

  private static String modifiers(int modifiers) {
    String text = Modifier.toString(modifiers & (Modifier.ABSTRACT | Modifier.FINAL | Modifier.STATIC));
    return text.isEmpty() ? "" : text + " ";
  }

  /** Drops the generated package names so that lines stay readable; they are the same in every revision. */
  private static String clean(String signature) {
    return signature.replace("io.github.kvsdk.klaviyo.generated.model.", "")
        .replace("io.github.kvsdk.klaviyo.", "");
  }
}
