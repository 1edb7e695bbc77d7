/**
 * One Retrofit service per resource group of the Klaviyo API, with one method per operation; their Javadoc
 * carries each operation's summary and description from the spec. Generated at build time.
 */
package io.github.kvsdk.klaviyo.generated.api;
