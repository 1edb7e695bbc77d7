package io.github.kvsdk.klaviyo.http;

import io.github.kvsdk.klaviyo.errors.KlaviyoApiException;
import io.github.kvsdk.klaviyo.errors.KlaviyoErrorMapper;
import io.github.kvsdk.klaviyo.errors.KlaviyoException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import okhttp3.Request;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;

/**
 * Runs Retrofit calls with this SDK's error contract: a 2xx returns the body, anything else throws the typed
 * {@link KlaviyoApiException} subclass, and transport failures throw {@code KlaviyoNetworkException} or
 * {@code KlaviyoTimeoutException}. The async variant enqueues on OkHttp's dispatcher, so no caller thread
 * blocks; cancelling the future cancels the HTTP call. For the action set. Advanced API.
 */
public final class KlaviyoCalls {
  private KlaviyoCalls() {}

  /** Executes {@code call} on the calling thread. A 204 or empty body returns null. */
  public static <T> T execute(Call<T> call) {
    Request request = call.request();
    Response<T> response;
    try {
      response = call.execute();
    } catch (IOException e) {
      throw KlaviyoErrorMapper.fromIOException(e, request.method(), request.url().encodedPath());
    }
    return bodyOrThrow(response);
  }

  /** Enqueues {@code call}; the future completes with the body or a {@link KlaviyoException}. */
  public static <T> CompletableFuture<T> executeAsync(Call<T> call) {
    CompletableFuture<T> future = new CompletableFuture<>();
    future.whenComplete((value, error) -> {
      if (future.isCancelled()) call.cancel();
    });
    Request request = call.request();
    call.enqueue(new Callback<T>() {
      @Override
      public void onResponse(Call<T> c, Response<T> response) {
        try {
          future.complete(bodyOrThrow(response));
        } catch (KlaviyoException e) {
          future.completeExceptionally(e);
        }
      }

      @Override
      public void onFailure(Call<T> c, Throwable t) {
        future.completeExceptionally(t instanceof IOException e
            ? KlaviyoErrorMapper.fromIOException(e, request.method(), request.url().encodedPath())
            : t);
      }
    });
    return future;
  }

  private static <T> T bodyOrThrow(Response<T> response) {
    if (response.isSuccessful()) return response.body();
    okhttp3.Response raw = response.raw();
    String body = null;
    try (ResponseBody errorBody = response.errorBody()) {
      if (errorBody != null) body = errorBody.string();
    } catch (IOException e) {
      body = null; // The status alone still selects the exception type.
    }
    throw KlaviyoErrorMapper.fromParts(raw.request().method(), raw.request().url().encodedPath(), raw.code(),
        raw.headers(), body);
  }
}
