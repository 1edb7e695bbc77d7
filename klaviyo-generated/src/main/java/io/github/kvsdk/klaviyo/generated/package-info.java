/**
 * The Retrofit client generated from the Klaviyo OpenAPI document of one API revision: services in {@code
 * io.github.kvsdk.klaviyo.generated.api}, request and response models in {@code io.github.kvsdk.klaviyo.generated.model}, their JSON binding in {@code io.github.kvsdk.klaviyo.generated.json}, and
 * {@link io.github.kvsdk.klaviyo.generated.GeneratedRevision}, the revision they were generated from.
 *
 * <p>Applications normally use the typed services of {@code klaviyo-domain}, which are built on these.
 */
package io.github.kvsdk.klaviyo.generated;
