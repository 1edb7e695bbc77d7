package io.github.kvsdk.klaviyo.generated.json;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.Set;

/**
 * Binds {@link JsonEnum} constants by their JSON value. Moshi's own enum adapter writes every constant as a
 * string, which would turn the spec's integer and boolean enums into strings.
 */
final class JsonEnumAdapterFactory implements JsonAdapter.Factory {
  @Override
  public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
    Class<?> raw = Types.getRawType(type);
    if (!annotations.isEmpty() || !raw.isEnum() || !JsonEnum.class.isAssignableFrom(raw)) {
      return null;
    }
    return new Adapter(raw.asSubclass(JsonEnum.class)).nullSafe();
  }

  private static final class Adapter extends JsonAdapter<JsonEnum> {
    private final Class<? extends JsonEnum> type;
    private final JsonEnum[] constants;

    Adapter(Class<? extends JsonEnum> type) {
      this.type = type;
      this.constants = type.getEnumConstants();
    }

    @Override
    public JsonEnum fromJson(JsonReader reader) throws IOException {
      JsonReader.Token token = reader.peek();
      String path = reader.getPath();
      Object read = switch (token) {
        case BOOLEAN -> reader.nextBoolean();
        case NUMBER -> new BigDecimal(reader.nextString());
        default -> reader.nextString();
      };
      for (JsonEnum constant : constants) {
        if (matches(constant.getValue(), read)) {
          return constant;
        }
      }
      throw new JsonDataException(
          "Unknown " + type.getSimpleName() + " value '" + read + "' at " + path
              + "; this SDK was generated for a revision that does not know it");
    }

    private static boolean matches(Object constant, Object read) {
      if (constant instanceof Number n && read instanceof BigDecimal d) {
        return new BigDecimal(n.toString()).compareTo(d) == 0;
      }
      return constant.equals(read);
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
