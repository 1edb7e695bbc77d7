/**
 * Listing queries as the sandbox answers them: Klaviyo's {@code filter} syntax, {@code sort}, sparse fieldsets
 * and cursor paging over stored objects.
 */
package io.github.kvsdk.klaviyo.sandbox.query;
