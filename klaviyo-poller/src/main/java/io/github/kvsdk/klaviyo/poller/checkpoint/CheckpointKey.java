package io.github.kvsdk.klaviyo.poller.checkpoint;

import java.util.Objects;

/**
 * Identifies one poll stream: an account, an object type and the timestamp field polled on. Two
 * pollers with different keys never share progress, even when they share a store.
 *
 * @param account the Klaviyo account id (or another name the caller chose for the account)
 * @param objectType the object type's configuration name, e.g. {@code profiles}
 * @param timestampField the polled attribute, e.g. {@code updated}
 */
public record CheckpointKey(String account, String objectType, String timestampField) {
  /**
   * Creates a key.
   *
   * @param account the Klaviyo account id (or another name the caller chose for the account)
   * @param objectType the object type's configuration name, e.g. {@code profiles}
   * @param timestampField the polled attribute, e.g. {@code updated}
   * @throws IllegalArgumentException if a part is null or blank
   */
  public CheckpointKey {
    requireText(account, "account");
    requireText(objectType, "objectType");
    requireText(timestampField, "timestampField");
  }

  private static void requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) throw new IllegalArgumentException(name + " must not be blank");
  }

  @Override
  public String toString() {
    return account + "/" + objectType + "/" + timestampField;
  }
}
