package org.bertworkbench.spark;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/**
 * Where a job runs: {@code --master} and {@code --conf}, as spark-submit takes them. Under
 * spark-submit both come from its own options (it sets {@code spark.master}); run with {@code java
 * -jar}, {@code --master local[N]} runs on this machine, {@code local[*]} when nothing says.
 */
final class SparkOptions {

  @Option(names = "--master", paramLabel = "URL",
      description = "local[N], yarn, spark://HOST:PORT, k8s://... (default: spark-submit's, else local[*])")
  String master;

  @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "a Spark setting (repeat for each)")
  Map<String, String> conf;

  /**
   * A session for one job. Its web UI is off (a job needs no port of its own); in local mode the
   * driver binds to 127.0.0.1, so a machine with only the loopback interface up (a network
   * namespace with no network) runs it. Executors get DJL's offline switches in their environment.
   */
  SparkSession open(String job) {
    SparkConf c = new SparkConf();
    c.setIfMissing("spark.app.name", "bert-workbench " + job);
    if (master != null) {
      c.setMaster(master);
    } else if (!c.contains("spark.master")) {
      c.setMaster("local[*]");
    }
    c.setIfMissing("spark.ui.enabled", "false");
    if (isLocal(c.get("spark.master"))) {
      c.setIfMissing("spark.driver.host", "127.0.0.1");
      c.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    }
    c.setIfMissing("spark.executorEnv.DJL_OFFLINE", "true");
    c.setIfMissing("spark.executorEnv.OPT_OUT_TRACKING", "true");
    String javaOptions = c.get("spark.executor.extraJavaOptions", "");
    if (!javaOptions.contains("ai.djl.offline")) {
      c.set("spark.executor.extraJavaOptions", (javaOptions + " -Dai.djl.offline=true").trim());
    }
    if (conf != null) {
      conf.forEach(c::set);
    }
    return SparkSession.builder().config(c).getOrCreate();
  }

  /** Whether a master URL runs everything in this JVM. */
  static boolean isLocal(String master) {
    return master.startsWith("local");
  }
}
