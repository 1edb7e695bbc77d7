package io.github.kvsdk.klaviyo.api.internal;

import com.squareup.moshi.JsonDataException;
import io.github.kvsdk.klaviyo.errors.internal.KlaviyoErrorMapper;
import io.github.kvsdk.klaviyo.paging.AutoPager;
import io.github.kvsdk.klaviyo.paging.Cursor;
import io.github.kvsdk.klaviyo.paging.FetchedPage;
import io.github.kvsdk.klaviyo.paging.Page;
import io.github.kvsdk.klaviyo.paging.PageFetcher;
import io.github.kvsdk.klaviyo.paging.PageLinks;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Converter;

/**
 * The pages of one listing operation, or of a report answered a result page at a time. The generated Retrofit service builds each request (so path, query and
 * headers are exactly the generated ones), the client's OkHttp stack sends it, and Retrofit's Moshi converter
 * binds the body: the same result as executing the call, split in two so that an auto-pager can prefetch.
 * Internal: the generated services create these.
 *
 * @param <R> the response document type
 * @param <T> the item type
 */
public final class ServicePages<R, T> implements PageFetcher<T> {
  private static final MediaType JSON_API = MediaType.get("application/vnd.api+json");

  private final ServiceContext context;
  private final Function<String, Call<R>> callForCursor;
  private final Function<R, List<T>> data;
  private final Function<R, List<?>> included;
  private final Function<R, PageLinks> links;
  private final Converter<ResponseBody, R> converter;
  /** GET for listings, POST for reports. */
  private final String method;

  ServicePages(
      ServiceContext context,
      Function<String, Call<R>> callForCursor,
      Function<R, List<T>> data,
      Function<R, List<?>> included,
      Function<R, PageLinks> links) {
    // links is null when the listing's schema declares no links.
    this.context = context;
    this.callForCursor = callForCursor;
    this.data = data;
    this.included = included;
    this.links = links;
    Call<R> first = callForCursor.apply(null);
    this.method = first.request().method();
    this.converter = context.responseConverter(first);
  }

  /** Fetches and binds the first page. */
  public Page<T> first() {
    return load(null);
  }

  /** Fetches the first page without blocking the caller. */
  public CompletableFuture<Page<T>> firstAsync() {
    return FetchedPage.enqueue(newCall(null)).thenApply(this::bind);
  }

  /** Every item of every page, fetched lazily. */
  public AutoPager<T> autoPager() {
    return AutoPager.lazy(this::first);
  }

  @Override
  public okhttp3.Call newCall(Cursor cursor) {
    return context.httpClient().newCall(callForCursor.apply(cursor == null ? null : cursor.value()).request());
  }

  @Override
  public Page<T> bind(FetchedPage fetched) {
    R response;
    try {
      response = converter.convert(ResponseBody.create(fetched.source(), JSON_API, fetched.size()));
    } catch (JsonDataException | IOException e) {
      throw KlaviyoErrorMapper.fromBindingFailure(e, method, fetched.url().encodedPath());
    }
    Function<R, PageLinks> pageLinks = links != null
        ? links
        // The schema declares no links: the next link is read from the response bytes.
        : r -> PageLinks.of(null, fetched.nextCursor().map(Cursor::link).orElse(null), null, null, null);
    return context.page(response, data, included, pageLinks, this);
  }
}
