package io.github.kvsdk.klaviyo.generated.json;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Type;
import java.util.Set;

/** Binds every {@link JsonUnion} subclass: reads a lossless tree, writes the branch it holds. */
final class JsonUnionAdapterFactory implements JsonAdapter.Factory {
  @Override
  public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
    Class<?> raw = Types.getRawType(type);
    if (!annotations.isEmpty() || !JsonUnion.class.isAssignableFrom(raw) || raw == JsonUnion.class) {
      return null;
    }
    MethodHandle ofJson;
    try {
      ofJson = MethodHandles.publicLookup()
          .findStatic(raw, "ofJson", MethodType.methodType(raw, Object.class));
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(raw + " has no public static ofJson(Object)", e);
    }
    return new Adapter(raw, ofJson, moshi).nullSafe();
  }

  private static final class Adapter extends JsonAdapter<JsonUnion> {
    private final Class<?> type;
    private final MethodHandle ofJson;
    private final JsonValueAdapter trees;
    private final Moshi moshi;

    Adapter(Class<?> type, MethodHandle ofJson, Moshi moshi) {
      this.type = type;
      this.ofJson = ofJson;
      this.trees = new JsonValueAdapter(moshi);
      this.moshi = moshi;
    }

    @Override
    public JsonUnion fromJson(JsonReader reader) throws IOException {
      Object tree = JsonTrees.read(reader);
      try {
        return (JsonUnion) ofJson.invoke(tree);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void toJson(JsonWriter writer, JsonUnion value) throws IOException {
      if (value.rawType() == null) {
        trees.toJson(writer, value.rawValue());
      } else {
        ((JsonAdapter<Object>) moshi.adapter(value.rawType())).toJson(writer, value.rawValue());
      }
    }

    @Override
    public String toString() {
      return "JsonAdapter(" + type.getSimpleName() + ")";
    }
  }
}
