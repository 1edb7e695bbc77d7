package io.github.kvsdk.klaviyo.generated.json;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binds {@link JsonEnum} values by their JSON value, through the generated class's static {@code of(value)}.
 * Moshi's own enum adapter writes every constant as a string, which would turn the spec's integer and boolean
 * enums into strings, and cannot represent a value the pinned revision does not list.
 */
final class JsonEnumAdapterFactory implements JsonAdapter.Factory {
  @Override
  public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
    Class<?> raw = Types.getRawType(type);
    if (!annotations.isEmpty() || !JsonEnum.class.isAssignableFrom(raw) || raw.isInterface()) {
      return null;
    }
    return new Adapter(raw.asSubclass(JsonEnum.class)).nullSafe();
  }

  private static final class Adapter extends JsonAdapter<JsonEnum> {
    private final Class<? extends JsonEnum> type;
    private final Method of;
    private final Class<?> valueType;
    /** The listed constants by JSON value: the common case needs no reflective call. */
    private final Map<Object, JsonEnum> listed = new HashMap<>();

    Adapter(Class<? extends JsonEnum> type) {
      this.type = type;
      Method factory = null;
      for (Method method : type.getMethods()) {
        if (method.getName().equals("of") && Modifier.isStatic(method.getModifiers())
            && method.getParameterCount() == 1 && method.getReturnType() == type) {
          factory = method;
        }
      }
      if (factory == null) throw new IllegalArgumentException(type + " has no static of(value)");
      this.of = factory;
      this.valueType = factory.getParameterTypes()[0];
      try {
        for (Object constant : (List<?>) type.getMethod("values").invoke(null)) {
          JsonEnum value = (JsonEnum) constant;
          listed.put(value.getValue(), value);
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalArgumentException(type + " has no static values()", e);
      }
    }

    @Override
    public JsonEnum fromJson(JsonReader reader) throws IOException {
      String path = reader.getPath();
      JsonReader.Token token = reader.peek();
      Object value;
      if (valueType == String.class && token == JsonReader.Token.STRING) {
        value = reader.nextString();
      } else if (valueType == Boolean.class && token == JsonReader.Token.BOOLEAN) {
        value = reader.nextBoolean();
      } else if (token == JsonReader.Token.NUMBER && Number.class.isAssignableFrom(valueType)) {
        value = number(reader.nextString(), path);
      } else {
        throw new JsonDataException(
            type.getSimpleName() + " expects a " + valueType.getSimpleName() + " but was " + token + " at " + path);
      }
      JsonEnum constant = listed.get(value);
      if (constant != null) return constant;
      try {
        return (JsonEnum) of.invoke(null, value);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot call " + of, e);
      }
    }

    /** Reads a JSON number as the enum's value type, refusing one that type cannot hold exactly. */
    private Object number(String number, String path) {
      try {
        BigDecimal decimal = new BigDecimal(number);
        if (valueType == Integer.class) return decimal.intValueExact();
        if (valueType == Long.class) return decimal.longValueExact();
        if (valueType == BigDecimal.class) return canonical(decimal);
        if (valueType == Double.class) return decimal.doubleValue();
        if (valueType == Float.class) return decimal.floatValue();
      } catch (ArithmeticException | NumberFormatException e) {
        // Falls through to the error below.
      }
      String expected = valueType == Integer.class || valueType == Long.class ? "an integer" : "a " + valueType.getSimpleName();
      throw new JsonDataException(type.getSimpleName() + " expects " + expected + " but was " + number + " at " + path);
    }

    /**
     * A decimal as the constant that lists it, if one does ({@code 1.50} reads as the constant for
     * {@code 1.5}): {@code BigDecimal.equals} tells scales apart, JSON does not.
     */
    private Object canonical(BigDecimal decimal) {
      for (Object key : listed.keySet()) {
        if (key instanceof BigDecimal listedValue && listedValue.compareTo(decimal) == 0) return listedValue;
      }
      return decimal;
    }

    @Override
    public void toJson(JsonWriter writer, JsonEnum value) throws IOException {
      Object json = value.getValue();
      if (json instanceof Boolean b) {
        writer.value(b);
      } else if (json instanceof Number n) {
        writer.value(n);
      } else {
        writer.value(String.valueOf(json));
      }
    }

    @Override
    public String toString() {
      return "JsonAdapter(" + type.getSimpleName() + ")";
    }
  }
}
