package io.github.kvsdk.klaviyo.generated.json;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import java.io.IOException;

/**
 * The adapter for {@code Object}: free-form JSON such as event and profile {@code properties}. Replaces
 * Moshi's default, which reads every number as a {@code double} and so loses digits and turns {@code 1}
 * into {@code 1.0}.
 */
final class JsonValueAdapter extends JsonAdapter<Object> {
  private final Moshi moshi;

  JsonValueAdapter(Moshi moshi) {
    this.moshi = moshi;
  }

  @Override
  public Object fromJson(JsonReader reader) throws IOException {
    return JsonTrees.read(reader);
  }

  @Override
  public void toJson(JsonWriter writer, Object value) throws IOException {
    if (value == null) {
      writer.nullValue(); // an unset Object property stays absent
      return;
    }
    JsonTrees.write(writer, value, this::writeTyped);
  }

  @SuppressWarnings("unchecked")
  private void writeTyped(JsonWriter writer, Object value) throws IOException {
    ((JsonAdapter<Object>) moshi.adapter(value.getClass())).toJson(writer, value);
  }

  @Override
  public String toString() {
    return "JsonAdapter(Object, lossless)";
  }
}
