package io.github.kvsdk.klaviyo.actions;

import com.squareup.moshi.JsonDataException;
import io.github.kvsdk.klaviyo.errors.KlaviyoErrorMapper;
import io.github.kvsdk.klaviyo.generated.model.CollectionLinks;
import io.github.kvsdk.klaviyo.paging.Cursor;
import io.github.kvsdk.klaviyo.paging.FetchedPage;
import io.github.kvsdk.klaviyo.paging.Page;
import io.github.kvsdk.klaviyo.paging.PageFetcher;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Converter;

/**
 * The pages of one generated list operation. The Retrofit service builds each request (so path, query and
 * headers are exactly the generated ones), the client's OkHttp stack sends it, and Retrofit's own Moshi
 * converter binds the body: the same result as executing the call, split in two so that an auto-pager can
 * {@linkplain io.github.kvsdk.klaviyo.paging.AutoPager#prefetching() prefetch}.
 */
final class ServicePageFetcher<R, T> implements PageFetcher<T> {
  private static final MediaType JSON_API = MediaType.get("application/vnd.api+json");

  private final ActionContext ctx;
  private final Function<String, Call<R>> callForCursor;
  private final Function<R, List<T>> data;
  private final Function<R, List<?>> included;
  private final Function<R, CollectionLinks> links;
  private final Converter<ResponseBody, R> converter;

  ServicePageFetcher(
      ActionContext ctx,
      Function<String, Call<R>> callForCursor,
      Function<R, List<T>> data,
      Function<R, List<?>> included,
      Function<R, CollectionLinks> links) {
    this.ctx = ctx;
    this.callForCursor = callForCursor;
    this.data = data;
    this.included = included;
    this.links = links;
    this.converter = ctx.responseConverter(callForCursor.apply(null));
  }

  @Override
  public okhttp3.Call newCall(Cursor cursor) {
    return ctx.client.httpClient().newCall(callForCursor.apply(cursor == null ? null : cursor.value()).request());
  }

  @Override
  public Page<T> bind(FetchedPage fetched) {
    R response;
    try {
      response = converter.convert(ResponseBody.create(fetched.source(), JSON_API, fetched.size()));
    } catch (JsonDataException | IOException e) {
      throw KlaviyoErrorMapper.fromBindingFailure(e, "GET", fetched.url().encodedPath());
    }
    return ctx.page(response, data, included, links, this);
  }
}
