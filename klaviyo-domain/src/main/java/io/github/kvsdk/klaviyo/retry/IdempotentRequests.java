package io.github.kvsdk.klaviyo.retry;

import java.util.List;

/**
 * Which requests may be sent twice.
 *
 * <p>GET, HEAD, OPTIONS, PUT and DELETE are idempotent by HTTP semantics; Klaviyo's PATCH updates set fields to
 * given values, but we still treat PATCH as not idempotent because relationship PATCHes are not. A POST is
 * idempotent only if its path matches {@link #DEFAULT_IDEMPOTENT_POSTS} (or a pattern the caller added): these
 * are upserts or set-membership writes whose repetition leaves the account in the same state.
 * A {@link Retryability} tag on the request overrides all of this.
 */
public final class IdempotentRequests {
  /**
   * POST path templates (with {@code {id}} placeholders) that Klaviyo treats as upserts or set operations:
   * <ul>
   *   <li>{@code /api/profile-import}: create-or-update by email/phone/external id;</li>
   *   <li>{@code /api/profile-subscription-bulk-create-jobs} and {@code -delete-jobs}: subscribing a subscribed
   *       profile (or unsubscribing an unsubscribed one) changes nothing;</li>
   *   <li>{@code /api/profile-suppression-bulk-create-jobs} and {@code -delete-jobs}: likewise;</li>
   *   <li>{@code /api/lists/{id}/relationships/profiles}: adding a member twice keeps one membership;</li>
   *   <li>{@code /api/tags/{id}/relationships/*}: tagging twice keeps one tag.</li>
   * </ul>
   * Creates such as {@code POST /api/profiles}, {@code /api/events} or {@code /api/lists} are deliberately absent.
   */
  public static final List<String> DEFAULT_IDEMPOTENT_POSTS = List.of(
      "/api/profile-import",
      "/api/profile-subscription-bulk-create-jobs",
      "/api/profile-subscription-bulk-delete-jobs",
      "/api/profile-suppression-bulk-create-jobs",
      "/api/profile-suppression-bulk-delete-jobs",
      "/api/lists/{id}/relationships/profiles",
      "/api/tags/{id}/relationships/{relationship}");

  private IdempotentRequests() {}
}
