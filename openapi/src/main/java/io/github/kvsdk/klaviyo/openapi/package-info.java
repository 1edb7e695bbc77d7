/**
 * The Klaviyo OpenAPI document of one API revision, verified and packaged as a build input.
 *
 * <p>{@link io.github.kvsdk.klaviyo.openapi.KlaviyoOpenApiSpec} reads the packaged document and its
 * provenance (revision, upstream commit, SHA-256) from the classpath. The other public classes are command-line
 * steps the build runs: {@link io.github.kvsdk.klaviyo.openapi.SpecResolver} finds and verifies the document of
 * the revision being built, and {@link io.github.kvsdk.klaviyo.openapi.GeneratorInput} derives from it the
 * document the code generator reads. None of them is needed by an application at run time.
 */
package io.github.kvsdk.klaviyo.openapi;
