package io.github.kvsdk.klaviyo.sandbox.resources;

import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiException;
import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiRequest;
import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Images: import from a URL (fetched, as Klaviyo does) or a {@code data:} URI, multipart upload, get, list
 * and update. Only JPEG, PNG and GIF up to 5 MB are accepted, recognised by their magic bytes. The bytes
 * are kept and served at {@code image_url} ({@code /__admin/images/{id}}).
 */
final class ImageEndpoints {
  static final int MAX_BYTES = 5 * 1024 * 1024;

  private final Backend b;
  private final SandboxState state;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NORMAL).build();

  ImageEndpoints(Backend backend) {
    this.b = backend;
    this.state = backend.state;
  }

  void register() {
    b.on("get_images", r -> b.list(r, state.images()));
    b.on("get_image", r -> b.get(state.images(), r));
    b.on("upload_image_from_url", this::fromUrl);
    b.on("upload_image_from_file", this::fromFile);
    b.on("update_image", this::update);
  }

  private ApiResponse fromUrl(ApiRequest r) {
    Map<String, Object> data = Bodies.data(r.jsonObject(), Types.IMAGE);
    Map<String, Object> attributes = Bodies.attributes(data, "/data", Set.of("name", "import_from_url", "hidden"));
    String url = Bodies.requiredString(attributes, "import_from_url", "/data/attributes");
    byte[] bytes;
    String fallbackName;
    if (url.startsWith("data:")) {
      int comma = url.indexOf(',');
      if (comma < 0 || !url.substring(0, comma).endsWith(";base64")) {
        throw ApiException.invalidBody("/data/attributes/import_from_url",
            "A data URI must be base-64 encoded: data:image/png;base64,....");
      }
      try {
        bytes = Base64.getDecoder().decode(url.substring(comma + 1).trim());
      } catch (IllegalArgumentException e) {
        throw ApiException.invalidBody("/data/attributes/import_from_url", "The data URI is not valid base-64.");
      }
      fallbackName = "image";
    } else if (url.startsWith("http://") || url.startsWith("https://")) {
      bytes = download(url);
      String path = URI.create(url).getPath();
      fallbackName = path == null || path.isEmpty() || path.endsWith("/") ? "image"
          : path.substring(path.lastIndexOf('/') + 1);
    } else {
      throw ApiException.invalidBody("/data/attributes/import_from_url",
          "'import_from_url' must be an http(s) URL or a data URI.");
    }
    String name = Bodies.optionalString(attributes, "name", "/data/attributes");
    Boolean hidden = Bodies.optionalBoolean(attributes, "hidden", "/data/attributes");
    return ApiResponse.created(b.api.single(r, store(r, bytes, name == null ? fallbackName : name,
        hidden != null && hidden, "/data/attributes/import_from_url")));
  }

  private ApiResponse fromFile(ApiRequest r) {
    Map<String, Multipart.Part> parts = Multipart.parse(r.contentType(), r.body());
    Multipart.Part file = parts.get("file");
    if (file == null) {
      throw ApiException.invalidBody("/file", "'file' is a required form field.");
    }
    Multipart.Part name = parts.get("name");
    Multipart.Part hidden = parts.get("hidden");
    String imageName = name != null ? new String(name.body(), StandardCharsets.UTF_8)
        : file.filename() != null ? file.filename() : "image";
    boolean isHidden = hidden != null && new String(hidden.body(), StandardCharsets.UTF_8).trim().equals("true");
    return ApiResponse.created(b.api.single(r, store(r, file.body(), imageName, isHidden, "/file")));
  }

  private Resource store(ApiRequest r, byte[] bytes, String name, boolean hidden, String pointer) {
    if (bytes.length > MAX_BYTES) {
      throw ApiException.invalidBody(pointer, "The image is larger than 5MB.");
    }
    String format = format(bytes);
    if (format == null) {
      throw ApiException.invalidBody(pointer, "Unsupported image format; supported formats are jpeg, png and gif.");
    }
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("name", uniqueName(name));
    a.put("image_url", "");
    a.put("format", format);
    a.put("size", (long) bytes.length);
    a.put("hidden", hidden);
    a.put("updated_at", state.now());
    Resource image = state.insert(Types.IMAGE, a, Map.of());
    Map<String, Object> withUrl = new LinkedHashMap<>(image.attributes());
    withUrl.put("image_url", r.baseUrl() + "/__admin/images/" + image.id() + "." + (format.equals("jpeg") ? "jpg" : format));
    withUrl.put("$bytes", bytes);
    state.replace(image, withUrl);
    return image;
  }

  private String uniqueName(String name) {
    String candidate = name;
    int n = 1;
    while (nameTaken(candidate)) {
      candidate = name + " (" + n++ + ")";
    }
    return candidate;
  }

  private boolean nameTaken(String name) {
    return state.images().unordered().stream().anyMatch(i -> name.equals(i.attributes().get("name")));
  }

  private byte[] download(String url) {
    try {
      HttpResponse<InputStream> response = http.send(
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
          HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        if (response.statusCode() != 200) {
          throw ApiException.invalidBody("/data/attributes/import_from_url",
              "Unable to download the image: HTTP " + response.statusCode() + ".");
        }
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        return bytes;
      }
    } catch (IOException | IllegalArgumentException e) {
      throw ApiException.invalidBody("/data/attributes/import_from_url", "Unable to download the image.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiException.invalidBody("/data/attributes/import_from_url", "Unable to download the image.");
    }
  }

  static String format(byte[] b) {
    if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
      return "png";
    }
    if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
      return "jpeg";
    }
    if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
      return "gif";
    }
    return null;
  }

  private ApiResponse update(ApiRequest r) {
    Resource image = b.find(state.images(), r);
    Map<String, Object> data = Bodies.data(r.jsonObject(), Types.IMAGE);
    Bodies.checkId(data, image.id());
    Map<String, Object> attributes = Bodies.attributes(data, "/data", Set.of("name", "hidden"));
    Map<String, Object> changes = new LinkedHashMap<>();
    if (attributes.containsKey("name")) {
      changes.put("name", Bodies.requiredString(attributes, "name", "/data/attributes"));
    }
    if (attributes.containsKey("hidden")) {
      changes.put("hidden", Bodies.optionalBoolean(attributes, "hidden", "/data/attributes"));
    }
    return ApiResponse.ok(b.api.single(r, state.update(Types.IMAGE, image.id(), changes, "updated_at")));
  }
}
