/** Raw HTTP requests to any Klaviyo endpoint through the configured client: the escape hatch. */
package io.github.kvsdk.klaviyo.raw;
