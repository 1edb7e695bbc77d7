package io.github.kvsdk.klaviyo.actions;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The changes of Update Template: name, HTML and plain-text version. A setter never called sends nothing,
 * so that part stays as it is; one called with {@code null} sends {@code null}, which clears it (for
 * example {@code text(null)} removes the plain-text version).
 *
 * <pre>{@code
 * client.templates().update(id, TemplateAttributes.builder().html(newHtml).text(null).build());
 * }</pre>
 */
public final class TemplateAttributes {
  private final Map<String, Object> attributes;

  private TemplateAttributes(Map<String, Object> attributes) {
    this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /** {@return a builder with nothing set} */
  public static Builder builder() {
    return new Builder();
  }

  /** The JSON:API attributes to send: exactly those set. */
  Map<String, Object> toAttributes() {
    return attributes;
  }

  /** Lists the attributes set, not their contents. */
  @Override
  public String toString() {
    return "TemplateAttributes" + attributes.keySet();
  }

  /**
   * Builds {@link TemplateAttributes}: only the attributes set are sent, and one set to null is sent as null.
   * Not thread-safe.
   */
  public static final class Builder {
    private final Map<String, Object> attributes = new LinkedHashMap<>();

    private Builder() {}

    /**
     * The name of the template.
     *
     * @param name the template's name
     * @return this builder
     */
    public Builder name(String name) {
      if (name != null && name.isBlank()) throw new KlaviyoValidationException("name", "must not be blank");
      attributes.put("name", name);
      return this;
    }

    /**
     * The HTML of the template.
     *
     * @param html the template's HTML
     * @return this builder
     */
    public Builder html(String html) {
      attributes.put("html", html);
      return this;
    }

    /**
     * The plain-text version of the template; {@code null} removes it.
     *
     * @param text the template's plain-text version
     * @return this builder
     */
    public Builder text(String text) {
      attributes.put("text", text);
      return this;
    }

    /** {@return the attributes} */
    public TemplateAttributes build() {
      return new TemplateAttributes(attributes);
    }
  }
}
