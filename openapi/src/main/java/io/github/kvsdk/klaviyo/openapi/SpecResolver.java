package io.github.kvsdk.klaviyo.openapi;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import okio.BufferedSource;
import okio.Okio;

/**
 * Resolves, verifies and packages the Klaviyo OpenAPI document of one revision. Run by the build, not at
 * runtime.
 *
 * <p>The revision is the one asked for ({@code -Dklaviyo.revision}); if none is asked for and a file is
 * given ({@code -Dklaviyo.openapi.spec}), the file's {@code info.version}; otherwise the pinned revision.
 * The document is looked for in order: the given file (and nowhere else if one is given), the mirror
 * folder, a download of the upstream commit {@code revisions/REVISION.properties} pins. It is refused if its
 * SHA-256 differs from the pinned one, or if its {@code info.version} is not the revision. A file given for a
 * revision that {@code revisions/} does not list is accepted with a warning (it is the user's file; there is
 * nothing to verify it against). Every failure names the steps that were tried and what each found.
 */
public final class SpecResolver {
  private final String askedRevision;
  private final Path givenSpec;
  private final String pinnedRevision;
  private final Path revisionsDir;
  private final Path mirrorDir;
  private final String upstream;
  private final Path downloadDir;
  private final List<String> steps = new ArrayList<>();

  SpecResolver(String askedRevision, Path givenSpec, String pinnedRevision, Path revisionsDir, Path mirrorDir,
      String upstream, Path downloadDir) {
    this.askedRevision = askedRevision;
    this.givenSpec = givenSpec;
    this.pinnedRevision = pinnedRevision;
    this.revisionsDir = revisionsDir;
    this.mirrorDir = mirrorDir;
    this.upstream = upstream;
    this.downloadDir = downloadDir;
  }

  /** The resolved, verified document. */
  record Resolved(String revision, Path file, String sha256, String commit, String source, String warning) {
  }

  /** Thrown for a spec that cannot be found or is refused; the message says why and how to fix it. */
  static final class SpecException extends RuntimeException {
    SpecException(String message) {
      super(message);
    }
  }

  /**
   * Usage: {@code SpecResolver <revision or "-"> <spec file or "-"> <pinned revision> <revisions dir>
   * <mirror dir> <upstream base URL> <download dir> <output dir>}. Maven passes an unset property as its
   * literal {@code ${...}} expression, which counts as not given.
   *
   * @param args the eight arguments above, in that order
   * @throws IOException if a file cannot be read or written, or the download fails
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 8) {
      throw new IllegalArgumentException("usage: SpecResolver <revision> <spec> <pinned revision> <revisions dir>"
          + " <mirror dir> <upstream> <download dir> <output dir>");
    }
    SpecResolver resolver = new SpecResolver(given(args[0]), given(args[1]) == null ? null : Path.of(args[1]),
        args[2], Path.of(args[3]), Path.of(args[4]), args[5], Path.of(args[6]));
    Resolved resolved;
    try {
      resolved = resolver.resolve();
    } catch (SpecException e) {
      System.err.println("[ERROR] " + e.getMessage());
      throw e;
    }
    Path output = Path.of(args[7]);
    Files.createDirectories(output);
    Files.copy(resolved.file(), output.resolve("klaviyo-openapi.json"), StandardCopyOption.REPLACE_EXISTING);
    Properties provenance = new Properties();
    provenance.setProperty("revision", resolved.revision());
    provenance.setProperty("commit", resolved.commit());
    provenance.setProperty("sha256", resolved.sha256());
    provenance.setProperty("source", resolved.source());
    var text = new java.io.StringWriter();
    provenance.store(text, "Provenance of klaviyo-openapi.json");
    // Properties.store writes the current date as the second comment line; dropped so that two builds of one
    // commit package identical files.
    List<String> lines = new ArrayList<>(text.toString().lines().toList());
    lines.remove(1);
    Files.write(output.resolve("klaviyo-openapi.properties"), lines, java.nio.charset.StandardCharsets.ISO_8859_1);
    if (resolved.warning() != null) {
      System.out.println("[WARNING] " + resolved.warning());
    }
    System.out.println("Klaviyo OpenAPI " + resolved.revision() + ": " + resolved.file() + " verified (SHA-256 "
        + resolved.sha256() + ", " + resolved.source() + "). Steps: " + String.join("; ", resolver.steps));
  }

  private static String given(String value) {
    return value == null || value.isBlank() || value.equals("-") || value.startsWith("${") ? null : value.trim();
  }

  Resolved resolve() {
    String revision;
    if (askedRevision != null) {
      revision = askedRevision;
      steps.add("revision " + revision + " from -Dklaviyo.revision");
    } else if (givenSpec != null) {
      revision = infoVersion(requireGivenSpec());
      if (revision == null) {
        throw new SpecException("Cannot tell the revision of " + givenSpec + ": it has no info.version. Fix: pass"
            + " -Dklaviyo.revision=YYYY-MM-DD, or give the unmodified openapi/stable.json of a Klaviyo revision.");
      }
      steps.add("revision " + revision + " from info.version of " + givenSpec);
    } else {
      revision = pinnedRevision;
      steps.add("revision " + revision + " (the pinned revision; neither -Dklaviyo.revision nor -Dklaviyo.openapi.spec given)");
    }
    Properties pinned = pinned(revision);
    if (pinned == null && givenSpec == null) {
      throw new SpecException("Unknown Klaviyo API revision '" + revision + "': " + revisionsDir.resolve(revision + ".properties")
          + " does not exist. Fix: give the file with -Dklaviyo.openapi.spec=/path/to/stable.json (its revision is"
          + " read from info.version), or add that properties file with the upstream commit and the SHA-256 of that"
          + " commit's openapi/stable.json.");
    }

    Path file;
    String source;
    if (givenSpec != null) {
      file = requireGivenSpec();
      source = "-Dklaviyo.openapi.spec";
    } else {
      steps.add("-Dklaviyo.openapi.spec: not given");
      Path mirrored = mirrorDir.resolve("klaviyo-openapi-" + revision + ".json");
      if (Files.isRegularFile(mirrored)) {
        steps.add("mirror " + mirrored + ": found");
        file = mirrored;
        source = "mirror";
      } else {
        steps.add("mirror " + mirrored + ": absent");
        file = download(revision, pinned.getProperty("commit"));
        source = "download";
      }
    }

    String sha256 = sha256(file);
    String expected = pinned == null ? null : pinned.getProperty("sha256");
    if (expected != null && !expected.equalsIgnoreCase(sha256)) {
      throw new SpecException("Klaviyo OpenAPI spec " + file + " does not match revision " + revision + ": expected SHA-256 "
          + expected + ", actual " + sha256 + ". Fix: use the unmodified openapi/stable.json of upstream commit "
          + pinned.getProperty("commit") + " (-Dklaviyo.openapi.spec=PATH), or update " + revisionsDir.resolve(revision + ".properties")
          + " if you are adding a new revision on purpose. Steps: " + String.join("; ", steps));
    }
    String version = infoVersion(file);
    if (!revision.equals(version)) {
      throw new SpecException("Klaviyo OpenAPI spec " + file + " is revision " + (version == null ? "(no info.version)" : version)
          + ", not " + revision + ". Fix: " + (givenSpec != null
              ? "drop -Dklaviyo.revision to use the file's own revision, or give the file of revision " + revision + "."
              : "correct " + revisionsDir.resolve(revision + ".properties") + " and the file it pins, which must"
                  + " be revision " + revision + ".")
          + " Steps: " + String.join("; ", steps));
    }
    String warning = pinned == null
        ? "Revision " + revision + " is not pinned in " + revisionsDir + "; " + file + " is used as given (SHA-256 " + sha256
            + "). To pin it, add " + revisionsDir.resolve(revision + ".properties") + " with commit=<upstream commit> and sha256=" + sha256 + "."
        : null;
    return new Resolved(revision, file, sha256, pinned == null ? "unpinned" : pinned.getProperty("commit"), source, warning);
  }

  /** The steps tried so far, in order, each with what it found. */
  List<String> steps() {
    return List.copyOf(steps);
  }

  private Path requireGivenSpec() {
    if (!Files.isRegularFile(givenSpec)) {
      steps.add("-Dklaviyo.openapi.spec=" + givenSpec + ": does not exist");
      throw new SpecException("Klaviyo OpenAPI spec " + givenSpec + " (given with -Dklaviyo.openapi.spec) does not"
          + " exist. Nothing else was tried: a given file is the only one used. Fix: correct the path, or drop"
          + " -Dklaviyo.openapi.spec to let the build look in the mirror folder and upstream.");
    }
    if (steps.stream().noneMatch(s -> s.startsWith("-Dklaviyo.openapi.spec="))) {
      steps.add("-Dklaviyo.openapi.spec=" + givenSpec + ": found");
    }
    return givenSpec;
  }

  private Properties pinned(String revision) {
    Path file = revisionsDir.resolve(revision + ".properties");
    if (!Files.isRegularFile(file)) return null;
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      properties.load(in);
    } catch (IOException e) {
      throw new SpecException("Cannot read " + file + ": " + e.getMessage());
    }
    if (properties.getProperty("sha256") == null || properties.getProperty("commit") == null) {
      throw new SpecException(file + " must set commit= and sha256=");
    }
    return properties;
  }

  private Path download(String revision, String commit) {
    String url = upstream + "/" + commit + "/openapi/stable.json";
    Path target = downloadDir.resolve("klaviyo-openapi-" + revision + ".json");
    try {
      if (Files.isRegularFile(target)) {
        steps.add("download " + url + ": already in " + target);
        return target;
      }
      Files.createDirectories(downloadDir);
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
          .followRedirects(HttpClient.Redirect.NORMAL).build();
      HttpResponse<Path> response = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120)).build(),
          HttpResponse.BodyHandlers.ofFile(downloadDir.resolve(target.getFileName() + ".part")));
      if (response.statusCode() != 200) {
        Files.deleteIfExists(response.body());
        steps.add("download " + url + ": HTTP " + response.statusCode());
      } else {
        Files.move(response.body(), target, StandardCopyOption.REPLACE_EXISTING);
        steps.add("download " + url + ": done");
        return target;
      }
    } catch (IOException | IllegalArgumentException e) {
      steps.add("download " + url + ": failed (" + e + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      steps.add("download " + url + ": interrupted");
    }
    throw new SpecException("Klaviyo OpenAPI spec for revision " + revision + " not found. Tried: " + String.join("; ", steps)
        + ". Fix: pass -Dklaviyo.openapi.spec=/path/to/stable.json, or -Dklaviyo.openapi.mirror=/folder/with/mirrors,"
        + " or build with internet access.");
  }

  /** The document's {@code info.version}, read without parsing the rest; null if it has none. */
  static String infoVersion(Path file) {
    try (BufferedSource source = Okio.buffer(Okio.source(file)); JsonReader reader = JsonReader.of(source)) {
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) return null;
      reader.beginObject();
      while (reader.hasNext()) {
        if (!reader.nextName().equals("info") || reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
          reader.skipValue();
          continue;
        }
        reader.beginObject();
        while (reader.hasNext()) {
          if (reader.nextName().equals("version") && reader.peek() == JsonReader.Token.STRING) {
            return reader.nextString();
          }
          reader.skipValue();
        }
        return null;
      }
      return null;
    } catch (IOException e) {
      return null; // not JSON: the SHA-256 check or the caller says so
    }
  }

  static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new SpecException("Cannot read " + file + ": " + e.getMessage());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
