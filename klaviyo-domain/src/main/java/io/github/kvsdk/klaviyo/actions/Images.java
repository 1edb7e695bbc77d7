package io.github.kvsdk.klaviyo.actions;

import static io.github.kvsdk.klaviyo.actions.ActionContext.require;

import io.github.kvsdk.klaviyo.api.images.GetImageParams;
import io.github.kvsdk.klaviyo.api.images.GetImagesParams;
import io.github.kvsdk.klaviyo.api.images.ImagesService;
import io.github.kvsdk.klaviyo.api.images.UpdateImageParams;
import io.github.kvsdk.klaviyo.api.images.UploadImageFromFileParams;
import io.github.kvsdk.klaviyo.api.images.UploadImageFromUrlParams;
import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.generated.model.GetImageResult;
import io.github.kvsdk.klaviyo.generated.model.GetImagesResultData;
import io.github.kvsdk.klaviyo.generated.model.ImageResponseObjectResource;
import io.github.kvsdk.klaviyo.generated.model.UpdateImageRequest;
import io.github.kvsdk.klaviyo.generated.model.UpdateImageResult;
import io.github.kvsdk.klaviyo.generated.model.UploadImageFromFileResult;
import io.github.kvsdk.klaviyo.generated.model.UploadImageFromUrlRequest;
import io.github.kvsdk.klaviyo.generated.model.UploadImageFromUrlResult;
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
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;

/**
 * Image actions, Upload Image, Get Image, List Images and Update Image, beside every images operation of
 * the API.
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

  Images(ActionContext ctx, ImagesService base) {
    super(base);
    this.ctx = ctx;
  }

  /**
   * Upload Image: from {@code imageUrl} (a URL or data URI) or else from {@code
   * fileData}; exactly one must be given.
   *
   * @param name the image name; null means Klaviyo's default (the file name).
   * @param imageUrl the public URL Klaviyo fetches the image from
   * @param fileData the image's bytes
   * @return the uploaded image, whichever way it was sent
   */
  public ImageResponseObjectResource upload(String imageUrl, byte[] fileData, String name) {
    if ((imageUrl == null) == (fileData == null)) {
      throw new KlaviyoValidationException("imageUrl", "give either an image URL or file data, not both or neither");
    }
    Object data = imageUrl != null
        ? uploadFromUrl(imageUrl, name).getData()
        : uploadFile(fileData, name == null ? "image" : name, name).getData();
    return ctx.converter.fromTree(ctx.converter.toTree(data), ImageResponseObjectResource.class);
  }

  /**
   * Upload Image from a URL or {@code data:image/...;base64,} URI ({@code upload_image_from_url}).
   *
   * @param imageUrl the public URL Klaviyo fetches the image from
   * @param name the image's name in Klaviyo, or null to use the file name
   * @return Klaviyo's response document
   */
  public UploadImageFromUrlResult uploadFromUrl(String imageUrl, String name) {
    return uploadImageFromUrl(urlParams(imageUrl, name));
  }

  /**
   * Upload Image from a URL, asynchronously.
   *
   * @param imageUrl the public URL Klaviyo fetches the image from
   * @param name the image's name in Klaviyo, or null to use the file name
   * @return a future that completes with Klaviyo's response document, or exceptionally with a typed {@link
   *     io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<UploadImageFromUrlResult> uploadFromUrlAsync(String imageUrl, String name) {
    return uploadImageFromUrlAsync(urlParams(imageUrl, name));
  }

  private UploadImageFromUrlParams urlParams(String imageUrl, String name) {
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
    return UploadImageFromUrlParams.builder().body(ctx.body(body, UploadImageFromUrlRequest.class)).build();
  }

  /**
   * Upload Image from bytes ({@code upload_image_from_file}); the format is detected from the content.
   *
   * @param fileName the uploaded file's name, with its extension
   * @param name the image's name in Klaviyo, or null to use the file name
   * @param data the image's bytes
   * @return Klaviyo's response document
   */
  public UploadImageFromFileResult uploadFile(byte[] data, String fileName, String name) {
    return uploadImageFromFile(fileParams(data, fileName, name));
  }

  /**
   * Upload Image from a file ({@code upload_image_from_file}).
   *
   * @param name the image's name in Klaviyo, or null to use the file name
   * @param file the image file to upload
   * @return Klaviyo's response document
   */
  public UploadImageFromFileResult uploadFile(Path file, String name) {
    return uploadFile(read(file), file.getFileName().toString(), name);
  }

  /**
   * Upload Image from bytes, asynchronously.
   *
   * @param fileName the uploaded file's name, with its extension
   * @param name the image's name in Klaviyo, or null to use the file name
   * @param data the image's bytes
   * @return a future that completes with Klaviyo's response document, or exceptionally with a typed {@link
   *     io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<UploadImageFromFileResult> uploadFileAsync(byte[] data, String fileName, String name) {
    return uploadImageFromFileAsync(fileParams(data, fileName, name));
  }

  private UploadImageFromFileParams fileParams(byte[] data, String fileName, String name) {
    if (data == null || data.length == 0) throw new KlaviyoValidationException("fileData", "is empty");
    if (data.length > MAX_IMAGE_BYTES) {
      throw new KlaviyoValidationException("fileData", "is " + data.length + " bytes; the maximum is 5 MB");
    }
    MediaType type = MediaType.get(detectType(data));
    MultipartBody.Part file =
        MultipartBody.Part.createFormData("file", require("fileName", fileName), RequestBody.create(data, type));
    return UploadImageFromFileParams.builder().file(file).name(name).build();
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

  /**
   * Get Image ({@code get_image}), with {@code fields[image]} from {@code options}.
   *
   * @param id the image's id
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return Klaviyo's response document
   */
  public GetImageResult get(String id, QueryOptions options) {
    return getImage(getParams(id, options));
  }

  /**
   * Get Image ({@code get_image}).
   *
   * @param id the image's id
   * @return Klaviyo's response document
   */
  public GetImageResult get(String id) {
    return get(id, QueryOptions.none());
  }

  /**
   * Get Image, asynchronously.
   *
   * @param id the image's id
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return a future that completes with Klaviyo's response document, or exceptionally with a typed {@link
   *     io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<GetImageResult> getAsync(String id, QueryOptions options) {
    return getImageAsync(getParams(id, options));
  }

  private GetImageParams getParams(String id, QueryOptions options) {
    return GetImageParams.builder().id(id).options(ctx.validate("get_image", options)).build();
  }

  /**
   * List Images ({@code get_images}): the first page.
   *
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return the first page; {@link io.github.kvsdk.klaviyo.paging.Page#nextPage()} fetches the next
   */
  public Page<GetImagesResultData> list(QueryOptions options) {
    return getImages(listParams(options));
  }

  /**
   * List Images, asynchronously.
   *
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return a future that completes with the first page; {@link io.github.kvsdk.klaviyo.paging.Page#nextPage()}
   *     fetches the next, or exceptionally with a typed {@link io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<Page<GetImagesResultData>> listAsync(QueryOptions options) {
    return getImagesAsync(listParams(options));
  }

  /**
   * Every image matching {@code options}, fetched lazily page by page.
   *
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return a pager over every item, fetching each page when the iteration reaches it
   */
  public AutoPager<GetImagesResultData> listAll(QueryOptions options) {
    return getImagesAutoPager(listParams(options));
  }

  private GetImagesParams listParams(QueryOptions options) {
    return GetImagesParams.builder().options(ctx.validate("get_images", options)).build();
  }

  /**
   * Update Image ({@code update_image}): null arguments are left unchanged.
   *
   * @param id the image's id
   * @param name the image's name in Klaviyo, or null to use the file name
   * @param hidden true to hide the image from the asset library
   * @return Klaviyo's response document
   */
  public UpdateImageResult update(String id, String name, Boolean hidden) {
    return updateImage(updateParams(id, name, hidden));
  }

  /**
   * Update Image, asynchronously.
   *
   * @param id the image's id
   * @param name the image's name in Klaviyo, or null to use the file name
   * @param hidden true to hide the image from the asset library
   * @return a future that completes with Klaviyo's response document, or exceptionally with a typed {@link
   *     io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<UpdateImageResult> updateAsync(String id, String name, Boolean hidden) {
    return updateImageAsync(updateParams(id, name, hidden));
  }

  private UpdateImageParams updateParams(String id, String name, Boolean hidden) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    if (name != null) attributes.put("name", require("name", name));
    if (hidden != null) attributes.put("hidden", hidden);
    Map<String, Object> body =
        Map.of("data", Map.of("type", "image", "id", require("id", id), "attributes", attributes));
    return UpdateImageParams.builder().id(id).body(ctx.body(body, UpdateImageRequest.class)).build();
  }
}
