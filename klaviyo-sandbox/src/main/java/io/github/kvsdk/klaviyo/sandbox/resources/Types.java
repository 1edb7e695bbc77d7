package io.github.kvsdk.klaviyo.sandbox.resources;

/** JSON:API type names of the emulated resources. */
public final class Types {
  /** The {@code account} type. */
  public static final String ACCOUNT = "account";
  /** The {@code profile} type. */
  public static final String PROFILE = "profile";
  /** The {@code list} type. */
  public static final String LIST = "list";
  /** The {@code segment} type. */
  public static final String SEGMENT = "segment";
  /** The {@code event} type. */
  public static final String EVENT = "event";
  /** The {@code metric} type. */
  public static final String METRIC = "metric";
  /** The {@code campaign} type. */
  public static final String CAMPAIGN = "campaign";
  /** The {@code campaign-message} type. */
  public static final String CAMPAIGN_MESSAGE = "campaign-message";
  /** The {@code template} type. */
  public static final String TEMPLATE = "template";
  /** The {@code image} type. */
  public static final String IMAGE = "image";
  /** The {@code flow} type. */
  public static final String FLOW = "flow";
  /** The {@code form} type. */
  public static final String FORM = "form";
  /** The {@code review} type. */
  public static final String REVIEW = "review";

  private Types() {}
}
