/**
 * Updates stored objects at a steady rate, as a live account would, so pollers and sync jobs can be tested
 * against data that moves.
 */
package io.github.kvsdk.klaviyo.sandbox.mutation;
