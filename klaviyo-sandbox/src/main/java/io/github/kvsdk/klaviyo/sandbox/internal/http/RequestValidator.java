package io.github.kvsdk.klaviyo.sandbox.internal.http;

import io.github.kvsdk.klaviyo.openapi.catalog.Schemas;
import io.github.kvsdk.klaviyo.sandbox.internal.spec.Operation;
import io.github.kvsdk.klaviyo.sandbox.internal.spec.Parameter;
import io.github.kvsdk.klaviyo.sandbox.internal.spec.SchemaValidator;
import io.github.kvsdk.klaviyo.sandbox.internal.spec.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a request against its operation before anything is applied: required and typed query
 * parameters (integers within their bounds, enum values, comma-separated arrays of enum values), and a
 * JSON body against the operation's request schema ({@link SchemaValidator}, which also states the rule
 * for undeclared members). A violation is a 400 with Klaviyo's error document whose {@code source} names
 * the parameter or points at the offending body member.
 */
final class RequestValidator {
  private final SchemaValidator validator;

  RequestValidator(Schemas schemas) {
    this.validator = new SchemaValidator(schemas);
  }

  void check(ApiRequest request) {
    Operation op = request.operation();
    Map<String, String> query = request.query();
    List<Parameter> parameters = op.parameters();
    for (int i = 0; i < parameters.size(); i++) {
      Parameter p = parameters.get(i);
      if (p.in().equals("query")) {
        checkQuery(p, query.get(p.name()));
      }
    }
    if (op.requestSchema() == null || !isJson(request.contentType(), op)) {
      return;
    }
    Violation v = validator.check(request.parsedBody(), op.requestSchema(), "");
    if (v != null) {
      throw ApiException.invalidBody(v.pointer().isEmpty() ? "/" : v.pointer(), v.detail());
    }
  }

  private static boolean isJson(String contentType, Operation op) {
    return op.requestContentType() != null && op.requestContentType().contains("json");
  }

  private void checkQuery(Parameter p, String value) {
    if (value == null) {
      if (p.required()) {
        throw ApiException.invalidParameter(p.name(), "'" + p.name() + "' is a required parameter.");
      }
      return;
    }
    Map<String, Object> schema = p.schema();
    Object type = schema.get("type");
    Object typed = value;
    if ("integer".equals(type)) {
      try {
        typed = Long.parseLong(value.trim());
      } catch (NumberFormatException e) {
        throw ApiException.invalidParameter(p.name(), "'" + p.name() + "' must be an integer, not '" + value + "'.");
      }
    } else if ("array".equals(type)) {
      List<Object> items = new ArrayList<>();
      for (String part : value.split(",", -1)) {
        items.add(part.trim());
      }
      typed = items;
    }
    Violation v = validator.check(typed, schema, "");
    if (v != null) {
      String detail = v.detail().replace("'body'", "'" + p.name() + "'");
      throw ApiException.invalidParameter(p.name(), detail.replaceFirst("'\\d+'", "'" + p.name() + "'"));
    }
  }
}
