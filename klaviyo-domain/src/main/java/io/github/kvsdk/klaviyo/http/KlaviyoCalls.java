package io.github.kvsdk.klaviyo.http;

import io.github.kvsdk.klaviyo.errors.KlaviyoApiException;
import io.github.kvsdk.klaviyo.errors.internal.KlaviyoErrorMapper;
import io.github.kvsdk.klaviyo.errors.KlaviyoException;
import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Request;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;

/**
 * Runs Retrofit calls with this SDK's error contract: a 2xx returns the body, anything else throws the typed
 * {@link KlaviyoApiException} subclass, a 2xx body that does not bind throws {@code
 * KlaviyoUnexpectedResponseException}, and transport failures throw {@code KlaviyoNetworkException} or
 * {@code KlaviyoTimeoutException}. The async variant enqueues on OkHttp's dispatcher, so no caller thread
 * blocks, and (with a {@code KlaviyoClient}'s calls) retry and rate-limit waits hold no dispatcher thread
 * either; cancelling the future cancels the HTTP call or the wait. A path parameter of {@code "."} or {@code
 * ".."} is refused with a {@code KlaviyoValidationException} before anything is sent. For the action set.
 * Advanced API.
 */
public final class KlaviyoCalls {
  /** Retrofit's message for a null {@code @Path} value. */
  private static final Pattern NULL_PATH_PARAMETER = Pattern.compile("Path parameter \"([^\"]+)\" value must not be null");

  private KlaviyoCalls() {}

  /**
   * Executes {@code call} on the calling thread. A 204 or empty body returns null.
   *
   * @param <T> the response type
   * @param call a call of a generated Retrofit service
   * @return the response body
   */
  public static <T> T execute(Call<T> call) {
    Request request = request(call);
    Response<T> response;
    try {
      response = call.execute();
    } catch (IOException | RuntimeException e) {
      throw failure(e, request);
    }
    return bodyOrThrow(response);
  }

  /**
   * Enqueues {@code call}; the future completes with the body or a {@link KlaviyoException}.
   *
   * @param <T> the response type
   * @param call a call of a generated Retrofit service
   * @return a future that completes with the response body, or exceptionally with a typed {@link
   *     io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public static <T> CompletableFuture<T> executeAsync(Call<T> call) {
    CompletableFuture<T> future = new CompletableFuture<>();
    Request request;
    try {
      request = request(call);
    } catch (RuntimeException e) {
      future.completeExceptionally(e);
      return future;
    }
    future.whenComplete((value, error) -> {
      if (future.isCancelled()) call.cancel();
    });
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
        future.completeExceptionally(t instanceof Exception e ? failure(e, request) : t);
      }
    });
    return future;
  }

  /**
   * The request of {@code call}. Building it fails if a path parameter would escape its segment; Retrofit's
   * {@code IllegalArgumentException} then becomes a {@link KlaviyoValidationException}.
   */
  private static Request request(Call<?> call) {
    try {
      return call.request();
    } catch (IllegalArgumentException e) {
      String message = e.getMessage() == null ? "" : e.getMessage();
      if (message.contains("path traversal")) {
        throw new KlaviyoValidationException("path parameter",
            "must not be '.' or '..': as a path segment it would address a different resource");
      }
      Matcher missing = NULL_PATH_PARAMETER.matcher(message);
      if (missing.find()) {
        throw new KlaviyoValidationException(missing.group(1), "is required: a path parameter must not be null");
      }
      throw e;
    }
  }

  /**
   * The SDK exception for a call that threw: the body did not bind (Retrofit's converter runs inside the
   * call), the transport failed, or an unchecked exception that is already the SDK's or is passed on as is.
   */
  private static RuntimeException failure(Exception e, Request request) {
    String method = request.method();
    String path = request.url().encodedPath();
    if (KlaviyoErrorMapper.isBindingFailure(e)) return KlaviyoErrorMapper.fromBindingFailure(e, method, path);
    if (e instanceof IOException io) return KlaviyoErrorMapper.fromIOException(io, method, path);
    return (RuntimeException) e;
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
