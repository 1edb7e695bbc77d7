package io.github.kvsdk.klaviyo.poller.cli;

import io.github.kvsdk.klaviyo.poller.config.InvalidConfigurationException;
import java.io.PrintStream;
import java.util.Locale;

/**
 * How much the CLI writes to standard error: {@code error} (failures only), {@code warn} (plus
 * retried failures and warnings), {@code info} (plus progress, the default), {@code debug} (plus
 * every HTTP request and the client's own retries).
 */
enum LogLevel {
  ERROR, WARN, INFO, DEBUG;

  static LogLevel parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException("log-level",
          "must be one of error, warn, info, debug, was '" + value + "'");
    }
  }

  boolean shows(LogLevel message) {
    return message.ordinal() <= ordinal();
  }

  /**
   * Configures the slf4j binding of the runnable jar. Takes effect only if no logger was created
   * yet, which holds when it runs first thing in a fresh process.
   */
  void configureLibraryLogging() {
    String level = name().toLowerCase(Locale.ROOT);
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
  }

  /** Prints {@code line} to {@code err} if this level shows messages at {@code at}. */
  void print(PrintStream err, LogLevel at, String line) {
    if (shows(at)) err.println(line);
  }
}
