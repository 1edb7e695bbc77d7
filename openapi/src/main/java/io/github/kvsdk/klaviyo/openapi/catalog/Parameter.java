package io.github.kvsdk.klaviyo.openapi.catalog;

import java.util.Locale;
import java.util.Map;

/**
 * One parameter an operation declares: its name, where it goes, whether the spec requires it, the spec's
 * description of it and its schema. A parameter given by {@code $ref} is the component it refers to.
 * Immutable; instances come from {@link Operation#parameters()}.
 */
public final class Parameter {
  /** Where a parameter is sent, from its {@code in}. */
  public enum Location {
    /** A placeholder of the path template, such as {@code id} in {@code /api/profiles/{id}}. */
    PATH,
    /** A query parameter, such as {@code page[cursor]}. */
    QUERY,
    /** A request header, such as {@code revision}. */
    HEADER,
    /** A cookie. */
    COOKIE;

    /** The location an OpenAPI {@code in} value names, or null if it names none. */
    static Location of(String in) {
      for (Location location : values()) {
        if (location.name().toLowerCase(Locale.ROOT).equals(in)) return location;
      }
      return null;
    }
  }

  private final String name;
  private final Location location;
  private final boolean required;
  private final String description;
  private final Map<String, Object> schema;

  Parameter(String name, Location location, boolean required, String description, Map<String, Object> schema) {
    this.name = name;
    this.location = location;
    this.required = required;
    this.description = description;
    this.schema = schema;
  }

  /** {@return the parameter's name as sent, such as {@code fields[profile]}} */
  public String name() {
    return name;
  }

  /** {@return where the parameter is sent} */
  public Location location() {
    return location;
  }

  /** {@return true if the spec marks the parameter required} */
  public boolean required() {
    return required;
  }

  /** {@return the spec's description of the parameter, as written (Markdown); empty if it has none} */
  public String description() {
    return description;
  }

  /**
   * {@return the parameter's schema as the spec's own JSON tree, never modified; a {@code $ref} in it is left
   * for {@link Schemas#resolve} to follow} Empty if the parameter declares none.
   */
  public Map<String, Object> schema() {
    return schema;
  }

  @Override
  public String toString() {
    return location.name().toLowerCase(Locale.ROOT) + " " + name + (required ? " (required)" : "");
  }
}
