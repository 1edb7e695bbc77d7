/**
 * The Klaviyo Java SDK: build one {@link io.github.kvsdk.klaviyo.KlaviyoClient} per credential and call Klaviyo's API through it.
 *
 * <pre>{@code
 * try (KlaviyoClient client = KlaviyoClient.builder().apiKey(System.getenv("KLAVIYO_API_KEY")).build()) {
 *   client.verifyCredentials();
 *   for (var profile : client.profiles().listAll(QueryOptions.none())) { ... }
 * }
 * }</pre>
 *
 * <p>The client offers every operation of the API revision it was built for as typed services (package
 * {@code io.github.kvsdk.klaviyo.api}), the documented actions with input checks and bulk helpers ({@link
 * io.github.kvsdk.klaviyo.KlaviyoClient#actions()}), and raw requests to any endpoint ({@link io.github.kvsdk.klaviyo.KlaviyoClient#raw()}). Every
 * path shares the client's credential, retries, rate limiting, timeouts and typed errors.
 */
package io.github.kvsdk.klaviyo;
