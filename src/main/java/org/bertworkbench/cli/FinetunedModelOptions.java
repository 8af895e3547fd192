package org.bertworkbench.cli;

import org.bertworkbench.core.checkpoint.CheckpointException;
import org.bertworkbench.core.device.DeviceProbe;
import org.bertworkbench.core.device.DeviceSelection;
import org.bertworkbench.core.finetune.FinetuneModel;
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

  FinetuneModel open() throws CheckpointException {
    return FinetuneModel.open(model, DeviceSelection.select(device, DeviceProbe.system()).main());
  }
}
