package org.bertworkbench.core.tensor;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import org.bertworkbench.core.natives.TorchNatives;

/**
 * The one door to the deep-learning engine. It forces DJL's offline mode before DJL starts, so that
 * no call ever leaves the machine (DJL otherwise asks a cloud metadata address on start-up), and
 * has the natives chosen first.
 */
public final class Engines {

  private Engines() {}

  /** Sets DJL's offline switches. Call before anything touches DJL; safe to call many times. */
  public static void forceOffline() {
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("OPT_OUT_TRACKING", "true");
    // DJL reads this variable name as a system property too.
    System.setProperty("DJL_OFFLINE", "true");
  }

  /**
   * The PyTorch engine, started offline, on the natives {@link TorchNatives} chose (the GPU build's
   * CPU natives when no GPU can be used).
   *
   * @throws org.bertworkbench.core.natives.NativesException when no natives fit this machine
   */
  public static Engine pytorch() {
    forceOffline();
    TorchNatives.prepare();
    return Engine.getEngine("PyTorch");
  }

  /**
   * Switches autograd recording off on the calling thread. PyTorch keeps this switch per thread and
   * starts it on; DJL turns it off only on the thread that first starts the engine, and a
   * GradientCollector restores whatever the thread had. Work that updates weights in place (an
   * optimiser step) must call this first, on its own thread.
   */
  public static void disableGradientRecording() {
    pytorch();
    ai.djl.pytorch.jni.JniUtils.setGradMode(false);
  }

  /** Sets the gradient PyTorch keeps for {@code parameter} to zero, in place (no-op if it has none). */
  public static void zeroGradient(ai.djl.ndarray.NDArray parameter) {
    ai.djl.pytorch.jni.JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) parameter);
  }

  /**
   * Sets the engine's intra-op threads for the whole process. One thread can be much faster for a
   * small model, or on a machine whose cores are busy with other work (threads that wait for each
   * other at every operation then waste most of their time).
   */
  public static void setThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    pytorch();
    ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
  }

  /** The engine's intra-op threads (libtorch's {@code get_num_threads}). */
  public static int threads() {
    pytorch();
    return ai.djl.pytorch.jni.JniUtils.getNumThreads();
  }

  /** A new root manager on the given device; the caller closes it. */
  public static NDManager newManager(Device device) {
    return pytorch().newBaseManager(device);
  }
}
