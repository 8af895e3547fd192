package org.bertworkbench.gui.finetune;

import java.util.List;
import org.bertworkbench.core.device.DeviceProbe;

/** A machine as the tests want it: no GPU (with the CPU build's reason), or some GPUs. */
record FakeProbe(List<DeviceProbe.Gpu> gpus, String unavailableReason) implements DeviceProbe {

  static FakeProbe cpuOnly() {
    return new FakeProbe(List.of(), "no CUDA natives on the classpath: this is the CPU build (build with mvn -Pcuda package)");
  }

  static FakeProbe twoGpus() {
    return new FakeProbe(List.of(new Gpu(0, "8.6", 24_000_000_000L), new Gpu(1, "8.6", 24_000_000_000L)), "");
  }
}
