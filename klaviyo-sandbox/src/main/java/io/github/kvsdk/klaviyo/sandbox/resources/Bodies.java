package io.github.kvsdk.klaviyo.sandbox.resources;

import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reading JSON:API request bodies with Klaviyo-style 400 errors that point at the offending member. */
final class Bodies {
  private Bodies() {}

  /** {@code body.data}, checking {@code data.type}. */
  static Map<String, Object> data(Map<String, Object> body, String expectedType) {
    Map<String, Object> data = object(body.get("data"), "/data");
    Object type = data.get("type");
    if (type == null) {
      throw ApiException.invalidBody("/data/type", "'type' is a required field.");
    }
    if (!expectedType.equals(type)) {
      throw ApiException.invalidBody("/data/type",
          "'" + type + "' is not a valid type for this endpoint; expected '" + expectedType + "'.");
    }
    return data;
  }

  /**
   * {@code data.attributes} (required), keeping only the names in {@code allowed} when it is non-null. Members
   * the spec does not declare never get here (the request was validated against the spec first); members it
   * declares but this endpoint does not emulate are ignored.
   */
  static Map<String, Object> attributes(Map<String, Object> data, String pointer, Set<String> allowed) {
    Map<String, Object> attributes = object(data.get("attributes"), pointer + "/attributes");
    if (allowed == null || allowed.containsAll(attributes.keySet())) {
      return attributes;
    }
    Map<String, Object> known = new java.util.LinkedHashMap<>(attributes);
    known.keySet().retainAll(allowed);
    return known;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object value, String pointer) {
    if (value == null) {
      throw ApiException.invalidBody(pointer, "'" + last(pointer) + "' is a required field.");
    }
    if (!(value instanceof Map)) {
      throw ApiException.invalidBody(pointer, "'" + last(pointer) + "' must be an object.");
    }
    return (Map<String, Object>) value;
  }

  /** An optional object member (null if absent). */
  static Map<String, Object> optionalObject(Object value, String pointer) {
    return value == null ? null : object(value, pointer);
  }

  @SuppressWarnings("unchecked")
  static List<Object> array(Object value, String pointer) {
    if (value == null) {
      throw ApiException.invalidBody(pointer, "'" + last(pointer) + "' is a required field.");
    }
    if (!(value instanceof List)) {
      throw ApiException.invalidBody(pointer, "'" + last(pointer) + "' must be an array.");
    }
    return (List<Object>) value;
  }

  static String requiredString(Map<String, Object> map, String name, String pointer) {
    Object v = map.get(name);
    if (v == null) {
      throw ApiException.invalidBody(pointer + "/" + name, "'" + name + "' is a required field.");
    }
    if (!(v instanceof String s)) {
      throw ApiException.invalidBody(pointer + "/" + name, "'" + name + "' must be a string.");
    }
    if (s.isBlank()) {
      throw ApiException.invalidBody(pointer + "/" + name, "'" + name + "' must not be blank.");
    }
    return s;
  }

  static String optionalString(Map<String, Object> map, String name, String pointer) {
    Object v = map.get(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw ApiException.invalidBody(pointer + "/" + name, "'" + name + "' must be a string.");
    }
    return s;
  }

  static Boolean optionalBoolean(Map<String, Object> map, String name, String pointer) {
    Object v = map.get(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Boolean b)) {
      throw ApiException.invalidBody(pointer + "/" + name, "'" + name + "' must be a boolean.");
    }
    return b;
  }

  /** Checks that {@code data.id} matches the path id. */
  static void checkId(Map<String, Object> data, String pathId) {
    Object id = data.get("id");
    if (id == null) {
      throw ApiException.invalidBody("/data/id", "'id' is a required field.");
    }
    if (!pathId.equals(id)) {
      throw ApiException.conflict("The id in the body (" + id + ") does not match the id in the URL (" + pathId + ").");
    }
  }

  private static String last(String pointer) {
    return pointer.substring(pointer.lastIndexOf('/') + 1);
  }
}
