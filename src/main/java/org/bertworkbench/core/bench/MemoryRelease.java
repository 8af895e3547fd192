package org.bertworkbench.core.bench;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;

/**
 * Gives memory the window no longer uses back to the system, so that resident memory falls when
 * work ends (issue 12: 0.9 GB at start, 9.6 GB after a few analyses and a fine-tuning, and it
 * stayed). Two holders, measured with WindowMemoryBench (docs/decisions/0005-memory-given-back.md):
 * <ul>
 *   <li>malloc's free lists: PyTorch frees a pass's tensors, glibc keeps the pages in its arenas
 *       (263 MB after a 512-token analysis, about 3.3 GB after a BERT-Base fine-tuning). They are
 *       trimmed when work ends (the process goes idle) and, while it works, after growth;
 *       {@code malloc_trim}, reached without JNI through the JVM's own diagnostic command
 *       {@code System.trim_native_heap} (Java 17.0.9 and later), returns them;</li>
 *   <li>the Java heap: G1 keeps what it once committed (70% may stay free by default) and shrinks
 *       only after a collection. A lower free ratio and a periodic concurrent collection while
 *       idle let it shrink without a stop-the-world full collection.</li>
 * </ul>
 * Both are best effort: on another JVM or C library they do nothing and say so.
 */
public final class MemoryRelease implements AutoCloseable {

  /** {@code -Dbertworkbench.memory.release=false} leaves the JVM and malloc as they are (to measure without). */
  public static final String SWITCH = "bertworkbench.memory.release";

  private static MemoryRelease running;

  /** How often the releaser looks at resident memory. */
  static final long CHECK_SECONDS = 5;
  /** malloc is trimmed when anonymous resident memory rose by this much since the last trim. */
  static final long TRIM_AFTER_GROWTH_MB = 64;
  /** G1's periodic collection when no other ran for this long (milliseconds). */
  static final String PERIODIC_GC_MS = "15000";

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "memory-release");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    return t;
  });
  /** Below this share of one core over a check's interval the process counts as idle. */
  static final double IDLE_CORES = 0.25;

  private long afterLastTrimMb = -1;
  private boolean workSinceTrim;
  private long lastCpu;
  private long lastWall;

  private MemoryRelease() {}

  /**
   * Starts the process's one releaser unless it runs already (a window, or a test that makes
   * several window models in one JVM); it runs on a daemon thread until the process ends.
   */
  public static synchronized MemoryRelease ensureStarted() {
    if (running == null && !"false".equals(System.getProperty(SWITCH))) {
      running = start();
    }
    return running;
  }

  /** Tunes the heap and starts trimming malloc in the background; close to stop. */
  public static MemoryRelease start() {
    tuneHeap();
    MemoryRelease r = new MemoryRelease();
    r.timer.scheduleWithFixedDelay(r::check, CHECK_SECONDS, CHECK_SECONDS, TimeUnit.SECONDS);
    return r;
  }

  private void check() {
    long cpu = ProcessMemory.cpuNanos();
    long wall = System.nanoTime();
    long anon = ProcessMemory.residentAnonMb();
    double cores = lastWall == 0 ? 1 : (cpu - lastCpu) / (double) (wall - lastWall);
    lastCpu = cpu;
    lastWall = wall;
    if (anon < 0) {
      return;
    }
    boolean idle = cores < IDLE_CORES;
    if (shouldTrim(idle, workSinceTrim, anon, afterLastTrimMb)) {
      trimNativeHeap();
      afterLastTrimMb = ProcessMemory.residentAnonMb();
      workSinceTrim = !idle;
    } else {
      workSinceTrim |= !idle;
    }
  }

  /**
   * Whether to trim now. When work has ended (the process went idle after using the CPU): always,
   * since what the work freed sits in malloc's arenas without changing resident memory. While
   * working: only after {@link #TRIM_AFTER_GROWTH_MB} of growth since the last trim, which bounds
   * the peak without returning pages that the next step touches again.
   *
   * @param idle the process used less than {@link #IDLE_CORES} of a core since the last check
   * @param workSinceTrim the process worked since the last trim
   * @param anonMb anonymous resident memory now
   * @param afterLastTrimMb anonymous resident memory after the last trim, -1 before the first
   */
  static boolean shouldTrim(boolean idle, boolean workSinceTrim, long anonMb, long afterLastTrimMb) {
    boolean grew = afterLastTrimMb < 0 || anonMb > afterLastTrimMb + TRIM_AFTER_GROWTH_MB;
    return grew || idle && workSinceTrim;
  }

  /**
   * Lets G1 shrink the heap after a collection down to 30% free (default 70%) and collect
   * concurrently every 15 s when idle. Says whether the JVM took the settings.
   */
  public static boolean tuneHeap() {
    try {
      HotSpotDiagnosticMXBean hs = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      // Min before max: the JVM refuses a minimum above the current maximum.
      hs.setVMOption("MinHeapFreeRatio", "10");
      hs.setVMOption("MaxHeapFreeRatio", "30");
      if (hs.getVMOption("UseG1GC").getValue().equals("true")) {
        hs.setVMOption("G1PeriodicGCInterval", PERIODIC_GC_MS);
      }
      return true;
    } catch (RuntimeException e) { // not HotSpot, or a flag it does not have
      return false;
    }
  }

  /**
   * Returns malloc's free pages to the system ({@code malloc_trim(0)} over every arena), through
   * the JVM's diagnostic command; its report ("Trim native heap: RSS+Swap: 1610M->1347M"), or why
   * not.
   */
  public static String trimNativeHeap() {
    try {
      Object report = ManagementFactory.getPlatformMBeanServer().invoke(
          new ObjectName("com.sun.management:type=DiagnosticCommand"), "systemTrimNativeHeap",
          new Object[] {null}, new String[] {String[].class.getName()});
      return String.valueOf(report).trim();
    } catch (Exception | LinkageError e) {
      return "not trimmed: " + e;
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
