package io.github.kvsdk.klaviyo.http.internal;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one line per HTTP attempt at DEBUG: method, path, status and latency. Failures log the exception type.
 *
 * <p>Only the path is logged: query strings can hold identifiers (emails in filters, {@code company_id}) and
 * headers hold credentials, so neither is ever written. Logger name: {@code io.github.kvsdk.klaviyo.http}.
 */
public final class LoggingInterceptor implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger("io.github.kvsdk.klaviyo.http");

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!log.isDebugEnabled()) return chain.proceed(request);
    long start = System.nanoTime();
    try {
      Response response = chain.proceed(request);
      log.debug("{} {} -> {} ({} ms)", request.method(), request.url().encodedPath(), response.code(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      return response;
    } catch (IOException e) {
      log.debug("{} {} -> failed with {} ({} ms)", request.method(), request.url().encodedPath(),
          e.getClass().getSimpleName(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      throw e;
    }
  }
}
