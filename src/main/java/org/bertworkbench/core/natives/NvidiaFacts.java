package org.bertworkbench.core.natives;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the machine shows of an NVIDIA driver, read without starting any engine: the kernel
 * module's version file and the driver's own CUDA library, {@code libcuda.so.1}, asked through its
 * driver API ({@code cuDriverGetVersion}, {@code cuInit}, {@code cuDeviceGetCount}). Nothing of the
 * CUDA toolkit is needed: the CUDA runtime the natives use ships inside them.
 *
 * @param procVersion the text of {@code /proc/driver/nvidia/version}, or null when there is none
 * @param libcudaError null when {@code libcuda.so.1} loaded; else the loader's one-line reason
 * @param driverCuda the newest CUDA the driver supports as the driver API counts it (12040 for
 *     12.4), or -1 when unknown
 * @param initResult what {@code cuInit(0)} returned (0 is success), or -1 when it was not called
 * @param deviceCount the GPUs the driver shows, or -1 when unknown
 */
public record NvidiaFacts(String procVersion, String libcudaError, int driverCuda, int initResult,
    int deviceCount) {

  /** Where the kernel module says its version; a system property may name another file (checks). */
  public static final String VERSION_FILE_PROPERTY = "bertworkbench.nvidia.version.file";
  static final String VERSION_FILE = "/proc/driver/nvidia/version";
  static final String LIBCUDA = "libcuda.so.1";

  /** The driver API calls the check needs (cuda.h; every call returns a CUresult, 0 for success). */
  interface DriverApi extends Library {
    int cuDriverGetVersion(int[] version);

    int cuInit(int flags);

    int cuDeviceGetCount(int[] count);
  }

  /** True when libcuda.so.1 loaded. */
  public boolean libcudaLoaded() {
    return libcudaError == null;
  }

  /** The machine's facts: the version file, then libcuda.so.1 (loaded into this process, never forked). */
  public static NvidiaFacts read() {
    String proc = readVersionFile(Path.of(System.getProperty(VERSION_FILE_PROPERTY, VERSION_FILE)));
    DriverApi api;
    try {
      api = Native.load(LIBCUDA, DriverApi.class);
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      return new NvidiaFacts(proc, firstReason(e.getMessage()), -1, -1, -1);
    }
    int[] value = new int[1];
    int cuda = api.cuDriverGetVersion(value) == 0 ? value[0] : -1;
    int init = api.cuInit(0);
    value[0] = -1;
    int count = init == 0 && api.cuDeviceGetCount(value) == 0 ? value[0] : -1;
    return new NvidiaFacts(proc, null, cuda, init, count);
  }

  static String readVersionFile(Path file) {
    try {
      return Files.isReadable(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * JNA's failure to load says the loader's reason on its second line, after a line naming the
   * library and before the places it looked: "libcuda.so.1: cannot open shared object file: No such
   * file or directory".
   */
  static String firstReason(String message) {
    if (message == null || message.isBlank()) {
      return "not found";
    }
    for (String line : message.lines().toList()) {
      if (line.startsWith(LIBCUDA + ":")) {
        return line.substring(LIBCUDA.length() + 1).trim();
      }
    }
    String first = message.lines().findFirst().orElse(message).trim();
    return first.length() > 200 ? first.substring(0, 200) : first;
  }
}
