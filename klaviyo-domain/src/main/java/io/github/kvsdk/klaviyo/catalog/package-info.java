/**
 * What the spec says about each operation, read at build time into a catalogue: its filterable fields and
 * operators, sortable fields, page sizes, sparse fieldsets, includes and rate limits.
 *
 * <p>{@link io.github.kvsdk.klaviyo.catalog.OperationCatalog#packaged()} is the catalogue of the revision this SDK was built for;
 * the SDK uses it to check query options before sending them, and callers can use it to discover what an
 * operation accepts.
 */
package io.github.kvsdk.klaviyo.catalog;
