/**
 * Faults armed on a sandbox: answer chosen requests with an error status, a delay, a reset connection or a
 * truncated body, for a number of matching requests, to test retries and error handling.
 */
package io.github.kvsdk.klaviyo.sandbox.faults;
