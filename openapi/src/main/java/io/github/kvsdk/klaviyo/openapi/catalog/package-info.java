/**
 * The facts a Klaviyo OpenAPI document states about each operation, read once: {@link
 * io.github.kvsdk.klaviyo.openapi.catalog.OperationCatalog} turns the verified spec into immutable
 * {@link io.github.kvsdk.klaviyo.openapi.catalog.Operation}s (route, quotas, scopes, credentials, parameters,
 * request body, success status and schema, filter rules and value types, sorts, page sizes, includes,
 * fieldsets, paging style), and {@link
 * io.github.kvsdk.klaviyo.openapi.catalog.Schemas} navigates the document's component schemas.
 *
 * <p>The SDK's build writes its run-time catalogue from this package, and the sandbox enforces the same
 * facts, so a rule is never read from the spec's prose twice.
 */
package io.github.kvsdk.klaviyo.openapi.catalog;
