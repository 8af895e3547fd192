package org.bertworkbench.spark;

import org.bertworkbench.core.tensor.Engines;

/**
 * The Spark jar's entry point ({@code java -jar target/bert-workbench-spark.jar attention-stats ...},
 * or {@code spark-submit --class org.bertworkbench.spark.SparkMain}). Offline mode is set before
 * anything can start DJL; Spark's own log lines below errors are left out.
 */
public final class SparkMain {

  /** The loggers of Spark and the libraries it brings. */
  static final java.util.List<String> SPARK_LOGGERS = java.util.List.of("org.apache.spark", "org.sparkproject",
      "org.apache.hadoop", "org.apache.parquet", "io.netty");

  private SparkMain() {}

  public static void main(String[] args) {
    quiet();
    System.exit(SparkCli.run(args));
  }

  /** DJL offline, netty allowed the reflection Spark's network layer wants, slf4j-simple at errors only and
 * Spark's own loggers off. */
  static void quiet() {
    Engines.forceOffline();
    System.setProperty("io.netty.tryReflectionSetAccessible", "true");
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
    }
    // A failed task is logged by Spark with its stack trace before the driver says it in one line; a user
    // reads that line. -Dorg.slf4j.simpleLogger.log.org.apache.spark=warn shows Spark's own log again.
    for (String logger : SPARK_LOGGERS) {
      String key = "org.slf4j.simpleLogger.log." + logger;
      if (System.getProperty(key) == null) {
        System.setProperty(key, "off");
      }
    }
  }
}
