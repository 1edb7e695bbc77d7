package io.github.kvsdk.klaviyo.openapi;

import io.github.kvsdk.klaviyo.apirules.ModuleArchitectureTest;

/** The spec module's package structure: the shared rules only. */
class ArchitectureTest extends ModuleArchitectureTest {}
