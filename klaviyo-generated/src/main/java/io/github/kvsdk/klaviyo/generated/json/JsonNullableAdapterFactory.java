package io.github.kvsdk.klaviyo.generated.json;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Set;

/**
 * Binds {@link JsonNullable}: JSON {@code null} reads as {@link JsonNullable#ofNull()}; a missing property
 * leaves the Java field {@code null}, which writes nothing; an explicit null is written even when the
 * writer drops nulls, because that is the point of the type.
 */
final class JsonNullableAdapterFactory implements JsonAdapter.Factory {
  @Override
  public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
    if (!annotations.isEmpty() || Types.getRawType(type) != JsonNullable.class) {
      return null;
    }
    Type valueType = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
    return new Adapter<>(moshi.adapter(valueType));
  }

  private static final class Adapter<T> extends JsonAdapter<JsonNullable<T>> {
    private final JsonAdapter<T> delegate;

    Adapter(JsonAdapter<T> delegate) {
      this.delegate = delegate;
    }

    @Override
    public JsonNullable<T> fromJson(JsonReader reader) throws IOException {
      if (reader.peek() == JsonReader.Token.NULL) {
        reader.nextNull();
        return JsonNullable.ofNull();
      }
      return JsonNullable.of(delegate.fromJson(reader));
    }

    @Override
    public void toJson(JsonWriter writer, JsonNullable<T> value) throws IOException {
      if (value == null || !value.isPresent()) {
        writer.nullValue(); // dropped with its name: the property stays absent
      } else if (value.isNull()) {
        JsonTrees.writeExplicitNull(writer);
      } else {
        delegate.toJson(writer, value.get());
      }
    }

    @Override
    public String toString() {
      return "JsonAdapter(JsonNullable<" + delegate + ">)";
    }
  }
}
