/**
 * Writes the typed facade of {@code klaviyo-domain} from the operation catalogue of the spec and the
 * generated Retrofit services: one service per resource group with a method per operation, an immutable
 * {@code ...Params} class with a builder per operation, and auto-paging for cursor listings. Run by the
 * build; not used at run time.
 */
package io.github.kvsdk.klaviyo.codegen.facade;
