package io.github.kvsdk.klaviyo.sandbox.seed;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How many objects of each type to create at start-up (or later through {@code KlaviyoSandbox.seed}), with
 * timestamps spread evenly over a range and, optionally, a group of objects per type sharing one second —
 * the case that breaks naive timestamp pollers.
 *
 * <pre>{@code
 * SeedPlan plan = SeedPlan.builder()
 *     .profiles(10_000).lists(5).events(2_000)
 *     .between(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-06-01T00:00:00Z"))
 *     .sameSecond(50)
 *     .build();
 * }</pre>
 */
public final class SeedPlan {
  /** Object types a plan can create. */
  public enum Type {
    /** Profiles, with emails, names and timestamps spread over the range. */
    PROFILES,
    /** Lists. */
    LISTS,
    /** Segments. */
    SEGMENTS,
    /** Events, each on one of the sandbox's profiles and metrics. */
    EVENTS,
    /** Metrics. */
    METRICS,
    /** Campaigns. */
    CAMPAIGNS,
    /** Templates. */
    TEMPLATES,
    /** Images. */
    IMAGES,
    /** Flows. */
    FLOWS,
    /** Sign-up forms. */
    FORMS,
    /** Reviews. */
    REVIEWS,
    /** Every other resource type the spec defines (tags, coupons, catalog items, webhooks, flow actions...). */
    OTHERS
  }

  private final Map<Type, Integer> counts;
  private final Instant from;
  private final Instant to;
  private final int sameSecond;
  private final long randomSeed;

  private SeedPlan(Builder b) {
    this.counts = Map.copyOf(b.counts);
    this.from = b.from;
    this.to = b.to;
    this.sameSecond = b.sameSecond;
    this.randomSeed = b.randomSeed;
  }

  /** {@return a builder of an empty plan over the 30 days before now} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return a plan that creates nothing}
   */
  public static SeedPlan none() {
    return new Builder().build();
  }

  /**
   * How many objects of {@code type} the plan creates.
   *
   * @param type the object type
   * @return the count, 0 if none
   */
  public int count(Type type) {
    return counts.getOrDefault(type, 0);
  }

  /**
   * Start of the timestamp range (inclusive).
   *
   * @return the earliest timestamp of the created objects
   */
  public Instant from() {
    return from;
  }

  /**
   * End of the timestamp range (inclusive).
   *
   * @return the latest timestamp of the created objects
   */
  public Instant to() {
    return to;
  }

  /** {@return how many objects of each type share one second (placed at the middle of the range)} */
  public int sameSecond() {
    return sameSecond;
  }

  /** {@return the random seed of the generated values; the same random seed gives the same objects} */
  public long randomSeed() {
    return randomSeed;
  }

  @Override
  public String toString() {
    return "SeedPlan{" + counts + ", from=" + from + ", to=" + to + ", sameSecond=" + sameSecond + "}";
  }

  /** Builds a {@link SeedPlan}. The default range is the 30 days before creation of the builder. */
  public static final class Builder {
    private final Map<Type, Integer> counts = new LinkedHashMap<>();
    private Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    private Instant from = to.minus(Duration.ofDays(30));
    private int sameSecond;
    private long randomSeed = 42;

    private Builder() {}

    /**
     * Sets how many objects of {@code type} to create.
     *
     * @param type the object type
     * @param n zero or more
     * @return this builder
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public Builder count(Type type, int n) {
      if (n < 0) {
        throw new IllegalArgumentException(type + " count must be >= 0, was " + n);
      }
      counts.put(Objects.requireNonNull(type, "type"), n);
      return this;
    }

    /**
     * Sets how many profiles to create.
     *
     * @param n zero or more
     * @return this builder
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public Builder profiles(int n) {
      return count(Type.PROFILES, n);
    }

    /**
     * Sets how many lists to create.
     *
     * @param n zero or more
     * @return this builder
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public Builder lists(int n) {
      return count(Type.LISTS, n);
    }

    /**
     * Sets how many segments to create.
     *
     * @param n zero or more
     * @return this builder
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public Builder segments(int n) {
      return count(Type.SEGMENTS, n);
    }

    /**
     * Events, spread over a few metrics (created as needed) and the sandbox's profiles.
     *
     * @param n how many
     * @return this builder
     */
    public Builder events(int n) {
      return count(Type.EVENTS, n);
    }

    /**
     * Sets how many metrics to create.
     *
     * @param n zero or more
     * @return this builder
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public Builder metrics(int n) {
      return count(Type.METRICS, n);
    }

    /**
     * Sets how many campaigns to create.
     *
     * @param n zero or more
     * @return this builder
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public Builder campaigns(int n) {
      return count(Type.CAMPAIGNS, n);
    }

    /**
     * Sets how many templates to create.
     *
     * @param n zero or more
     * @return this builder
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public Builder templates(int n) {
      return count(Type.TEMPLATES, n);
    }

    /**
     * Sets how many images to create.
     *
     * @param n zero or more
     * @return this builder
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public Builder images(int n) {
      return count(Type.IMAGES, n);
    }

    /**
     * Sets how many flows to create.
     *
     * @param n zero or more
     * @return this builder
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public Builder flows(int n) {
      return count(Type.FLOWS, n);
    }

    /**
     * Sets how many sign-up forms to create.
     *
     * @param n zero or more
     * @return this builder
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public Builder forms(int n) {
      return count(Type.FORMS, n);
    }

    /**
     * Sets how many reviews to create.
     *
     * @param n zero or more
     * @return this builder
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public Builder reviews(int n) {
      return count(Type.REVIEWS, n);
    }

    /**
     * {@code n} objects of every other resource type the spec defines (tags, coupons, catalog items,
     * webhooks, flow actions and so on), with attributes made from the spec's examples and each
     * relationship pointing at the first object of its target type.
     *
     * @param n how many
     * @return this builder
     */
    public Builder others(int n) {
      return count(Type.OTHERS, n);
    }

    /**
     * Timestamps are spread evenly from {@code from} to {@code to}, both truncated to seconds.
     *
     * @param from the earliest timestamp
     * @param to the latest timestamp
     * @return this builder
     */
    public Builder between(Instant from, Instant to) {
      if (to.isBefore(from)) {
        throw new IllegalArgumentException("'to' (" + to + ") is before 'from' (" + from + ")");
      }
      this.from = from.truncatedTo(ChronoUnit.SECONDS);
      this.to = to.truncatedTo(ChronoUnit.SECONDS);
      return this;
    }

    /**
     * Makes {@code n} objects of each type (at most its count) share one timestamp second.
     *
     * @param n how many
     * @return this builder
     */
    public Builder sameSecond(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("sameSecond must be >= 0, was " + n);
      }
      this.sameSecond = n;
      return this;
    }

    /**
     * Random seed of the generator of names and memberships; the same random seed gives the same data.
     *
     * @param seed the random seed; the same one gives the same objects
     * @return this builder
     */
    public Builder randomSeed(long seed) {
      this.randomSeed = seed;
      return this;
    }

    /** {@return the plan} */
    public SeedPlan build() {
      return new SeedPlan(this);
    }
  }
}
