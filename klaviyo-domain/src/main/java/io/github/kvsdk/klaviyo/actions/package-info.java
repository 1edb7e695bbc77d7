/**
 * The documented actions, one class per resource ({@link io.github.kvsdk.klaviyo.actions.Profiles}, {@link io.github.kvsdk.klaviyo.actions.Lists},
 * {@link io.github.kvsdk.klaviyo.actions.Events}, ...), reached through {@link io.github.kvsdk.klaviyo.KlaviyoClient#actions()} and its shortcuts.
 *
 * <p>Each action is a typed method with an asynchronous {@code ...Async} twin; inputs and query options are
 * checked against the spec before anything is sent. Bulk actions ({@link io.github.kvsdk.klaviyo.actions.BulkOptions}, {@link
 * io.github.kvsdk.klaviyo.actions.BulkResult}) split large inputs into jobs and report what became of each.
 */
package io.github.kvsdk.klaviyo.actions;
