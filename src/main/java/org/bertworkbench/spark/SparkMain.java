package org.bertworkbench.spark;

import org.bertworkbench.core.tensor.Engines;

/**
 * The Spark jar's entry point ({@code java -jar target/bert-workbench-spark.jar attention-stats ...},
 * or {@code spark-submit --class org.bertworkbench.spark.SparkMain}). Offline mode is set before
 * anything can start DJL; Spark's own log lines below errors are left out.
 */
public final class SparkMain {

  private SparkMain() {}

  public static void main(String[] args) {
    quiet();
    System.exit(SparkCli.run(args));
  }

  /** DJL offline, netty allowed the reflection Spark's network layer wants, slf4j-simple at errors only. */
  static void quiet() {
    Engines.forceOffline();
    System.setProperty("io.netty.tryReflectionSetAccessible", "true");
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
    }
  }
}
