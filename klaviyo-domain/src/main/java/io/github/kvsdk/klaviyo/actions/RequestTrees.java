package io.github.kvsdk.klaviyo.actions;

import com.squareup.moshi.Json;
import io.github.kvsdk.klaviyo.generated.json.JsonEnum;
import io.github.kvsdk.klaviyo.generated.json.JsonNullable;
import io.github.kvsdk.klaviyo.generated.json.JsonUnion;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a request tree a caller built against the generated model it is bound to, by the model's declared
 * JSON names: the generated models skip names they do not know, and keep a {@code oneOf} union's JSON as
 * given, so a mistyped key would otherwise be dropped or sent unchecked. Free-form members (event and profile
 * {@code properties}) take any key.
 */
final class RequestTrees {
  /** A member the request cannot carry: where it is, and whether only its null value is the problem. */
  record Problem(String path, boolean nullNotAccepted) {}

  private static final Map<Class<?>, Map<String, Member>> MEMBERS = new ConcurrentHashMap<>();

  private record Member(Type type, boolean nullable) {}

  private RequestTrees() {}

  /** The first member of {@code tree} that {@code model} cannot carry, or null if it carries them all. */
  static Problem firstProblem(Object tree, Class<?> model) {
    return check(tree, model, "");
  }

  private static Problem check(Object tree, Type type, String path) {
    if (tree == null) return null;
    Class<?> raw = rawType(type);
    if (tree instanceof Collection<?> list && Collection.class.isAssignableFrom(raw)) {
      Type element = typeArgument(type, 0);
      int i = 0;
      for (Object item : list) {
        Problem p = check(item, element, path + "[" + i++ + "]");
        if (p != null) return p;
      }
      return null;
    }
    if (!(tree instanceof Map<?, ?> map)) return null;
    if (Map.class.isAssignableFrom(raw)) {
      Type values = typeArgument(type, 1);
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        Problem p = check(entry.getValue(), values, join(path, entry.getKey()));
        if (p != null) return p;
      }
      return null;
    }
    if (JsonUnion.class.isAssignableFrom(raw)) return checkUnion(map, raw, path);
    if (!isModel(raw)) return null; // Object: free-form JSON
    Map<String, Member> members = members(raw);
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String name = String.valueOf(entry.getKey());
      String memberPath = join(path, name);
      Member member = members.get(name);
      if (member == null) return new Problem(memberPath, false);
      if (entry.getValue() == null) {
        if (!member.nullable()) return new Problem(memberPath, true);
        continue;
      }
      Problem p = check(entry.getValue(), member.type(), memberPath);
      if (p != null) return p;
    }
    return null;
  }

  /** A union fits if one of its object branches takes every member; otherwise the closest branch's problem. */
  private static Problem checkUnion(Map<?, ?> tree, Class<?> union, String path) {
    Problem closest = null;
    int closestDepth = -1;
    boolean anyObjectBranch = false;
    for (Type branch : branches(union)) {
      Class<?> raw = rawType(branch);
      if (!isModel(raw) && !Map.class.isAssignableFrom(raw)) continue;
      anyObjectBranch = true;
      Problem p = check(tree, branch, path);
      if (p == null) return null;
      int depth = p.path().length();
      if (depth > closestDepth) {
        closest = p;
        closestDepth = depth;
      }
    }
    return anyObjectBranch ? closest : null;
  }

  private static List<Type> branches(Class<?> union) {
    List<Type> branches = new ArrayList<>();
    for (Method method : union.getDeclaredMethods()) {
      if (Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())
          && method.getParameterCount() == 0 && method.getName().startsWith("get")) {
        branches.add(method.getGenericReturnType());
      }
    }
    return branches;
  }

  private static boolean isModel(Class<?> raw) {
    return raw.getName().startsWith("io.github.kvsdk.klaviyo.generated.model.") && !raw.isEnum()
        && !JsonEnum.class.isAssignableFrom(raw) && !JsonUnion.class.isAssignableFrom(raw);
  }

  private static Map<String, Member> members(Class<?> model) {
    return MEMBERS.computeIfAbsent(model, c -> {
      Map<String, Member> members = new LinkedHashMap<>();
      for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
        for (Field field : k.getDeclaredFields()) {
          int modifiers = field.getModifiers();
          if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers)) continue;
          Json json = field.getAnnotation(Json.class);
          String name = json != null ? json.name() : field.getName();
          Type type = field.getGenericType();
          boolean nullable = rawType(type) == JsonNullable.class;
          members.put(name, new Member(nullable ? typeArgument(type, 0) : type, nullable));
        }
      }
      return members;
    });
  }

  private static Class<?> rawType(Type type) {
    if (type instanceof Class<?> c) return c;
    if (type instanceof ParameterizedType p) return (Class<?>) p.getRawType();
    return Object.class;
  }

  private static Type typeArgument(Type type, int index) {
    if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
      Type argument = p.getActualTypeArguments()[index];
      return argument instanceof java.lang.reflect.WildcardType w ? w.getUpperBounds()[0] : argument;
    }
    return Object.class;
  }

  private static String join(String path, Object key) {
    return path.isEmpty() ? String.valueOf(key) : path + "." + key;
  }
}
