package org.bertworkbench.gui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.natives.TorchNatives;
import org.bertworkbench.gui.text.Language;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The status line says why the GPU build runs on the CPU, beside the device, in the window's
 * language; the CPU build says nothing more than "CPU". The note is the one {@link TorchNatives}
 * gives (here as the GPU build on this machine would: no driver, then a driver too old).
 */
class NoGpuStatusTest {

  @AfterEach
  void english() {
    Language.use(Language.EN);
  }

  static Message noGpu(String key, Object... args) {
    return Message.of(TorchNatives.class, "TorchNatives.noGpuUsed",
        Message.of(org.bertworkbench.core.natives.GpuCheck.class, key, args));
  }

  @Test
  void theStatusLineSaysWhyNoGpuIsUsed() throws Exception {
    try (LoadedBert tiny = TinyModel.open()) {
      String plain = WorkbenchViewModel.describe(tiny, Optional.empty());
      assertTrue(plain.endsWith("  ·  CPU"), plain);
      // This machine in the CPU build: nothing chosen to explain.
      assertEquals(plain, WorkbenchViewModel.describe(tiny));

      String why = WorkbenchViewModel.describe(tiny, Optional.of(noGpu("GpuCheck.noDriver")));
      assertEquals(plain + " (no GPU used: no NVIDIA driver found (no /proc/driver/nvidia/version, and libcuda.so.1 "
          + "does not load); running on the CPU natives)", why);

      Language.use(Language.JA);
      String ja = WorkbenchViewModel.describe(tiny, Optional.of(noGpu("GpuCheck.oldDriver", "535.104.05", "550.54")));
      assertTrue(ja.endsWith("CPU（GPU は使いません：ドライバ 535.104.05 は CUDA 12.4 には古すぎます（550.54 以降が必要です："
          + "NVIDIA のドライバを更新してください）。CPU 用のネイティブライブラリで動きます）"), ja);
    }
  }
}
