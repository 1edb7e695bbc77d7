package io.github.kvsdk.klaviyo.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The Klaviyo OpenAPI document this artifact was built with, read from the classpath.
 *
 * <p>The build resolves the document (an explicit path, the mirror folder, or a download of the pinned
 * upstream commit), refuses it unless its SHA-256 matches the pinned value, and packages it next to this
 * class together with its provenance. Consumers read it through this class instead of a file path, so
 * that the sandbox, the filter catalogue and the tests all see the same verified bytes.
 */
public final class KlaviyoOpenApiSpec {
  /** Classpath location of the verified spec document. */
  public static final String RESOURCE = "/io/github/kvsdk/klaviyo/openapi/klaviyo-openapi.json";

  private static final String PROVENANCE = "/io/github/kvsdk/klaviyo/openapi/klaviyo-openapi.properties";
  private static final KlaviyoOpenApiSpec PACKAGED = load();

  private final String revision;
  private final String commit;
  private final String sha256;

  private KlaviyoOpenApiSpec(String revision, String commit, String sha256) {
    this.revision = revision;
    this.commit = commit;
    this.sha256 = sha256;
  }

  /** {@return the spec packaged in this artifact} */
  public static KlaviyoOpenApiSpec packaged() {
    return PACKAGED;
  }

  /** {@return the API revision, such as {@code 2024-10-15}} */
  public String revision() {
    return revision;
  }

  /** {@return the commit of github.com/klaviyo/openapi whose {@code openapi/stable.json} this is} */
  public String upstreamCommit() {
    return commit;
  }

  /** {@return the lowercase hex SHA-256 the document was verified against} */
  public String sha256() {
    return sha256;
  }

  /**
   * Opens the document as a classpath resource. The caller closes the stream.
   *
   * @return the OpenAPI document's bytes (UTF-8 JSON), read from the start
   * @throws IllegalStateException if the resource is missing from the classpath (a broken build)
   */
  public InputStream open() {
    InputStream in = KlaviyoOpenApiSpec.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException("Classpath resource " + RESOURCE + " is missing; rebuild klaviyo-openapi");
    }
    return in;
  }

  /**
   * Reads the whole document into memory (several megabytes).
   *
   * @return the OpenAPI document (UTF-8 JSON)
   * @throws java.io.UncheckedIOException if the classpath resource cannot be read
   */
  public byte[] readAllBytes() {
    try (InputStream in = open()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE, e);
    }
  }

  @Override
  public String toString() {
    return "KlaviyoOpenApiSpec{revision=" + revision + ", commit=" + commit + ", sha256=" + sha256 + "}";
  }

  private static KlaviyoOpenApiSpec load() {
    Properties p = new Properties();
    try (InputStream in = KlaviyoOpenApiSpec.class.getResourceAsStream(PROVENANCE)) {
      if (in == null) {
        throw new IllegalStateException("Classpath resource " + PROVENANCE + " is missing; rebuild klaviyo-openapi");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + PROVENANCE, e);
    }
    return new KlaviyoOpenApiSpec(p.getProperty("revision"), p.getProperty("commit"), p.getProperty("sha256"));
  }
}
