package io.github.kvsdk.klaviyo.actions;

import io.github.kvsdk.klaviyo.generated.model.PostImageResponse;
import okhttp3.MultipartBody;
import retrofit2.Call;
import retrofit2.http.Header;
import retrofit2.http.Multipart;
import retrofit2.http.POST;
import retrofit2.http.Part;

/**
 * {@code upload_image_from_file} with every part built by the caller. The generated method declares
 * {@code @Part("name") String}, which a JSON converter encodes as a quoted JSON string; here the name and
 * hidden flag are plain form fields as the API expects.
 */
interface ImageUploadService {
  @Multipart
  @POST("api/image-upload")
  Call<PostImageResponse> upload(
      @Header("revision") String revision,
      @Part MultipartBody.Part file,
      @Part MultipartBody.Part name,
      @Part MultipartBody.Part hidden);
}
