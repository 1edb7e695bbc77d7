package io.github.kvsdk.klaviyo.sandbox.resources;

import java.util.Map;

/**
 * What an operation does to stored resources, read from its path template and its request and response
 * schemas.
 *
 * @param kind the JSON:API action
 * @param type the resource type the operation returns or acts on ({@code tag} for {@code GET /api/tags})
 * @param parentType for related-resource and relationship operations, the type named by the path's id
 * @param relationship for related-resource and relationship operations, the relationship name
 * @param itemSchema the response's resource object schema (flattened), or null
 */
record OperationShape(Kind kind, String type, String parentType, String relationship,
    Map<String, Object> itemSchema) {

  enum Kind {
    /** {@code GET /api/things}. */
    COLLECTION,
    /** {@code POST /api/things}: stores a new resource. */
    CREATE,
    /** {@code GET /api/things/{id}}. */
    GET,
    /** {@code PATCH /api/things/{id}}. */
    UPDATE,
    /** {@code DELETE /api/things/{id}}. */
    DELETE,
    /** {@code GET /api/things/{id}/others}: the related resources. */
    RELATED,
    /** {@code GET /api/things/{id}/relationships/others}. */
    RELATIONSHIP_GET,
    /** {@code POST /api/things/{id}/relationships/others}. */
    RELATIONSHIP_ADD,
    /** {@code PATCH /api/things/{id}/relationships/others}. */
    RELATIONSHIP_REPLACE,
    /** {@code DELETE /api/things/{id}/relationships/others}. */
    RELATIONSHIP_REMOVE,
    /** {@code POST} naming an existing object in {@code data.id} (assign a template, render, merge): applied to it. */
    APPLY,
    /** {@code POST /api/x-clone}: a copy of the object named in {@code data.id}. */
    CLONE,
    /** Anything else (reports, client endpoints): answered from the response schema. */
    ACTION
  }
}
