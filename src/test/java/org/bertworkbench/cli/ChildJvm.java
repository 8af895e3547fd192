package org.bertworkbench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line in a child JVM (offline, 1 GB heap), for tests that kill it. */
final class ChildJvm {

  private ChildJvm() {}

  /** Starts {@code Launcher args}; standard output and error go to {@code log}. */
  static Process start(String[] args, Path log) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), "org.bertworkbench.Launcher"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("DJL_OFFLINE", "true");
    pb.environment().put("OPT_OUT_TRACKING", "true");
    return pb.start();
  }
}
