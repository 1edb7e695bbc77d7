package io.github.kvsdk.klaviyo.api.internal;

import io.github.kvsdk.klaviyo.api.RequestOptions;
import io.github.kvsdk.klaviyo.catalog.OperationCatalog;
import io.github.kvsdk.klaviyo.generated.CollectionFormats.CSVParams;
import io.github.kvsdk.klaviyo.generated.json.JsonUnion;
import io.github.kvsdk.klaviyo.http.KlaviyoCalls;
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
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Converter;
import retrofit2.Invocation;
import retrofit2.Retrofit;

/**
 * What every generated service needs from the client: the bound Retrofit services, the revision, the
 * operation catalogue for validation, JSON binding, and how to derive a context for {@link RequestOptions}.
 * Internal: the client creates it; it is public only because the generated services live in other packages.
 */
public final class ServiceContext {
  private final Retrofit retrofit;
  private final OkHttpClient httpClient;
  private final String revision;
  private final ResourceConverter converter;
  private final IncludedTypes includedTypes;
  private final Function<RequestOptions, ServiceContext> derive;
  private final Map<Class<?>, Object> services = new ConcurrentHashMap<>();

  /**
   * @param derive returns a context for a client with the given options applied; called only for options
   *     that {@linkplain RequestOptions#changesTransport() change the transport}
   */
  public ServiceContext(
      Retrofit retrofit,
      String revision,
      ResourceConverter converter,
      IncludedTypes includedTypes,
      Function<RequestOptions, ServiceContext> derive) {
    this.retrofit = Objects.requireNonNull(retrofit, "retrofit");
    this.httpClient = (OkHttpClient) retrofit.callFactory();
    this.revision = Objects.requireNonNull(revision, "revision");
    this.converter = Objects.requireNonNull(converter, "converter");
    this.includedTypes = Objects.requireNonNull(includedTypes, "includedTypes");
    this.derive = Objects.requireNonNull(derive, "derive");
  }

  /** The {@code revision} header value. */
  public String revision() {
    return revision;
  }

  /** The OkHttp client every request of this context goes through. */
  public OkHttpClient httpClient() {
    return httpClient;
  }

  /** How included resources resolve to model classes. */
  public IncludedTypes includedTypes() {
    return includedTypes;
  }

  /** JSON trees to and from models, with the generated models' adapters. */
  public ResourceConverter converter() {
    return converter;
  }

  /** This context, or one derived for {@code options} when they change timeouts or retries. */
  public ServiceContext with(RequestOptions options) {
    return options == null || !options.changesTransport() ? this : derive.apply(options);
  }

  /** The generated Retrofit service {@code type}, bound to the client (or a client derived for {@code options}). */
  public <S> S api(Class<S> type, RequestOptions options) {
    ServiceContext context = with(options);
    return type.cast(context.services.computeIfAbsent(type, context.retrofit::create));
  }

  /**
   * Checks the query values of {@code operationId} against what the pinned revision documents, unless the
   * options skip validation. An operation the catalogue does not know is sent unchecked.
   */
  public void validate(String operationId, QueryOptions query, RequestOptions options) {
    if (options != null && options.skipValidation()) return;
    OperationCatalog.packaged().find(operationId).ifPresent(query::validateFor);
  }

  /** A list-valued query parameter as the generated services take it, or null. */
  public CSVParams csv(List<String> values) {
    return values == null || values.isEmpty() ? null : new CSVParams(values);
  }

  /** Runs {@code call}; failures are typed {@code KlaviyoException}s. */
  public <T> T execute(Call<T> call) {
    return KlaviyoCalls.execute(call);
  }

  /** Enqueues {@code call}; the future fails with a typed {@code KlaviyoException}. */
  public <T> CompletableFuture<T> executeAsync(Call<T> call) {
    return KlaviyoCalls.executeAsync(call);
  }

  /** The pages of a listing; {@code callForCursor} builds the request for a cursor (null: the first page). */
  public <R, T> ServicePages<R, T> pages(
      RequestOptions options,
      Function<String, Call<R>> callForCursor,
      Function<R, List<T>> data,
      Function<R, List<?>> included,
      Function<R, PageLinks> links) {
    return new ServicePages<>(with(options), callForCursor, data, included, links);
  }

  /** Retrofit's converter for the body type {@code call}'s service method declares. */
  @SuppressWarnings("unchecked")
  <R> Converter<ResponseBody, R> responseConverter(Call<R> call) {
    Invocation invocation = call.request().tag(Invocation.class);
    if (invocation == null) throw new IllegalArgumentException("not a call of a Retrofit service: " + call);
    Method method = invocation.method();
    Type body = ((ParameterizedType) method.getGenericReturnType()).getActualTypeArguments()[0];
    return (Converter<ResponseBody, R>) retrofit.responseBodyConverter(body, method.getAnnotations());
  }

  /** A bound page: its items, its included resources resolved by type, and its links. */
  public <R, T> Page<T> page(
      R response,
      Function<R, List<T>> data,
      Function<R, List<?>> included,
      Function<R, PageLinks> links,
      PageLoader<T> loader) {
    List<T> items = response == null ? null : data.apply(response);
    List<?> rawIncluded = response == null || included == null ? null : included.apply(response);
    List<Object> trees = new ArrayList<>();
    if (rawIncluded != null) {
      for (Object resource : rawIncluded) {
        trees.add(resource instanceof JsonUnion union ? union.json() : converter.toTree(resource));
      }
    }
    PageLinks pageLinks = response == null ? PageLinks.none() : links.apply(response);
    return Page.of(items == null ? List.of() : items, Included.of(trees, includedTypes, converter), pageLinks,
        loader);
  }
}
