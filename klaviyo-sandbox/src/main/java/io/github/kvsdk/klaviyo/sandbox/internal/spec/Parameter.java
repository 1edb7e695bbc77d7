package io.github.kvsdk.klaviyo.sandbox.internal.spec;

import java.util.Map;

/**
 * A path or query parameter of an operation.
 *
 * @param name such as {@code id} or {@code page[size]}
 * @param in {@code path} or {@code query}
 * @param required whether the spec requires it
 * @param schema its schema (resolved)
 */
public record Parameter(String name, String in, boolean required, Map<String, Object> schema) {}
