package io.github.kvsdk.klaviyo.http.internal;

import io.github.kvsdk.klaviyo.errors.internal.KlaviyoErrorMapper;
import io.github.kvsdk.klaviyo.http.LogContext;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.MDC;

/**
 * The innermost application interceptor of a client: times each HTTP exchange for the {@link CallObserver}
 * and puts Klaviyo's request id of each response in the MDC, so that the log line of the attempt (and of a
 * retry it causes) carries it. The previous attempt's request id is cleared first, so a line never shows an
 * id that belongs to another response.
 */
public final class AttemptObservingInterceptor implements Interceptor {
  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    MDC.remove(LogContext.REQUEST_ID);
    ObservedCall call = request.tag(ObservedCall.class);
    if (call == null) return chain.proceed(request);
    boolean retry = CallState.of(chain).retries() > 0;
    long start = System.nanoTime();
    Response response;
    try {
      response = chain.proceed(request);
    } catch (IOException | RuntimeException e) {
      call.observer().attemptEnded(call.operationId(), request.method(), retry, -1, System.nanoTime() - start);
      throw e;
    }
    String requestId = KlaviyoErrorMapper.requestId(response.headers());
    if (requestId != null) MDC.put(LogContext.REQUEST_ID, requestId);
    call.observer().attemptEnded(call.operationId(), request.method(), retry, response.code(),
        System.nanoTime() - start);
    return response;
  }
}
