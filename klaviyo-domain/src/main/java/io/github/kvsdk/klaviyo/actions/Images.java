package io.github.kvsdk.klaviyo.actions;

import io.github.kvsdk.klaviyo.api.images.ImagesService;
import static io.github.kvsdk.klaviyo.actions.ActionContext.fields;
import static io.github.kvsdk.klaviyo.actions.ActionContext.filter;
import static io.github.kvsdk.klaviyo.actions.ActionContext.pageSize;
import static io.github.kvsdk.klaviyo.actions.ActionContext.require;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.generated.api.ImagesApi;
import io.github.kvsdk.klaviyo.generated.model.GetImageResponse;
import io.github.kvsdk.klaviyo.generated.model.GetImageResponseCollection;
import io.github.kvsdk.klaviyo.generated.model.ImageCreateQuery;
import io.github.kvsdk.klaviyo.generated.model.ImagePartialUpdateQuery;
import io.github.kvsdk.klaviyo.generated.model.ImageResponseObjectResource;
import io.github.kvsdk.klaviyo.generated.model.PatchImageResponse;
import io.github.kvsdk.klaviyo.generated.model.PostImageResponse;
import io.github.kvsdk.klaviyo.paging.AutoPager;
import io.github.kvsdk.klaviyo.paging.Page;
import io.github.kvsdk.klaviyo.query.QueryOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import retrofit2.Call;

/**
 * Image actions: Upload Image, Get Image, List Images and Update Image.
 *
 * <p>Upload Image takes a URL or a {@code data:image/...;base64,} URI ({@code upload_image_from_url}, via
 * {@code POST /api/images}), or bytes or a file ({@code upload_image_from_file}, via {@code POST
 * /api/image-upload}). Supported formats are JPEG, PNG and GIF, up to 5 MB.
 */
public final class Images extends ImagesService {
  /** The largest image Klaviyo accepts. */
  public static final int MAX_IMAGE_BYTES = 5 * 1024 * 1024;

  private static final Pattern DATA_URI = Pattern.compile("data:image/(jpeg|jpg|png|gif);base64,[A-Za-z0-9+/=\\s]+");

  private final ActionContext ctx;

  Images(ActionContext ctx) {
    super(ctx.services);
    this.ctx = ctx;
  }

  /**
   * Upload Image as the seed defines it: from {@code imageUrl} (a URL or data URI) or else from {@code
   * fileData}; exactly one must be given.
   *
   * @param name the image name; null means Klaviyo's default (the file name).
   */
  public PostImageResponse upload(String imageUrl, byte[] fileData, String name) {
    if ((imageUrl == null) == (fileData == null)) {
      throw new KlaviyoValidationException("imageUrl", "give either an image URL or file data, not both or neither");
    }
    return imageUrl != null ? uploadFromUrl(imageUrl, name) : uploadFile(fileData, name == null ? "image" : name, name);
  }

  /** Upload Image from a URL or {@code data:image/...;base64,} URI ({@code upload_image_from_url}). */
  public PostImageResponse uploadFromUrl(String imageUrl, String name) {
    return ctx.execute(urlCall(imageUrl, name));
  }

  public CompletableFuture<PostImageResponse> uploadFromUrlAsync(String imageUrl, String name) {
    return ctx.executeAsync(urlCall(imageUrl, name));
  }

  private Call<PostImageResponse> urlCall(String imageUrl, String name) {
    require("imageUrl", imageUrl);
    if (imageUrl.startsWith("data:")) {
      if (!DATA_URI.matcher(imageUrl).matches()) {
        throw new KlaviyoValidationException("imageUrl",
            "a data URI must be data:image/(jpeg|png|gif);base64,<data>");
      }
    } else {
      HttpUrl url = HttpUrl.parse(imageUrl);
      if (url == null) throw new KlaviyoValidationException("imageUrl", "must be an http(s) URL or a data URI");
    }
    Map<String, Object> attributes = new LinkedHashMap<>();
    if (name != null) attributes.put("name", require("name", name));
    attributes.put("import_from_url", imageUrl);
    Map<String, Object> body = Map.of("data", Map.of("type", "image", "attributes", attributes));
    return api().uploadImageFromUrl(ctx.revision(), ctx.body(body, ImageCreateQuery.class));
  }

  /** Upload Image from bytes ({@code upload_image_from_file}); the format is detected from the content. */
  public PostImageResponse uploadFile(byte[] data, String fileName, String name) {
    return ctx.execute(fileCall(data, fileName, name));
  }

  /** Upload Image from a file ({@code upload_image_from_file}). */
  public PostImageResponse uploadFile(Path file, String name) {
    return uploadFile(read(file), file.getFileName().toString(), name);
  }

  public CompletableFuture<PostImageResponse> uploadFileAsync(byte[] data, String fileName, String name) {
    return ctx.executeAsync(fileCall(data, fileName, name));
  }

  private Call<PostImageResponse> fileCall(byte[] data, String fileName, String name) {
    if (data == null || data.length == 0) throw new KlaviyoValidationException("fileData", "is empty");
    if (data.length > MAX_IMAGE_BYTES) {
      throw new KlaviyoValidationException("fileData", "is " + data.length + " bytes; the maximum is 5 MB");
    }
    MediaType type = MediaType.get(detectType(data));
    MultipartBody.Part file =
        MultipartBody.Part.createFormData("file", require("fileName", fileName), RequestBody.create(data, type));
    MultipartBody.Part namePart = name == null ? null : MultipartBody.Part.createFormData("name", name);
    return ctx.api(ImageUploadService.class).upload(ctx.revision(), file, namePart, null);
  }

  /** Returns the MIME type of a JPEG, PNG or GIF from its magic number. */
  static String detectType(byte[] data) {
    if (data.length >= 3 && (data[0] & 0xff) == 0xff && (data[1] & 0xff) == 0xd8 && (data[2] & 0xff) == 0xff) {
      return "image/jpeg";
    }
    if (data.length >= 8 && (data[0] & 0xff) == 0x89 && data[1] == 'P' && data[2] == 'N' && data[3] == 'G') {
      return "image/png";
    }
    if (data.length >= 6 && data[0] == 'G' && data[1] == 'I' && data[2] == 'F' && data[3] == '8') {
      return "image/gif";
    }
    throw new KlaviyoValidationException("fileData", "is not a JPEG, PNG or GIF image");
  }

  private static byte[] read(Path file) {
    try {
      if (Files.size(file) > MAX_IMAGE_BYTES) {
        throw new KlaviyoValidationException("file", file.getFileName() + " is larger than 5 MB");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /** Get Image ({@code get_image}), with {@code fields[image]} from {@code options}. */
  public GetImageResponse get(String id, QueryOptions options) {
    return ctx.execute(getCall(id, options));
  }

  public GetImageResponse get(String id) {
    return get(id, QueryOptions.none());
  }

  public CompletableFuture<GetImageResponse> getAsync(String id, QueryOptions options) {
    return ctx.executeAsync(getCall(id, options));
  }

  private Call<GetImageResponse> getCall(String id, QueryOptions options) {
    QueryOptions o = ctx.validate("get_image", options);
    return api().getImage(require("id", id), ctx.revision(), fields(o, "image"));
  }

  /** List Images ({@code get_images}): the first page. */
  public Page<ImageResponseObjectResource> list(QueryOptions options) {
    QueryOptions o = ctx.validate("get_images", options);
    return ctx.firstPage(listCall(o), GetImageResponseCollection::getData, null, GetImageResponseCollection::getLinks);
  }

  public CompletableFuture<Page<ImageResponseObjectResource>> listAsync(QueryOptions options) {
    QueryOptions o = ctx.validate("get_images", options);
    return ctx.firstPageAsync(listCall(o), GetImageResponseCollection::getData, null,
        GetImageResponseCollection::getLinks);
  }

  public AutoPager<ImageResponseObjectResource> listAll(QueryOptions options) {
    QueryOptions o = ctx.validate("get_images", options);
    return ctx.allPages(listCall(o), GetImageResponseCollection::getData, null, GetImageResponseCollection::getLinks);
  }

  private Function<String, Call<GetImageResponseCollection>> listCall(QueryOptions o) {
    return cursor -> api().getImages(ctx.revision(), fields(o, "image"), filter(o), cursor, pageSize(o),
        o.sort().orElse(null));
  }

  /** Update Image ({@code update_image}): null arguments are left unchanged. */
  public PatchImageResponse update(String id, String name, Boolean hidden) {
    return ctx.execute(updateCall(id, name, hidden));
  }

  public CompletableFuture<PatchImageResponse> updateAsync(String id, String name, Boolean hidden) {
    return ctx.executeAsync(updateCall(id, name, hidden));
  }

  private Call<PatchImageResponse> updateCall(String id, String name, Boolean hidden) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    if (name != null) attributes.put("name", require("name", name));
    if (hidden != null) attributes.put("hidden", hidden);
    Map<String, Object> body =
        Map.of("data", Map.of("type", "image", "id", require("id", id), "attributes", attributes));
    return api().updateImage(id, ctx.revision(), ctx.body(body, ImagePartialUpdateQuery.class));
  }

  private ImagesApi api() {
    return ctx.api(ImagesApi.class);
  }
}
