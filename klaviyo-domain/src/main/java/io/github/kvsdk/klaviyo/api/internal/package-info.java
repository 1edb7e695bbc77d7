/**
 * What the generated services run on: the client's transport, validation and paging, given to each service by
 * the client.
 *
 * <p>Not part of the public API: public only so the generated service packages can reach it; may change in
 * any release.
 */
package io.github.kvsdk.klaviyo.api.internal;
