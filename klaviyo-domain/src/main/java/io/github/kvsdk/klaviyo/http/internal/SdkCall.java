package io.github.kvsdk.klaviyo.http.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import kotlin.jvm.JvmClassMappingKt;
import kotlin.jvm.functions.Function0;
import kotlin.reflect.KClass;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.EventListener;
import okhttp3.Request;
import okhttp3.Response;
import okio.Timeout;

/**
 * One logical call of an {@link SdkHttpClient}, made of one OkHttp call per attempt.
 *
 * <p>{@link #execute()} runs a single OkHttp call on the caller's thread; the interceptors wait there. {@link
 * #enqueue} runs attempts on OkHttp's dispatcher; when an interceptor must wait (back-off, {@code
 * Retry-After}, rate limiter) it throws {@link DeferredAttempt}, the attempt's dispatcher thread is released
 * at once, and the next attempt is enqueued from the client's scheduler after the delay. {@link #timeout()} (the
 * client's call timeout unless changed before the call starts) bounds all attempts and waits together.
 * {@link #cancel()} stops the attempt in flight or the pending wait.
 */
final class SdkCall implements Call {
  private final SdkHttpClient client;
  private final Request request;
  private final Timeout timeout = new Timeout();
  private final AtomicBoolean executed = new AtomicBoolean();
  private final AtomicBoolean finished = new AtomicBoolean();
  private final Map<Class<?>, Object> tags = new ConcurrentHashMap<>();
  private final List<EventListener> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean canceled;
  private volatile Call attempt;
  private volatile ScheduledFuture<?> pending;
  private volatile CallState state;
  private volatile Callback callback;

  SdkCall(SdkHttpClient client, Request request) {
    this.client = client;
    this.request = request;
    timeout.timeout(client.callTimeoutMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public Request request() {
    return request;
  }

  @Override
  public Response execute() throws IOException {
    if (!executed.compareAndSet(false, true)) throw new IllegalStateException("Already Executed");
    if (client.isShutdown()) throw closed();
    state = new CallState(false, timeout.timeoutNanos());
    return newAttempt().execute();
  }

  @Override
  public void enqueue(Callback responseCallback) {
    if (!executed.compareAndSet(false, true)) throw new IllegalStateException("Already Executed");
    this.callback = responseCallback;
    state = new CallState(true, timeout.timeoutNanos());
    resume();
  }

  /**
   * Like {@link #enqueue}, but the first attempt runs on the calling thread, which must be one that may make
   * a blocking request without waiting for anything else: a thread of the client's dispatcher that has just
   * read a response, for instance. Skips the hand-off of an enqueued call; waits still never block it: an
   * attempt that must wait (back-off, {@code Retry-After}, rate limiter) returns at once and the next attempt
   * is enqueued from the scheduler, as for {@link #enqueue}. The callback may run before this returns.
   */
  void enqueueHere(Callback responseCallback) {
    if (!executed.compareAndSet(false, true)) throw new IllegalStateException("Already Executed");
    this.callback = responseCallback;
    state = new CallState(true, timeout.timeoutNanos());
    if (!startable()) return;
    Call call = newAttempt();
    Response response;
    try {
      response = call.execute();
    } catch (IOException e) {
      attemptFailed(e);
      return;
    } catch (RuntimeException | Error e) {
      // Thrown to the caller, as execute() would; the callback is never called.
      finished.set(true);
      state.releasePermit();
      throw e;
    }
    try {
      attemptSucceeded(response);
    } catch (IOException e) {
      // The callback's own failure after it took the response: nothing is left to report it to, as with
      // OkHttp's enqueue.
    }
  }

  /** Starts the next attempt: the first one, or one whose wait has just ended. */
  void resume() {
    if (!startable()) return;
    Call call = newAttempt();
    call.enqueue(new Callback() {
      @Override
      public void onResponse(Call c, Response response) throws IOException {
        attemptSucceeded(response);
      }

      @Override
      public void onFailure(Call c, IOException e) {
        attemptFailed(e);
      }
    });
  }

  /** False, with the call failed, if it was cancelled or the client closed. */
  private boolean startable() {
    pending = null;
    if (canceled) {
      fail(new IOException("Canceled"));
      return false;
    }
    if (client.isShutdown()) {
      fail(closed());
      return false;
    }
    return true;
  }

  private void attemptSucceeded(Response response) throws IOException {
    if (finished.compareAndSet(false, true)) {
      callback.onResponse(SdkCall.this, response);
    } else {
      response.close();
    }
  }

  private void attemptFailed(IOException e) {
    if (e instanceof DeferredAttempt deferred && !canceled) {
      pending = client.scheduler().schedule(SdkCall.this, deferred.delay());
      if (pending == null) {
        fail(closed());
      } else if (canceled && pending.cancel(false)) {
        client.scheduler().done(SdkCall.this);
        fail(new IOException("Canceled"));
      }
      return;
    }
    fail(e instanceof DeferredAttempt ? new IOException("Canceled") : e);
  }

  /** Called by the scheduler when the client closes while this call waits. */
  void failClosed() {
    ScheduledFuture<?> waiting = pending;
    if (waiting != null) waiting.cancel(false);
    fail(closed());
  }

  private void fail(IOException e) {
    if (!finished.compareAndSet(false, true)) return;
    CallState s = state;
    if (s != null) s.releasePermit();
    callback.onFailure(this, e);
  }

  private Call newAttempt() {
    Call call = client.newAttempt(request.newBuilder().tag(CallState.class, state).build());
    long remaining = state.remainingNanos();
    call.timeout().timeout(remaining == Long.MAX_VALUE ? 0 : Math.max(1, remaining), TimeUnit.NANOSECONDS);
    for (EventListener listener : listeners) call.addEventListener(listener);
    attempt = call;
    if (canceled) call.cancel();
    return call;
  }

  private static IOException closed() {
    return new IOException("the KlaviyoClient was closed");
  }

  @Override
  public void cancel() {
    canceled = true;
    Call call = attempt;
    if (call != null) call.cancel();
    ScheduledFuture<?> waiting = pending;
    if (waiting != null && waiting.cancel(false)) {
      client.scheduler().done(this);
      fail(new IOException("Canceled"));
    }
  }

  @Override
  public boolean isExecuted() {
    return executed.get();
  }

  @Override
  public boolean isCanceled() {
    return canceled;
  }

  @Override
  public Timeout timeout() {
    return timeout;
  }

  @Override
  public void addEventListener(EventListener eventListener) {
    listeners.add(eventListener);
    Call call = attempt;
    if (call != null) call.addEventListener(eventListener);
  }

  @Override
  public <T> T tag(KClass<T> type) {
    return tag(JvmClassMappingKt.getJavaClass(type));
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T tag(Class<? extends T> type) {
    return (T) tags.get(type);
  }

  @Override
  public <T> T tag(KClass<T> type, Function0<? extends T> computeIfAbsent) {
    return tag(JvmClassMappingKt.getJavaClass(type), computeIfAbsent);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T tag(Class<T> type, Function0<? extends T> computeIfAbsent) {
    return (T) tags.computeIfAbsent(type, k -> computeIfAbsent.invoke());
  }

  @Override
  @SuppressWarnings("MethodDoesntCallSuperMethod")
  public Call clone() {
    SdkCall copy = new SdkCall(client, request);
    copy.timeout.timeout(timeout.timeoutNanos(), TimeUnit.NANOSECONDS);
    return copy;
  }

  @Override
  public String toString() {
    return "SdkCall{" + request.method() + " " + request.url().encodedPath() + "}";
  }
}
