package io.github.kvsdk.klaviyo.actions;

import io.github.kvsdk.klaviyo.api.RequestOptions;
import io.github.kvsdk.klaviyo.api.internal.ServiceContext;
import io.github.kvsdk.klaviyo.api.internal.ServicePages;
import okhttp3.OkHttpClient;
import io.github.kvsdk.klaviyo.catalog.Operation;
import io.github.kvsdk.klaviyo.catalog.OperationCatalog;
import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.generated.CollectionFormats.CSVParams;
import io.github.kvsdk.klaviyo.generated.json.JsonUnion;
import io.github.kvsdk.klaviyo.generated.json.KlaviyoMoshi;
import io.github.kvsdk.klaviyo.generated.model.CollectionLinks;
import io.github.kvsdk.klaviyo.http.KlaviyoCalls;
import io.github.kvsdk.klaviyo.paging.AutoPager;
import io.github.kvsdk.klaviyo.paging.FetchedPage;
import io.github.kvsdk.klaviyo.paging.Included;
import io.github.kvsdk.klaviyo.paging.IncludedTypes;
import io.github.kvsdk.klaviyo.paging.Page;
import io.github.kvsdk.klaviyo.paging.PageLinks;
import io.github.kvsdk.klaviyo.paging.PageLoader;
import io.github.kvsdk.klaviyo.paging.ResourceConverter;
import io.github.kvsdk.klaviyo.query.QueryOptions;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Converter;
import retrofit2.Invocation;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/**
 * What every action facade needs: the client, the catalogue, JSON binding and call execution.
 *
 * <p>The generated services are bound here with the generated models' own Moshi configuration ({@link
 * KlaviyoMoshi}: value-typed enums, unions, {@code java.time}, tri-state nullables) over the client's
 * fully configured OkHttp stack, so authentication, retries, rate limiting and logging all apply.
 */
final class ActionContext {
  final ServiceContext services;
  final OperationCatalog catalog;
  final ResourceConverter converter;
  final IncludedTypes includedTypes;

  ActionContext(ServiceContext services) {
    this.services = services;
    this.catalog = OperationCatalog.packaged();
    this.converter = services.converter();
    this.includedTypes = services.includedTypes();
  }

  <S> S api(Class<S> service) {
    return services.api(service, RequestOptions.none());
  }

  String revision() {
    return services.revision();
  }

  OkHttpClient httpClient() {
    return services.httpClient();
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

  <T> T execute(Call<T> call) {
    return KlaviyoCalls.execute(call);
  }

  <T> CompletableFuture<T> executeAsync(Call<T> call) {
    return KlaviyoCalls.executeAsync(call);
  }

  /** The pages of a listing whose links are Klaviyo's collection links. */
  private <R, T> ServicePages<R, T> pages(
      Function<String, Call<R>> callForCursor,
      Function<R, List<T>> data,
      Function<R, List<?>> included,
      Function<R, CollectionLinks> links) {
    return services.pages(null, RequestOptions.none(), callForCursor, data, included, r -> {
      CollectionLinks l = links.apply(r);
      return l == null ? PageLinks.none() : PageLinks.of(l.getSelf(), l.getNext(), l.getPrev(), l.getFirst(), l.getLast());
    });
  }

  /** The first page of a listing; its loader fetches the rest. */
  <R, T> Page<T> firstPage(
      Function<String, Call<R>> callForCursor,
      Function<R, List<T>> data,
      Function<R, List<?>> included,
      Function<R, CollectionLinks> links) {
    return pages(callForCursor, data, included, links).first();
  }

  <R, T> CompletableFuture<Page<T>> firstPageAsync(
      Function<String, Call<R>> callForCursor,
      Function<R, List<T>> data,
      Function<R, List<?>> included,
      Function<R, CollectionLinks> links) {
    return pages(callForCursor, data, included, links).firstAsync();
  }

  <R, T> AutoPager<T> allPages(
      Function<String, Call<R>> callForCursor,
      Function<R, List<T>> data,
      Function<R, List<?>> included,
      Function<R, CollectionLinks> links) {
    return AutoPager.lazy(() -> firstPage(callForCursor, data, included, links));
  }

  /** {@code fields[type]} of {@code options} as the generated services take it, or null. */
  static CSVParams fields(QueryOptions options, String type) {
    return csv(options.fields(type));
  }

  /** {@code additional-fields[type]} of {@code options}, or null. */
  static CSVParams additionalFields(QueryOptions options, String type) {
    return csv(options.additionalFields(type));
  }

  static CSVParams include(QueryOptions options) {
    return csv(options.include());
  }

  static String filter(QueryOptions options) {
    return options.filter().map(f -> f.expression()).orElse(null);
  }

  static Integer pageSize(QueryOptions options) {
    return options.pageSize().isPresent() ? options.pageSize().getAsInt() : null;
  }

  private static CSVParams csv(List<String> values) {
    return values.isEmpty() ? null : new CSVParams(values);
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
