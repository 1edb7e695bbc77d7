package io.github.kvsdk.klaviyo.http;

/**
 * The SLF4J MDC keys the client sets while a call runs, so that the SDK's log lines (one per HTTP attempt,
 * retries, rate-limit waits) can be tied to an operation and to Klaviyo's own record of the request. Add them
 * to your log pattern, for example Logback's {@code %X{klaviyo.operationId} %X{klaviyo.requestId}}.
 *
 * <p>Both are set on the thread that runs the call (the caller's thread, or an OkHttp dispatcher thread for
 * asynchronous calls) and restored to their earlier values when the call returns.
 */
public final class LogContext {
  /**
   * The operation id of the spec the call belongs to, such as {@code get_profiles} or {@code create_event};
   * {@code unknown} for a raw request to a path no operation serves.
   */
  public static final String OPERATION_ID = "klaviyo.operationId";

  /**
   * The request id Klaviyo returned on the latest response of the call, from the first present of the
   * {@code X-Klaviyo-Req-Id}, {@code X-Request-Id} and {@code Request-Id} headers; unset before the first
   * response and on a response without one. Quote it when asking Klaviyo's support about a request.
   */
  public static final String REQUEST_ID = "klaviyo.requestId";

  private LogContext() {}
}
