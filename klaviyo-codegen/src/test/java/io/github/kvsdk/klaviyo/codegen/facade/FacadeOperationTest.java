package io.github.kvsdk.klaviyo.codegen.facade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.kvsdk.klaviyo.codegen.facade.FacadeOperation.Kind;
import io.github.kvsdk.klaviyo.codegen.facade.FacadeOperation.Param;
import io.github.kvsdk.klaviyo.generated.CollectionFormats.CSVParams;
import io.github.kvsdk.klaviyo.openapi.catalog.Operation;
import io.github.kvsdk.klaviyo.openapi.catalog.OperationCatalog;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.MultipartBody;
import org.junit.jupiter.api.Test;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.GET;
import retrofit2.http.HTTP;
import retrofit2.http.Header;
import retrofit2.http.Multipart;
import retrofit2.http.POST;
import retrofit2.http.Part;
import retrofit2.http.Path;
import retrofit2.http.Query;

/** How a generated Retrofit method becomes a facade operation: names that survive renamed schemas. */
final class FacadeOperationTest {
  /** Stand-ins for generated models and a generated service. */
  static final class WidgetPage {
    public List<String> getData() {
      return null;
    }

    public Links getLinks() {
      return null;
    }

    public List<Object> getIncluded() {
      return null;
    }
  }

  static final class Links {
    public String getSelf() {
      return null;
    }

    public String getNext() {
      return null;
    }
  }

  static final class CreateWidgetRequestV2 {}

  /** A report: one result document per page, no links declared. */
  static final class WidgetReport {
    public WidgetReportData getData() {
      return null;
    }
  }

  static final class WidgetReportData {}

  interface WidgetsApi {
    @GET("api/widgets")
    Call<WidgetPage> getWidgets(@Header("revision") String revision, @Query("filter") String filter,
        @Query("fields[widget]") CSVParams fieldsWidget, @Query("page[cursor]") String pageCursor);

    @HTTP(method = "DELETE", path = "api/widgets/{id}/relationships/parts", hasBody = true)
    Call<Void> removeParts(@Path("id") String id, @Header("revision") String revision,
        @Body CreateWidgetRequestV2 createWidgetRequestV2);

    @HTTP(method = "POST", path = "api/widget-reports", hasBody = true)
    Call<WidgetReport> queryWidgetValues(@Header("revision") String revision,
        @Body CreateWidgetRequestV2 queryWidgetValuesRequest, @Query("page_cursor") String pageCursor);

    @POST("api/widget-reports-unpaged")
    Call<WidgetReport> queryWidgetTotals(@Header("revision") String revision,
        @Body CreateWidgetRequestV2 queryWidgetTotalsRequest);

    @Multipart
    @POST("api/widget-upload")
    Call<WidgetPage> uploadWidget(@Header("revision") String revision, @Part MultipartBody.Part _file,
        @Part("name") String name);
  }

  private static Operation spec(String id, String method, String path, boolean bodyRequired) {
    return spec(id, method, path, bodyRequired, Map.of("name", "filter", "in", "query"));
  }

  /** The catalogue's operation for a one-operation document with the given parameters. */
  private static Operation spec(String id, String method, String path, boolean bodyRequired,
      Map<?, ?>... parameters) {
    Map<String, Object> operation = Map.of(
        "operationId", id,
        "tags", List.of("Widgets"),
        "summary", "Get widgets",
        "x-klaviyo-ratelimit", Map.of("burst", "3/s", "steady", "60/m"),
        "parameters", List.of(parameters),
        "requestBody", Map.of("required", bodyRequired));
    Map<String, Object> document = Map.of(
        "info", Map.of("version", "2099-01-01"),
        "paths", Map.of(path, Map.of(method.toLowerCase(Locale.ROOT), operation)));
    return OperationCatalog.of(document).operation(id);
  }

  private static Method method(String name) {
    for (Method m : WidgetsApi.class.getDeclaredMethods()) if (m.getName().equals(name)) return m;
    throw new AssertionError(name);
  }

  @Test
  void aBodyIsAlwaysSetWithBodyWhateverTheGeneratorNamedItsSchema() {
    FacadeOperation op = FacadeOperation.of(method("removeParts"),
        spec("remove_parts", "DELETE", "/api/widgets/{id}/relationships/parts", true));
    assertThat(FacadeOperation.route(op.method).orElseThrow()).containsExactly("DELETE",
        "api/widgets/{id}/relationships/parts");
    assertThat(op.params).extracting(Param::kind).containsExactly(Kind.PATH, Kind.REVISION, Kind.BODY);
    Param body = op.params.get(2);
    assertThat(body.setterName()).isEqualTo("body");
    assertThat(body.required()).isTrue();
    assertThat(op.paramsName()).isEqualTo("RemovePartsParams");
    assertThat(op.returnsNothing()).isTrue();
    assertThat(op.paging()).isEmpty();
  }

  @Test
  void requiredFlagsAndParameterDescriptionsComeFromTheCatalogue() {
    Operation spec = spec("get_widgets", "GET", "/api/widgets", false,
        Map.of("name", "filter", "in", "query", "required", true, "description", "Filter widgets"),
        Map.of("name", "fields[widget]", "in", "query"),
        Map.of("name", "page[cursor]", "in", "query", "required", false, "description", "The cursor"),
        Map.of("name", "revision", "in", "header", "required", true, "description", "The revision"));
    FacadeOperation op = FacadeOperation.of(method("getWidgets"), spec);
    assertThat(op.params).extracting(Param::apiName, Param::required).containsExactly(
        tuple("revision", true), tuple("filter", true), tuple("fields[widget]", false), tuple("page[cursor]", false));
    assertThat(op.hasRequiredInput()).isTrue();
    assertThat(op.parameterDescription("filter")).isEqualTo("Filter widgets");
    assertThat(op.parameterDescription("fields[widget]")).isEmpty();
    assertThat(op.parameterDescription("revision")).isEmpty(); // headers are documented by the facade itself

    FacadeOperation optionalBody = FacadeOperation.of(method("removeParts"),
        spec("remove_parts", "DELETE", "/api/widgets/{id}/relationships/parts", false));
    assertThat(optionalBody.params.get(2).required()).isFalse();
  }

  @Test
  void aCursorListingWithDataAndLinksIsPaged() {
    FacadeOperation op = FacadeOperation.of(method("getWidgets"), spec("get_widgets", "GET", "/api/widgets", false));
    var paging = op.paging().orElseThrow();
    assertThat(paging.item()).isEqualTo(String.class);
    assertThat(paging.hasIncluded()).isTrue();
    assertThat(paging.hasLink("next")).isTrue();
    assertThat(paging.hasLink("first")).isFalse(); // a later revision without first/last still compiles
    assertThat(op.hasRequiredInput()).isFalse();
    assertThat(op.params).extracting(Param::setterName)
        .containsExactly("revision", "filter", "fieldsWidget", "pageCursor");
  }

  @Test
  void aReportBehindPageCursorIsWalkedByResultPageNotAsAListing() {
    FacadeOperation op = FacadeOperation.of(method("queryWidgetValues"),
        spec("query_widget_values", "POST", "/api/widget-reports", true));
    assertThat(op.paging()).isEmpty(); // its data is one object, not a list of resources
    var report = op.resultPaging().orElseThrow();
    assertThat(report.response()).isEqualTo(WidgetReport.class);
    assertThat(report.data()).isEqualTo(WidgetReportData.class);
    assertThat(op.cursor().orElseThrow().apiName()).isEqualTo("page_cursor");
    assertThat(op.cursor().orElseThrow().setterName()).isEqualTo("pageCursor");

    FacadeOperation unpaged = FacadeOperation.of(method("queryWidgetTotals"),
        spec("query_widget_totals", "POST", "/api/widget-reports-unpaged", true));
    assertThat(unpaged.resultPaging()).isEmpty(); // no cursor: one answer
    FacadeOperation listing = FacadeOperation.of(method("getWidgets"), spec("get_widgets", "GET", "/api/widgets", false));
    assertThat(listing.resultPaging()).isEmpty(); // a listing is paged by resource, not by result page
  }

  @Test
  void fileAndFormPartsKeepTheirNames() {
    FacadeOperation op = FacadeOperation.of(method("uploadWidget"),
        spec("upload_widget", "POST", "/api/widget-upload", false));
    assertThat(op.params).extracting(Param::setterName).containsExactly("revision", "file", "name");
    assertThat(op.paging()).isEmpty(); // no page[cursor]: not a listing
  }

  @Test
  void namesAndProseBecomeSafeJava() {
    assertThat(SourceNames.pascal("get_profiles")).isEqualTo("GetProfiles");
    assertThat(SourceNames.camel("Data Privacy")).isEqualTo("dataPrivacy");
    assertThat(SourceNames.packageSegment("Tracking Settings")).isEqualTo("trackingsettings");
    assertThat(SourceNames.safeIdentifier("default")).isEqualTo("default_");
    assertThat(SourceNames.javadoc("Rate limits:<br>Burst: `3/s` */ @see <b>x</b> & $1"))
        .isEqualTo("Rate limits:\n\n<p>Burst: <code>3/s</code> *&#47; &#64;see x &amp; &#36;1");
  }
}
