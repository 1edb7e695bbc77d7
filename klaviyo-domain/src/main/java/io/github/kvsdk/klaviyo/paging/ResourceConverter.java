package io.github.kvsdk.klaviyo.paging;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;

/**
 * Converts a JSON:API resource between its JSON tree ({@code Map}, {@code List}, {@code String}, {@code
 * Double}, {@code Boolean}, null) and a model class. {@link Included} uses it to turn each included
 * resource into the class registered for its {@code type}.
 */
public interface ResourceConverter {
  /**
   * {@return {@code tree} bound to {@code type}}
   *
   * @param tree a resource as a JSON tree (maps, lists, strings, numbers, booleans, null)
   * @param type the model class to bind to
   * @param <R> the model type
   * @throws IllegalArgumentException if the tree does not fit the class.
   */
  <R> R fromTree(Object tree, Class<R> type);

  /**
   * {@return the JSON tree of a model object}
   *
   * @param resource a model object of a class the converter can bind
   */
  Object toTree(Object resource);

  /**
   * {@return a converter backed by {@code moshi}}
   *
   * @param moshi a Moshi instance that knows how to bind the model classes used
   */
  static ResourceConverter moshi(Moshi moshi) {
    return new ResourceConverter() {
      @Override
      public <R> R fromTree(Object tree, Class<R> type) {
        try {
          return moshi.adapter(type).fromJsonValue(tree);
        } catch (JsonDataException e) {
          throw new IllegalArgumentException("JSON does not fit " + type.getName() + ": " + e.getMessage(), e);
        }
      }

      @Override
      public Object toTree(Object resource) {
        @SuppressWarnings("unchecked")
        Class<Object> type = (Class<Object>) resource.getClass();
        return moshi.adapter(type).toJsonValue(resource);
      }
    };
  }
}
