package org.bertworkbench.core.device;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.natives.TorchNatives;
import org.bertworkbench.core.tensor.Engines;

/**
 * Asks DJL's PyTorch engine which GPUs it sees. When it sees none, finds out why: the CPU build of
 * the PyTorch natives on the classpath (the default build), the GPU build on its CPU natives (and
 * why {@link TorchNatives} chose them: no driver, a driver too old for CUDA 12.4, ...), or a driver
 * that shows DJL no GPU.
 */
final class DjlDeviceProbe implements DeviceProbe {

  /** The CUDA version the cuda profile's natives (pytorch-native-cu124) are built for, as DJL counts it. */
  static final int NEEDED_CUDA = 12040;

  private List<Gpu> gpus;
  private Message reason;

  @Override
  public synchronized List<Gpu> gpus() {
    probe();
    return gpus;
  }

  @Override
  public synchronized String unavailableReason() {
    probe();
    return reason.english();
  }

  @Override
  public synchronized Message unavailableMessage() {
    probe();
    return reason;
  }

  private void probe() {
    if (gpus != null) {
      return;
    }
    gpus = new ArrayList<>();
    reason = Message.verbatim("");
    int count = Engines.pytorch().getGpuCount();
    for (int i = 0; i < count; i++) {
      gpus.add(new Gpu(i, capability(i), memory(i)));
    }
    if (count > 0) {
      return;
    }
    TorchNatives.Choice choice = TorchNatives.prepare();
    String flavor = choice.bundle() != null ? choice.bundle().flavor() : nativeFlavor();
    if (choice.kind() == TorchNatives.Kind.CPU_FALLBACK) {
      reason = choice.why();
    } else if (flavor.equals("cpu")) {
      reason = Message.of(DjlDeviceProbe.class, "DjlDeviceProbe.cpuBuild");
    } else if (!hasCuda()) {
      reason = Message.of(DjlDeviceProbe.class, "DjlDeviceProbe.noDriver");
    } else if (cudaVersion() > 0 && cudaVersion() < NEEDED_CUDA) {
      reason = Message.of(DjlDeviceProbe.class, "DjlDeviceProbe.oldDriver", CudaUtils.getCudaVersionString());
    } else {
      reason = Message.of(DjlDeviceProbe.class, "DjlDeviceProbe.noGpu");
    }
  }

  /** "cpu", "cu124", ... from the natives jar's pytorch.properties; "unknown" if not found. */
  static String nativeFlavor() {
    try (InputStream in = DjlDeviceProbe.class.getResourceAsStream("/native/lib/pytorch.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("flavor", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static boolean hasCuda() {
    try {
      return CudaUtils.hasCuda();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  private static int cudaVersion() {
    try {
      return CudaUtils.getCudaVersion();
    } catch (RuntimeException | LinkageError e) {
      return -1;
    }
  }

  private static String capability(int id) {
    try {
      return CudaUtils.getComputeCapability(id);
    } catch (RuntimeException | LinkageError e) {
      return "";
    }
  }

  private static long memory(int id) {
    try {
      MemoryUsage m = CudaUtils.getGpuMemory(Device.gpu(id));
      return m.getMax();
    } catch (RuntimeException | LinkageError e) {
      return -1;
    }
  }
}
