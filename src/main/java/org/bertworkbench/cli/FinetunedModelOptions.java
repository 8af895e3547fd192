package org.bertworkbench.cli;

import org.bertworkbench.core.checkpoint.CheckpointException;
import org.bertworkbench.core.device.DeviceProbe;
import org.bertworkbench.core.device.DeviceSelection;
import org.bertworkbench.core.finetune.FinetuneModel;
import org.bertworkbench.core.finetune.Predictor;
import picocli.CommandLine.Option;

/** The fine-tuned model a command reads, and where it runs. */
final class FinetunedModelOptions {

  @Option(names = "--model", required = true, paramLabel = "PATH",
      description = "a fine-tuned model folder (RUN_DIR/model, or one saved by Python's transformers)")
  String model;

  @Option(names = "--device", defaultValue = "cpu", description = "cpu or gpuN (default: ${DEFAULT-VALUE})")
  String device;

  @Option(names = "--json", description = "print JSON")
  boolean json;

  @Option(names = "--batch-size", defaultValue = "" + Predictor.BATCH,
      description = "rows per forward pass, shortest first; results do not depend on it (default: ${DEFAULT-VALUE})")
  int batchSize;

  @Option(names = "--precision", defaultValue = "float32", paramLabel = "TYPE", description = ModelOptions.PRECISION_HELP)
  String precision;

  @Option(names = "--progress", description = "show progress on standard error (shown anyway in a terminal)")
  boolean progress;

  /** A predictor over the model with --batch-size. */
  Predictor predictor(FinetuneModel m) {
    return new Predictor(m, batchSize);
  }

  FinetuneModel open() throws CheckpointException {
    if (batchSize < 1) {
      throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
    }
    FinetuneModel opened = FinetuneModel.open(model, DeviceSelection.select(device, DeviceProbe.system()).main());
    try {
      ModelOptions.applyPrecision(precision, opened.bert());
      return opened;
    } catch (RuntimeException e) {
      opened.close();
      throw e;
    }
  }
}
