package org.bertworkbench.core.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.bertworkbench.BundleChecks;
import org.junit.jupiter.api.Test;

/**
 * The GPU build's decision, CUDA 12.4 natives or CPU natives, from fake driver facts: the version
 * files are copied from real machines' {@code /proc/driver/nvidia/version}, the numbers are what
 * {@code cuDriverGetVersion}, {@code cuInit} and {@code cuDeviceGetCount} answer there.
 */
class GpuCheckTest {

  /** A driver too old for CUDA 12.4 (Ubuntu 22.04's 535 branch, CUDA 12.2). */
  static final String PROC_535 = "NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.104.05  Sat Aug 19 01:15:15 UTC 2023\n"
      + "GCC version:  gcc version 11.4.0 (Ubuntu 11.4.0-1ubuntu1~22.04)\n";
  /** The first driver of CUDA 12.4, open kernel module. */
  static final String PROC_550 = "NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  550.54.14  Release Build  "
      + "(dvs-builder@U16-I3-B03-4-3)  Thu Feb 22 01:25:25 UTC 2024\nGCC version:  gcc version 12.3.0 (Ubuntu 12.3.0-1ubuntu1~22.04)\n";
  /** One minor release short of 550.54. */
  static final String PROC_550_40 = "NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.40.07  Sat Jan 13 01:11:51 UTC 2024\n";
  /** A newer branch; its minor number (28) is smaller than 54, the major number decides. */
  static final String PROC_570 = "NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  570.86.10  Release Build  "
      + "(dvs-builder@U16-I3-D08-1-2)  Wed Jan 15 00:46:32 UTC 2025\n";
  /** What {@link NvidiaFacts#firstReason} keeps of JNA's failure to load libcuda.so.1. */
  static final String NOT_LOADED = "cannot open shared object file: No such file or directory";

  static NvidiaFacts facts(String proc, String libcudaError, int cuda, int init, int count) {
    return new NvidiaFacts(proc, libcudaError, cuda, init, count);
  }

  static void refused(GpuCheck.Verdict v, String english) {
    assertFalse(v.usable(), english);
    assertEquals(english, v.reason().english());
    String ja = v.reason().in(Locale.JAPANESE);
    assertTrue(BundleChecks.JAPANESE.matcher(ja).find(), ja);
  }

  @Test
  void noDriverAtAllIsSaidSo() {
    // This machine: no kernel module, no libcuda.so.1 (a CUDA toolkit's libcudart may still be installed).
    refused(GpuCheck.decide(facts(null, NOT_LOADED, -1, -1, -1)),
        "no NVIDIA driver found (no /proc/driver/nvidia/version, and libcuda.so.1 does not load)");
  }

  @Test
  void aDriverOlderThan55054IsTooOldForCuda124() {
    // The driver API answers: 535 supports CUDA 12.2.
    refused(GpuCheck.decide(facts(PROC_535, null, 12020, 0, 1)),
        "driver 535.104.05 too old for CUDA 12.4: it supports CUDA 12.2 (it needs 550.54 or newer: update the NVIDIA driver)");
    // The kernel module alone (its libcuda.so.1 gone): its number decides.
    refused(GpuCheck.decide(facts(PROC_535, NOT_LOADED, -1, -1, -1)),
        "driver 535.104.05 too old for CUDA 12.4 (it needs 550.54 or newer: update the NVIDIA driver)");
    refused(GpuCheck.decide(facts(PROC_550_40, NOT_LOADED, -1, -1, -1)),
        "driver 550.40.07 too old for CUDA 12.4 (it needs 550.54 or newer: update the NVIDIA driver)");
    // No version file (WSL 2 has none), libcuda answers CUDA 11.8.
    refused(GpuCheck.decide(facts(null, null, 11080, 0, 1)),
        "the NVIDIA driver is too old for CUDA 12.4: it supports CUDA 11.8 (it needs 550.54 or newer: update it)");
  }

  @Test
  void theDriverApiCountsBeforeTheKernelModulesNumber() {
    // A 535 kernel module with NVIDIA's forward-compatibility libcuda (cuda-compat-12-4) runs CUDA 12.4.
    GpuCheck.Verdict v = GpuCheck.decide(facts(PROC_535, null, 12040, 0, 2));
    assertTrue(v.usable(), v.reason().english());
    assertEquals("535.104.05", v.driver());
  }

  @Test
  void aNewEnoughDriverWithAGpuIsUsable() {
    GpuCheck.Verdict v = GpuCheck.decide(facts(PROC_550, null, 12040, 0, 1));
    assertTrue(v.usable());
    assertEquals("", v.reason().english());
    assertEquals("550.54.14", v.driver());
    assertTrue(GpuCheck.decide(facts(PROC_570, null, 12080, 0, 4)).usable());
    // No version file (WSL 2), libcuda new enough.
    assertTrue(GpuCheck.decide(facts(null, null, 12060, 0, 1)).usable());
  }

  @Test
  void aKernelModuleWithoutItsLibraryIsSaidSo() {
    refused(GpuCheck.decide(facts(PROC_570, NOT_LOADED, -1, -1, -1)),
        "the NVIDIA kernel driver 570.86.10 is loaded, but its CUDA library libcuda.so.1 does not load ("
            + NOT_LOADED + ")");
  }

  @Test
  void aDriverThatShowsNoGpuOrDoesNotStartIsSaidSo() {
    String noGpu = "the NVIDIA driver shows no GPU (check nvidia-smi and CUDA_VISIBLE_DEVICES)";
    refused(GpuCheck.decide(facts(PROC_550, null, 12040, 100, -1)), noGpu); // CUDA_VISIBLE_DEVICES=""
    refused(GpuCheck.decide(facts(PROC_550, null, 12040, 0, 0)), noGpu);
    refused(GpuCheck.decide(facts(PROC_550, null, 12040, 999, -1)),
        "CUDA does not start: cuInit returned 999 (CUDA_ERROR_UNKNOWN); nvidia-smi may say more");
    refused(GpuCheck.decide(facts(PROC_550, null, 12040, 12345, -1)),
        "CUDA does not start: cuInit returned 12345 (CUresult 12345); nvidia-smi may say more");
  }

  @Test
  void theDriverVersionIsReadFromTheNvrmLine() {
    assertEquals("535.104.05", GpuCheck.driverVersion(PROC_535));
    assertEquals("550.54.14", GpuCheck.driverVersion(PROC_550));
    assertEquals("", GpuCheck.driverVersion("NVRM version: something else\n"));
    assertEquals("", GpuCheck.driverVersion(null));
    assertTrue(GpuCheck.olderThanMinimum("550.40.07"));
    assertTrue(GpuCheck.olderThanMinimum("470.256.02"));
    assertFalse(GpuCheck.olderThanMinimum("550.54.14"));
    assertFalse(GpuCheck.olderThanMinimum("570.86.10"));
    assertEquals("12.4", GpuCheck.cudaString(12040));
    assertEquals("11.8", GpuCheck.cudaString(11080));
  }

  @Test
  void jnasLoadFailureIsCutToTheLoadersReason() {
    String line = "libcuda.so.1: " + NOT_LOADED;
    String jna = "Unable to load library 'libcuda.so.1':\n" + line + "\n" + line
        + "\nNative library (linux-x86-64/libcuda.so.1) not found in resource path (/a.jar:/b.jar)";
    assertEquals(NOT_LOADED, NvidiaFacts.firstReason(jna));
    assertEquals("not found", NvidiaFacts.firstReason(null));
  }

  @Test
  void thisMachinesFactsAreRead() {
    // Whatever this machine has: reading never throws, and the answer is consistent with itself.
    NvidiaFacts here = NvidiaFacts.read();
    GpuCheck.Verdict v = GpuCheck.decide(here);
    if (!here.libcudaLoaded()) {
      assertFalse(v.usable());
    }
  }
}
