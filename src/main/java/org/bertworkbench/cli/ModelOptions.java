package org.bertworkbench.cli;

import org.bertworkbench.core.device.DeviceSelection;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.tensor.Engines;
import picocli.CommandLine.Option;

/** Head masking, shared by the commands that run the model. */
final class ModelOptions {

  @Option(names = "--mask-heads", paramLabel = "L:H,...",
      description = "switch heads off, e.g. 0:3,11:0 (layer:head, counted from 0)")
  String maskHeads;

  /** The [layer][head] mask for this model, or null when no head is masked. */
  float[][] headMask(LoadedBert loaded) {
    if (maskHeads == null || maskHeads.isBlank()) {
      return null;
    }
    int layers = loaded.model().config().numHiddenLayers();
    int heads = loaded.model().config().numAttentionHeads();
    float[][] mask = new float[layers][heads];
    for (float[] row : mask) {
      java.util.Arrays.fill(row, 1f);
    }
    for (String item : maskHeads.split(",")) {
      String[] lh = item.trim().split(":");
      try {
        int l = Integer.parseInt(lh[0].trim());
        int h = Integer.parseInt(lh[1].trim());
        if (l < 0 || l >= layers || h < 0 || h >= heads) {
          throw new IllegalArgumentException("--mask-heads " + item.trim() + ": the model has layers 0-"
              + (layers - 1) + " and heads 0-" + (heads - 1));
        }
        mask[l][h] = 0f;
      } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
        throw new IllegalArgumentException("--mask-heads takes layer:head pairs like 0:3,11:0, got \"" + item + "\"");
      }
    }
    return mask;
  }

  static LoadedBert load(InputOptions options) throws Exception {
    return LoadedBert.open(options.model, DeviceSelection.device(options.device), Progress.NONE);
  }
}
