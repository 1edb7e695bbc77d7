package io.github.kvsdk.klaviyo.http.internal;

import io.github.kvsdk.klaviyo.http.LogContext;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.MDC;

/**
 * The outermost interceptor of a client: names the call's operation (tagging the request with an {@link
 * ObservedCall} for the interceptors further in), puts it in the MDC for the SDK's log lines while the call
 * runs, and reports the call's end and duration, retries and waits included, to the {@link CallObserver}.
 *
 * <p>An asynchronous call that waits runs this interceptor once per attempt; only the run that ends the call
 * reports it, timed from the call's start.
 */
public final class CallObservingInterceptor implements Interceptor {
  private final CallObserver observer;

  /** Reports to {@code observer}; {@link CallObserver#NONE} keeps only the MDC. */
  public CallObservingInterceptor(CallObserver observer) {
    this.observer = observer;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String operationId = OperationIds.of(request);
    long start = CallState.of(chain).startNanos();
    String outerOperation = MDC.get(LogContext.OPERATION_ID);
    String outerRequestId = MDC.get(LogContext.REQUEST_ID);
    MDC.put(LogContext.OPERATION_ID, operationId);
    MDC.remove(LogContext.REQUEST_ID);
    try {
      Response response = chain.proceed(
          request.newBuilder().tag(ObservedCall.class, new ObservedCall(operationId, observer)).build());
      observer.callEnded(operationId, request.method(), response.code(), System.nanoTime() - start);
      return response;
    } catch (DeferredAttempt e) {
      throw e; // The call goes on after the wait.
    } catch (IOException | RuntimeException e) {
      observer.callEnded(operationId, request.method(), -1, System.nanoTime() - start);
      throw e;
    } finally {
      restore(LogContext.OPERATION_ID, outerOperation);
      restore(LogContext.REQUEST_ID, outerRequestId);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
