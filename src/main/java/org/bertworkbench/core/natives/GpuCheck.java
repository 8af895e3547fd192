package org.bertworkbench.core.natives;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bertworkbench.core.job.Message;

/**
 * Whether the CUDA 12.4 natives can run here, decided from {@link NvidiaFacts} alone (so that a
 * test gives fake ones), and if not, why, in a user's words.
 *
 * <p>The order of the questions is the order a user fixes things in: is there a driver at all; is
 * it new enough for CUDA 12.4 (NVIDIA's table: 550.54 or newer on Linux); does its CUDA library
 * load; does CUDA start; does it show a GPU. The driver API's own answer of the CUDA version it
 * supports ({@code cuDriverGetVersion}) counts before the kernel module's number, because a data
 * centre's forward-compatibility package lets an older kernel module run a newer CUDA, and
 * {@code cuDriverGetVersion} is what says so; the module's number decides only when libcuda.so.1
 * cannot be asked.
 */
public final class GpuCheck {

  /** CUDA 12.4, as the driver API counts it (1000 * major + 10 * minor). */
  public static final int NEEDED_CUDA = 12040;
  /** The oldest Linux driver NVIDIA lists for CUDA 12.4 (CUDA Toolkit release notes, table 3). */
  public static final int[] MIN_DRIVER = {550, 54};

  /** The number on the kernel module's line, e.g. "535.104.05" in "... Kernel Module  535.104.05  Sat Aug ...". */
  static final Pattern DRIVER_VERSION = Pattern.compile("\\b(\\d{2,4})\\.(\\d{1,3})(?:\\.(\\d{1,3}))?\\b");

  /** CUresult names a user can search for (cuda.h); others are shown by number. */
  static final Map<Integer, String> CU_RESULTS = Map.of(
      2, "CUDA_ERROR_OUT_OF_MEMORY",
      3, "CUDA_ERROR_NOT_INITIALIZED",
      46, "CUDA_ERROR_DEVICES_UNAVAILABLE",
      100, "CUDA_ERROR_NO_DEVICE",
      101, "CUDA_ERROR_INVALID_DEVICE",
      800, "CUDA_ERROR_NOT_PERMITTED",
      802, "CUDA_ERROR_SYSTEM_NOT_READY",
      803, "CUDA_ERROR_SYSTEM_DRIVER_MISMATCH",
      804, "CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE",
      999, "CUDA_ERROR_UNKNOWN");

  /**
   * The answer.
   *
   * @param usable true when the CUDA natives can run
   * @param reason why not (empty when usable)
   * @param driver the driver's version as the kernel module says it ("550.54.14"), or ""
   */
  public record Verdict(boolean usable, Message reason, String driver) {}

  private GpuCheck() {}

  /** Whether CUDA 12.4 can run with the driver these facts describe, and if not, why. */
  public static Verdict decide(NvidiaFacts facts) {
    String driver = driverVersion(facts.procVersion());
    String min = MIN_DRIVER[0] + "." + MIN_DRIVER[1];
    if (facts.procVersion() == null && !facts.libcudaLoaded()) {
      return no(Message.of(GpuCheck.class, "GpuCheck.noDriver"), driver);
    }
    if (facts.libcudaLoaded() && facts.driverCuda() > 0) {
      if (facts.driverCuda() < NEEDED_CUDA) {
        String cuda = cudaString(facts.driverCuda());
        return no(driver.isEmpty() ? Message.of(GpuCheck.class, "GpuCheck.oldDriverCudaOnly", cuda, min)
            : Message.of(GpuCheck.class, "GpuCheck.oldDriverCuda", driver, cuda, min), driver);
      }
    } else if (!driver.isEmpty() && olderThanMinimum(driver)) {
      return no(Message.of(GpuCheck.class, "GpuCheck.oldDriver", driver, min), driver);
    }
    if (!facts.libcudaLoaded()) {
      return no(Message.of(GpuCheck.class, "GpuCheck.noLibcuda", driver.isEmpty() ? "?" : driver,
          Message.verbatim(facts.libcudaError())), driver);
    }
    if (facts.initResult() == 100 || facts.initResult() == 0 && facts.deviceCount() == 0) {
      return no(Message.of(GpuCheck.class, "GpuCheck.noDevice"), driver);
    }
    if (facts.initResult() != 0) {
      return no(Message.of(GpuCheck.class, "GpuCheck.initFailed", facts.initResult(),
          Message.verbatim(CU_RESULTS.getOrDefault(facts.initResult(), "CUresult " + facts.initResult()))), driver);
    }
    if (facts.deviceCount() < 0) {
      return no(Message.of(GpuCheck.class, "GpuCheck.noDevice"), driver);
    }
    return new Verdict(true, Message.verbatim(""), driver);
  }

  private static Verdict no(Message why, String driver) {
    return new Verdict(false, why, driver);
  }

  /** "535.104.05" from the version file's NVRM line; "" when there is none or it says no number. */
  static String driverVersion(String procVersion) {
    if (procVersion == null) {
      return "";
    }
    String line = procVersion.lines().filter(l -> l.startsWith("NVRM")).findFirst().orElse(procVersion);
    Matcher m = DRIVER_VERSION.matcher(line);
    return m.find() ? m.group() : "";
  }

  /** True when a driver version ("535.104.05") is older than {@link #MIN_DRIVER}. */
  static boolean olderThanMinimum(String driver) {
    Matcher m = DRIVER_VERSION.matcher(driver);
    if (!m.find()) {
      return false;
    }
    int major = Integer.parseInt(m.group(1));
    int minor = Integer.parseInt(m.group(2));
    return major < MIN_DRIVER[0] || major == MIN_DRIVER[0] && minor < MIN_DRIVER[1];
  }

  /** 12020 -> "12.2", 12040 -> "12.4", 11080 -> "11.8". */
  static String cudaString(int version) {
    return version / 1000 + "." + version % 1000 / 10;
  }
}
