package io.github.kvsdk.klaviyo.sandbox.internal.spec;

/**
 * Why a value does not conform to its schema.
 *
 * @param pointer JSON pointer of the offending member, such as {@code /data/attributes/location/latitude}
 * @param detail what is wrong, in Klaviyo's words where known
 */
public record Violation(String pointer, String detail) {}
