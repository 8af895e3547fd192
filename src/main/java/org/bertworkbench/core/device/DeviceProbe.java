package org.bertworkbench.core.device;

import java.util.List;
import org.bertworkbench.core.job.Message;

/**
 * What the machine offers for computing: the GPUs the engine can use, and when there are none, why
 * (in a user's words, with what to do). The real probe asks DJL ({@link DjlDeviceProbe}); tests
 * give a fake one.
 */
public interface DeviceProbe {

  /**
   * One GPU.
   *
   * @param id the engine's index (gpu0 is 0)
   * @param computeCapability e.g. "8.6", or "" when unknown
   * @param memoryBytes total memory, or -1 when unknown
   */
  record Gpu(int id, String computeCapability, long memoryBytes) {

    /** The name a user types: {@code gpu0}, {@code gpu1}, ... */
    public String name() {
      return "gpu" + id;
    }

    /** Compute capability as a number (8.6), or 0 when unknown. */
    public double capability() {
      try {
        return computeCapability.isEmpty() ? 0 : Double.parseDouble(computeCapability);
      } catch (NumberFormatException e) {
        return 0;
      }
    }
  }

  /** The usable GPUs, by id; empty when none. */
  List<Gpu> gpus();

  /**
   * Why no GPU can be used, e.g. "no CUDA natives on the classpath (build with -Pcuda)"; empty when
   * {@link #gpus()} is not empty.
   */
  String unavailableReason();

  /**
   * {@link #unavailableReason()} as a message the window can say in its language; a probe whose
   * reasons are not ours to translate gives them as they are.
   */
  default Message unavailableMessage() {
    return Message.verbatim(unavailableReason());
  }

  /** The machine's real devices, through DJL's PyTorch engine. */
  static DeviceProbe system() {
    return new DjlDeviceProbe();
  }
}
