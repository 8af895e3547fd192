package org.bertworkbench.core.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's memory as the kernel counts it (Linux {@code /proc/self/status}); -1 elsewhere. */
public final class ProcessMemory {

  private ProcessMemory() {}

  /** Resident set size now, in MiB. */
  public static long residentMb() {
    return field("VmRSS:");
  }

  /** Peak resident set size so far, in MiB. */
  public static long peakResidentMb() {
    return field("VmHWM:");
  }

  private static long field(String name) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(name)) {
          String kb = line.substring(name.length()).trim().split("\\s+")[0];
          return Long.parseLong(kb) / 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
