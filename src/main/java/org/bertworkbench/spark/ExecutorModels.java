package org.bertworkbench.spark;

import ai.djl.Device;
import java.util.HashMap;
import java.util.Map;
import org.bertworkbench.core.checkpoint.CheckpointException;
import org.bertworkbench.core.finetune.FinetuneModel;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.tensor.Engines;

/**
 * The models of this JVM, each loaded once: an executor runs many tasks (partitions), in turn and at
 * once, and they share one model (inference only reads the weights). The first use starts the
 * PyTorch engine offline, which unpacks its natives once per machine (DJL's cache); each task's
 * thread then switches off gradient recording for itself ({@link #forTask}). In local mode the
 * executors are the driver's JVM, so the driver's check and the tasks share one copy too.
 */
final class ExecutorModels {

  private static final Map<String, LoadedBert> BASE = new HashMap<>();
  private static final Map<String, FinetuneModel> FINETUNED = new HashMap<>();

  private ExecutorModels() {}

  /** The base model at {@code ref}, loaded on first use. */
  static synchronized LoadedBert base(ModelRef ref) throws CheckpointException {
    String at = ref.location();
    LoadedBert m = BASE.get(at);
    if (m == null) {
      Engines.forceOffline();
      m = LoadedBert.open(at, Device.cpu(), Progress.NONE);
      BASE.put(at, m);
    }
    return m;
  }

  /** The fine-tuned model at {@code ref}, loaded on first use. */
  static synchronized FinetuneModel finetuned(ModelRef ref) throws CheckpointException {
    String at = ref.location();
    FinetuneModel m = FINETUNED.get(at);
    if (m == null) {
      Engines.forceOffline();
      m = FinetuneModel.open(at, Device.cpu());
      FINETUNED.put(at, m);
    }
    return m;
  }

  /**
   * Readies the calling task thread: PyTorch keeps gradient recording per thread and starts it on,
   * and a Spark task runs on a thread of Spark's pool, not the one that started the engine.
   */
  static void forTask() {
    Engines.disableGradientRecording();
  }

  /** Closes every model of this JVM (the driver, at the end of a local job). */
  static synchronized void closeAll() {
    BASE.values().forEach(LoadedBert::close);
    FINETUNED.values().forEach(FinetuneModel::close);
    BASE.clear();
    FINETUNED.clear();
  }
}
