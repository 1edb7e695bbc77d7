package io.github.kvsdk.klaviyo.sandbox.resources;

/** JSON:API type names of the emulated resources. */
public final class Types {
  public static final String ACCOUNT = "account";
  public static final String PROFILE = "profile";
  public static final String LIST = "list";
  public static final String SEGMENT = "segment";
  public static final String EVENT = "event";
  public static final String METRIC = "metric";
  public static final String CAMPAIGN = "campaign";
  public static final String CAMPAIGN_MESSAGE = "campaign-message";
  public static final String TEMPLATE = "template";
  public static final String IMAGE = "image";
  public static final String FLOW = "flow";
  public static final String FORM = "form";
  public static final String REVIEW = "review";

  private Types() {}
}
