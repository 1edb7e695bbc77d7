/**
 * Klaviyo's {@code filter} syntax as immutable values: build a {@link io.github.kvsdk.klaviyo.filter.Filter} with its factories
 * (or parse one), and check it against an operation's filter rules before sending it. A broken filter throws
 * {@link io.github.kvsdk.klaviyo.filter.FilterValidationException} naming the field, operator or value.
 */
package io.github.kvsdk.klaviyo.filter;
