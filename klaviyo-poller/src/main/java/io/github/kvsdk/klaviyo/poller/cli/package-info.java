/**
 * The {@code klaviyo-poller} command line: polls a listing and prints the objects as JSON Lines on standard
 * output, with progress and logs on standard error. Run {@code klaviyo-poller --help} for its options.
 */
package io.github.kvsdk.klaviyo.poller.cli;
