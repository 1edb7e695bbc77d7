/**
 * Plans of sample data: how many objects of each type a sandbox creates at start-up or on demand.
 */
package io.github.kvsdk.klaviyo.sandbox.seed;
