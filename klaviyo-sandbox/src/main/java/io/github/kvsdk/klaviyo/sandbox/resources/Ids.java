package io.github.kvsdk.klaviyo.sandbox.resources;

import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ids in Klaviyo's formats: 26-character ULIDs (profiles, campaigns, campaign messages; e.g.
 * {@code 01GDDKASAP8TKDDA2GRZDSVP4H}), 6-character base-62 ids (lists, segments, metrics, flows, forms,
 * templates, accounts; e.g. {@code Y6nRLr}) and numeric ids (images).
 */
final class Ids {
  private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final char[] BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

  private final Random random;
  private final AtomicLong numeric = new AtomicLong(10_000_000);

  Ids(long seed) {
    // Ids need to be unpredictable across runs, not secret: one secure seed, then a fast generator.
    this.random = new Random(seed == 0 ? new SecureRandom().nextLong() : seed);
  }

  /** A ULID for {@code epochMillis}: 10 time characters then 16 random ones. */
  synchronized String ulid(long epochMillis) {
    char[] out = new char[26];
    long t = epochMillis;
    for (int i = 9; i >= 0; i--) {
      out[i] = CROCKFORD[(int) (t & 31)];
      t >>>= 5;
    }
    for (int i = 10; i < 26; i++) {
      out[i] = CROCKFORD[random.nextInt(32)];
    }
    return new String(out);
  }

  synchronized String base62(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = BASE62[random.nextInt(62)];
    }
    return new String(out);
  }

  String numeric() {
    return Long.toString(numeric.incrementAndGet());
  }
}
