/**
 * Cursor paging over Klaviyo's listings: a {@link io.github.kvsdk.klaviyo.paging.Page} of resources with its links and included
 * resources, {@link io.github.kvsdk.klaviyo.paging.AutoPager} to iterate every resource of every page lazily (optionally fetching
 * ahead), and {@link io.github.kvsdk.klaviyo.paging.AsyncPager} for the same without blocking.
 */
package io.github.kvsdk.klaviyo.paging;
