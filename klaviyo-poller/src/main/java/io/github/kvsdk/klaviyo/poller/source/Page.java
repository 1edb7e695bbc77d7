package io.github.kvsdk.klaviyo.poller.source;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param objects the page's resource objects in listing order
 * @param nextUrl {@code links.next}, or null on the last page
 */
public record Page(List<PolledObject> objects, String nextUrl) {
  /**
   * Creates a page; {@code objects} is copied.
   *
   * @param objects the page's resource objects in listing order
   * @param nextUrl {@code links.next}, or null on the last page
   */
  public Page {
    objects = List.copyOf(objects);
  }
}
