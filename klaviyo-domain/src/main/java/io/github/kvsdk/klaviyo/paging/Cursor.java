package io.github.kvsdk.klaviyo.paging;

import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * Where the next page is: the full {@code links.next} URL a response carried, and the opaque {@code
 * page[cursor]} value inside it.
 *
 * <p>Loaders that call a typed service pass {@link #value()} as the {@code page[cursor]} argument; raw
 * loaders may follow {@link #link()} directly, since it already repeats the original filter, sort and
 * page size.
 */
public final class Cursor {
  /** The query parameters Klaviyo uses for cursors: list endpoints and reporting endpoints. */
  private static final String[] PARAMETERS = {"page[cursor]", "page_cursor"};

  private final String parameter;
  private final String value;
  private final String link;

  private Cursor(String parameter, String value, String link) {
    this.parameter = parameter;
    this.value = value;
    this.link = link;
  }

  /**
   * {@return the cursor of a {@code links.next} URL, or empty if the link is absent or carries no cursor}
   *
   * @param link a {@code links.next} URL, or null
   */
  public static Optional<Cursor> fromLink(String link) {
    if (link == null || link.isEmpty()) return Optional.empty();
    HttpUrl url = HttpUrl.parse(link);
    if (url == null) return Optional.empty();
    for (String parameter : PARAMETERS) {
      String value = url.queryParameter(parameter);
      if (value != null && !value.isEmpty()) return Optional.of(new Cursor(parameter, value, link));
    }
    return Optional.empty();
  }

  /** {@return the query parameter that carried the cursor: {@code page[cursor]}, or {@code page_cursor} for reports} */
  public String parameter() {
    return parameter;
  }

  /** {@return the decoded {@code page[cursor]} value} */
  public String value() {
    return value;
  }

  /** {@return the full URL of the next page, as the server sent it} */
  public String link() {
    return link;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cursor that
        && parameter.equals(that.parameter)
        && value.equals(that.value) && link.equals(that.link);
  }

  @Override
  public int hashCode() {
    return Objects.hash(parameter, value, link);
  }

  /** Returns the cursor value only: links may be long, and both are opaque. */
  @Override
  public String toString() {
    return value;
  }
}
