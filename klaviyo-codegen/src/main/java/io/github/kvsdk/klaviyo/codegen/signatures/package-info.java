/**
 * Lists the public signatures of the SDK's operations per operation id, so that two revisions' listings show
 * what a revision change breaks for existing callers. A build tool; not used at run time.
 */
package io.github.kvsdk.klaviyo.codegen.signatures;
