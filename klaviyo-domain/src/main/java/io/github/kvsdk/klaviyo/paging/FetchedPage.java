package io.github.kvsdk.klaviyo.paging;

import io.github.kvsdk.klaviyo.errors.internal.KlaviyoErrorMapper;
import io.github.kvsdk.klaviyo.errors.KlaviyoException;
import io.github.kvsdk.klaviyo.errors.KlaviyoUnexpectedResponseException;
import io.github.kvsdk.klaviyo.http.internal.SdkHttpClient;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;

/**
 * A page's successful response, read but not yet bound: the request URL, the body bytes, and the cursor of
 * the page after it.
 *
 * <p>{@link #nextCursor()} finds the document's top-level {@code links.next} without decoding the resources
 * around it. That is what lets a {@linkplain AutoPager#prefetching() prefetching} pager send the next request
 * before it binds this body into resources.
 */
public final class FetchedPage {
  private final HttpUrl url;
  /**
   * Immutable, and usually segmented: it shares the segments the response was read into, so neither reading
   * the response nor binding it copies the body (reading it is on the critical path of a prefetching pager).
   */
  private final ByteString body;
  /** Found on first use; racing threads would compute the same immutable value. */
  private Optional<Cursor> nextCursor;

  private FetchedPage(HttpUrl url, ByteString body) {
    this.url = url;
    this.body = body;
  }

  /**
   * {@return the page {@code body} holds; nothing is parsed yet}
   *
   * @param url the URL the page was fetched from
   * @param body the response body
   */
  public static FetchedPage of(HttpUrl url, ByteString body) {
    if (url == null) throw new NullPointerException("url == null");
    if (body == null) throw new NullPointerException("body == null");
    return new FetchedPage(url, body);
  }

  /**
   * Executes {@code call} on the calling thread and reads the whole response.
   *
   * @param call the call of one page
   * @return the fetched page
   * @throws KlaviyoException the typed error for a non-2xx status or a network failure.
   */
  public static FetchedPage execute(Call call) {
    Request request = call.request();
    try (Response response = call.execute()) {
      return read(response);
    } catch (IOException e) {
      throw KlaviyoErrorMapper.fromIOException(e, request.method(), request.url().encodedPath());
    }
  }

  /**
   * Enqueues {@code call} on its client's dispatcher; the future completes with the read page or
   * exceptionally with the error {@link #execute} would throw. Cancelling the future cancels the call.
   *
   * @param call the call of one page
   * @return a future that completes with the fetched page
   */
  public static CompletableFuture<FetchedPage> enqueue(Call call) {
    CompletableFuture<FetchedPage> future = future(call);
    call.enqueue(callback(call.request(), future));
    return future;
  }

  /**
   * Like {@link #enqueue}, but from a dispatcher thread that has just read a response: a call of a {@code
   * KlaviyoClient} is sent from this thread, without a hand-off (see {@link SdkHttpClient#enqueueHere}), and the
   * future is usually complete when this returns.
   */
  static CompletableFuture<FetchedPage> enqueueHere(Call call) {
    CompletableFuture<FetchedPage> future = future(call);
    try {
      SdkHttpClient.enqueueHere(call, callback(call.request(), future));
    } catch (RuntimeException e) {
      future.completeExceptionally(e);
    }
    return future;
  }

  private static CompletableFuture<FetchedPage> future(Call call) {
    CompletableFuture<FetchedPage> future = new CompletableFuture<>();
    future.whenComplete((page, error) -> {
      if (future.isCancelled()) call.cancel();
    });
    return future;
  }

  private static Callback callback(Request request, CompletableFuture<FetchedPage> future) {
    return new Callback() {
      @Override
      public void onResponse(Call c, Response response) {
        try (response) {
          future.complete(read(response));
        } catch (IOException e) {
          onFailure(c, e);
        } catch (RuntimeException e) {
          future.completeExceptionally(e);
        }
      }

      @Override
      public void onFailure(Call c, IOException e) {
        future.completeExceptionally(
            KlaviyoErrorMapper.fromIOException(e, request.method(), request.url().encodedPath()));
      }
    };
  }

  private static FetchedPage read(Response response) throws IOException {
    if (!response.isSuccessful()) throw KlaviyoErrorMapper.fromResponse(response);
    ResponseBody body = response.body();
    Buffer buffer = new Buffer();
    body.source().readAll(buffer);
    long declared = body.contentLength();
    if (declared != -1 && declared != buffer.size()) {
      throw new IOException("Content-Length (" + declared + ") and stream length (" + buffer.size() + ") disagree");
    }
    return new FetchedPage(response.request().url(), buffer.snapshot());
  }

  /** {@return the URL this page was fetched from} */
  public HttpUrl url() {
    return url;
  }

  /** {@return the response body, unparsed} */
  public ByteString body() {
    return body;
  }

  /** {@return the size of the body in bytes} */
  public long size() {
    return body.size();
  }

  /** {@return a fresh source over {@link #body()}, for binding} */
  public BufferedSource source() {
    return new Buffer().write(body); // Shares the body's segments: nothing is copied.
  }

  /**
   * {@return the cursor of the next page, from the document's top-level {@code links.next}; absent on the last page}
   *
   * @throws KlaviyoUnexpectedResponseException if the body is not a JSON object.
   */
  public Optional<Cursor> nextCursor() {
    Optional<Cursor> cursor = nextCursor;
    if (cursor == null) {
      try {
        cursor = Cursor.fromLink(NextLinkScanner.nextLink(body));
      } catch (IllegalArgumentException e) {
        throw new KlaviyoUnexpectedResponseException(
            "GET " + url.encodedPath() + " returned a body that is not a JSON object", e);
      }
      nextCursor = cursor;
    }
    return cursor;
  }

  @Override
  public String toString() {
    return "FetchedPage{path=" + url.encodedPath() + ", bytes=" + body.size() + "}";
  }
}
