package io.github.kvsdk.klaviyo.generated;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The Klaviyo API revision this client was generated for, recorded by the build in the classpath resource
 * {@value #RESOURCE}. Send it as the {@code revision} header: the generated types describe that revision's
 * requests and responses.
 */
public final class GeneratedRevision {
  /** Classpath location of the record: {@code revision}, {@code commit} and {@code sha256} properties. */
  public static final String RESOURCE = "/io/github/kvsdk/klaviyo/generated/klaviyo-generated.properties";

  private static final Properties RECORD = load();

  private GeneratedRevision() {
  }

  /** {@return the revision, such as {@code 2024-10-15}} */
  public static String revision() {
    return RECORD.getProperty("revision");
  }

  /** {@return the github.com/klaviyo/openapi commit the spec came from, or {@code unpinned} for a file given as is} */
  public static String upstreamCommit() {
    return RECORD.getProperty("commit");
  }

  /** {@return the lowercase hex SHA-256 of the spec the client was generated from} */
  public static String sha256() {
    return RECORD.getProperty("sha256");
  }

  private static Properties load() {
    Properties properties = new Properties();
    try (InputStream in = GeneratedRevision.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Classpath resource " + RESOURCE + " is missing; rebuild klaviyo-generated");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE, e);
    }
    return properties;
  }
}
