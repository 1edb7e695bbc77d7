package io.github.kvsdk.klaviyo.ratelimit;

/**
 * The limit that applies to a request, with the key of the bucket it counts against.
 *
 * @param operationKey the method and path template, such as {@code GET /api/profiles/{id}}
 * @param limit the quota for that operation
 */
public record OperationLimit(String operationKey, Limit limit) {}
