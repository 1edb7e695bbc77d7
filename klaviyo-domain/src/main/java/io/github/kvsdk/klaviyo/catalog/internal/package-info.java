/**
 * Builds the operation catalogue from the spec at build time.
 *
 * <p>Not part of the public API; may change in any release.
 */
package io.github.kvsdk.klaviyo.catalog.internal;
