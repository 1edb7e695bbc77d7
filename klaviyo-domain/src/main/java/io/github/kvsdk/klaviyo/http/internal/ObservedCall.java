package io.github.kvsdk.klaviyo.http.internal;

import java.time.Duration;
import okhttp3.Request;

/**
 * The request tag {@link CallObservingInterceptor} adds, so that interceptors further in know which
 * operation a request belongs to and where to report.
 *
 * @param operationId the spec's operation id, such as {@code get_profiles}, or {@value OperationIds#UNKNOWN}
 * @param observer where the call's metrics go
 */
public record ObservedCall(String operationId, CallObserver observer) {
  /** Reports a rate-limiter wait of {@code request}'s call; does nothing for a request without the tag. */
  public static void rateLimiterWaited(Request request, Duration wait) {
    ObservedCall call = request.tag(ObservedCall.class);
    if (call != null) call.observer.rateLimiterWaited(call.operationId, wait);
  }
}
