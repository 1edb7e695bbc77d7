/**
 * The standalone sandbox: {@code java -jar klaviyo-sandbox.jar} serves the emulator on a port until stopped;
 * {@code --help} lists its options. {@code SandboxProcess} starts one as a child process.
 */
package io.github.kvsdk.klaviyo.sandbox.cli;
