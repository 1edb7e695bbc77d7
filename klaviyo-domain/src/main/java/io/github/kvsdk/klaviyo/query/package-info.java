/**
 * The optional query parameters of a read ({@code filter}, {@code sort}, {@code page[size]}, sparse
 * fieldsets, {@code additional-fields} and {@code include}) as immutable {@link io.github.kvsdk.klaviyo.query.QueryOptions},
 * checked against an operation before anything is sent.
 */
package io.github.kvsdk.klaviyo.query;
