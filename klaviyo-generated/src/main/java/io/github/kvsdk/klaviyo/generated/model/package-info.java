/**
 * The request and response documents of the Klaviyo API as Java classes, generated from the spec's schemas at
 * build time; their Javadoc carries the spec's descriptions. Properties the spec marks {@code nullable} keep
 * "absent" and an explicit JSON {@code null} apart; enumerations are open sets that keep values a newer
 * revision adds.
 */
package io.github.kvsdk.klaviyo.generated.model;
