package io.github.kvsdk.klaviyo.poller.source;

import java.io.IOException;

/**
 * Fetches listing pages. The poller's only way to reach Klaviyo, so tests can put a real HTTP
 * server or the sandbox behind it. Not intended for library users; it may change.
 */
public interface PageSource {
  /**
   * Fetches one page.
   *
   * @param request the page to fetch
   * @return the page
   *
   * @throws io.github.kvsdk.klaviyo.errors.KlaviyoApiException if Klaviyo answers with an error
   * @throws io.github.kvsdk.klaviyo.errors.KlaviyoException if the request cannot be completed
   * @throws IOException if the listing cannot be read
   */
  Page fetch(PageRequest request) throws IOException;

  /**
   * {@return the id of the account the credentials belong to; keys checkpoints}
   *
   * @throws IOException if the account cannot be read
   */
  String accountId() throws IOException;
}
