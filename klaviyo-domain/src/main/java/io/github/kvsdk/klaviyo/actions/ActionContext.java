package io.github.kvsdk.klaviyo.actions;

import io.github.kvsdk.klaviyo.api.internal.ServiceContext;
import io.github.kvsdk.klaviyo.catalog.Operation;
import io.github.kvsdk.klaviyo.catalog.OperationCatalog;
import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.paging.IncludedTypes;
import io.github.kvsdk.klaviyo.paging.ResourceConverter;
import io.github.kvsdk.klaviyo.query.QueryOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the action conveniences add to the typed services they extend: query-option validation against the
 * catalogue, request documents built as trees and checked against the operation's request model, and
 * splitting bulk inputs into jobs.
 */
final class ActionContext {
  final OperationCatalog catalog;
  final ResourceConverter converter;
  final IncludedTypes includedTypes;

  ActionContext(ServiceContext services) {
    this.catalog = OperationCatalog.packaged();
    this.converter = services.converter();
    this.includedTypes = services.includedTypes();
  }

  /** Checks {@code options} against what {@code operationId} accepts; returns them for chaining. */
  QueryOptions validate(String operationId, QueryOptions options) {
    Operation operation = catalog.operation(operationId);
    return (options == null ? QueryOptions.none() : options).validateFor(operation);
  }

  /**
   * Binds a JSON:API request document built as a tree to the generated request model, and refuses any member
   * the request schema does not define: the generated models skip names they do not know (and keep unions as
   * given), so without this check a mistyped key in a caller's map, or an attribute the operation does not
   * take, would be dropped silently or sent unchecked.
   *
   * @throws KlaviyoValidationException naming the first such member by its JSON path, before anything is sent
   */
  <T> T body(Map<String, Object> document, Class<T> model) {
    RequestTrees.Problem problem = RequestTrees.firstProblem(document, model);
    if (problem != null) {
      throw new KlaviyoValidationException(problem.path(), problem.nullNotAccepted()
          ? "Klaviyo does not accept null here; leave it out instead"
          : "is not a member Klaviyo accepts here; check its spelling and the operation's request schema");
    }
    T bound;
    try {
      bound = converter.fromTree(document, model);
    } catch (IllegalArgumentException e) {
      throw new KlaviyoValidationException("body", "does not fit the operation's request schema: " + e.getMessage());
    }
    return bound;
  }

  /** Splits {@code items} into consecutive batches of at most {@code size}. */
  static <T> List<List<T>> batches(List<T> items, int size) {
    List<List<T>> batches = new ArrayList<>();
    for (int i = 0; i < items.size(); i += size) {
      batches.add(List.copyOf(items.subList(i, Math.min(items.size(), i + size))));
    }
    return batches;
  }

  /** The number of items in each batch {@link #batches} made. */
  static List<Integer> sizes(List<? extends List<?>> batches) {
    List<Integer> sizes = new ArrayList<>();
    for (List<?> batch : batches) sizes.add(batch.size());
    return sizes;
  }

  /** Throws unless {@code value} is a non-blank string. */
  static String require(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new KlaviyoValidationException(field, "is required and must not be blank");
    }
    return value;
  }
}
