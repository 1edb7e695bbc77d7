package io.github.kvsdk.klaviyo.sandbox.internal.spec;

import io.github.kvsdk.klaviyo.sandbox.ratelimit.RateLimit;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One operation of the pinned spec, reduced to what the sandbox enforces.
 *
 * @param operationId the spec's operationId, such as {@code get_profiles}
 * @param method upper-case HTTP method
 * @param pathTemplate such as {@code /api/profiles/{id}}
 * @param rateLimit from {@code x-klaviyo-ratelimit}
 * @param scopes from {@code x-klaviyo-scopes}, all of which a credential needs
 * @param filterRules allowed filter fields mapped to their allowed operators, parsed from the text of the
 *     {@code filter} parameter's description; empty when the operation takes no filter
 * @param filterRequired whether the {@code filter} parameter is required (campaigns)
 * @param page paging behaviour, or null when the operation does not page
 * @param sortValues allowed {@code sort} values including the {@code -} forms; empty when unsorted
 * @param includeValues allowed {@code include} values
 * @param fields allowed sparse-fieldset values per resource type ({@code fields[type]})
 * @param additionalFields allowed {@code additional-fields[type]} values per type
 * @param queryParameters names of all query parameters the operation declares
 * @param successStatus the documented 2xx status
 * @param successSchemaRef the {@code $ref} of the success response body schema, or null when it has none
 * @param parameters the path and query parameters with their schemas
 * @param requestSchema the request body schema (resolved), or null when the operation takes no body
 * @param requestContentType the request body media type, or null
 * @param successSchema the success response body schema (resolved), or null when it has none
 * @param isPublic whether the operation is called without a private credential ({@code /client/} endpoints,
 *     authenticated by the {@code company_id} query parameter)
 * @param filterValueTypes filter field to the type its values must have ({@code datetime}, {@code string},
 *     {@code boolean}, {@code number}), from the response schema; fields of unknown type are absent
 * @param additionalFieldLimits the stricter quotas of requests that ask for an additional field, keyed
 *     {@code additional-fields[list]=profile_count}, parsed from the operation's description
 */
public record Operation(
    String operationId,
    String method,
    String pathTemplate,
    RateLimit rateLimit,
    List<String> scopes,
    Map<String, Set<String>> filterRules,
    boolean filterRequired,
    PageSpec page,
    Set<String> sortValues,
    Set<String> includeValues,
    Map<String, Set<String>> fields,
    Map<String, Set<String>> additionalFields,
    Set<String> queryParameters,
    int successStatus,
    String successSchemaRef,
    List<Parameter> parameters,
    Map<String, Object> requestSchema,
    String requestContentType,
    Map<String, Object> successSchema,
    boolean isPublic,
    Map<String, String> filterValueTypes,
    Map<String, RateLimit> additionalFieldLimits) {}
