package com.example.klaviyo;

import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.actions.BulkResult;
import io.github.kvsdk.klaviyo.actions.ProfileAttributes;
import io.github.kvsdk.klaviyo.actions.ProfileSubscription;
import java.util.List;

/** Application code that uses the SDK: signs people up for a newsletter list. The test runs it against the sandbox. */
public final class NewsletterSignup {
  private final KlaviyoClient client;
  private final String listId;

  public NewsletterSignup(KlaviyoClient client, String listId) {
    this.client = client;
    this.listId = listId;
  }

  /** Creates the profile and subscribes its email to the list; returns the profile id. */
  public String signUp(String email, String firstName) {
    String profileId = client.profiles()
        .create(ProfileAttributes.builder().email(email).firstName(firstName).build())
        .getData().getId();
    BulkResult subscribed = client.profiles().subscribe(listId, List.of(ProfileSubscription.email(email)));
    if (!subscribed.allAccepted()) {
      throw new IllegalStateException("Klaviyo did not accept the subscription: " + subscribed);
    }
    return profileId;
  }

  /** The list's name, for the sign-up page. */
  public String listName() {
    return client.lists().get(listId).getData().getAttributes().getName();
  }
}
