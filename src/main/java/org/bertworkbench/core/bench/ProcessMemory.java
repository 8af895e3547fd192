package org.bertworkbench.core.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's memory, page faults and CPU time as the kernel counts them (Linux
 * {@code /proc/self}); -1 elsewhere.
 */
public final class ProcessMemory {

  private ProcessMemory() {}

  /** Resident set size now, in MiB. */
  public static long residentMb() {
    return field("VmRSS:");
  }

  /** The part of {@link #residentMb()} that is anonymous memory (heap, malloc, tensors), in MiB. */
  public static long residentAnonMb() {
    return field("RssAnon:");
  }

  /** The part of {@link #residentMb()} that is mapped files (code, memory-mapped checkpoints), in MiB. */
  public static long residentFileMb() {
    return field("RssFile:");
  }

  /** Peak resident set size so far, in MiB. */
  public static long peakResidentMb() {
    return field("VmHWM:");
  }

  /** Minor page faults so far (memory the kernel handed out on first touch); -1 if unknown. */
  public static long minorFaults() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      // Fields after the command name, which is in parentheses and may hold spaces: minflt is the 8th.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[7]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** CPU time of the whole process so far, all threads, in nanoseconds. */
  public static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
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
