/**
 * Listing queries as the sandbox answers them: Klaviyo's {@code filter} syntax, {@code sort}, sparse fieldsets
 * and cursor paging over stored objects.
 *
 * <p>Not part of the public API: these classes are public only so the sandbox's packages can share them, and may
 * change in any release.
 */
package io.github.kvsdk.klaviyo.sandbox.internal.query;
