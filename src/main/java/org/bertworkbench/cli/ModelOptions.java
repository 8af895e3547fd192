package org.bertworkbench.cli;

import org.bertworkbench.core.device.DeviceSelection;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.BertModel;
import org.bertworkbench.core.tensor.Engines;
import picocli.CommandLine.Option;

/** Head masking and the precision, shared by the commands that run the model. */
final class ModelOptions {

  static final String PRECISION_HELP = "float32 (default), or bfloat16 on a CPU that has it (AVX512_BF16 or AMX): "
      + "faster corpus jobs, not float32-exact (bench --low-precision measures the difference)";

  @Option(names = "--precision", defaultValue = "float32", paramLabel = "TYPE", description = PRECISION_HELP)
  String precision;

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

  /** Applies --precision to {@code bert}. */
  void applyPrecision(BertModel bert) {
    applyPrecision(precision, bert);
  }

  /**
   * Makes {@code bert}'s inference passes compute in {@code precision}: float32 or bfloat16.
   *
   * @throws IllegalArgumentException for another name
   * @throws org.bertworkbench.core.job.BadInputException when this CPU has no bfloat16
   */
  static void applyPrecision(String precision, BertModel bert) {
    switch (precision.toLowerCase(java.util.Locale.ROOT)) {
      case "float32" -> bert.computeInBfloat16(false);
      case "bfloat16" -> bert.computeInBfloat16(true);
      default -> throw new IllegalArgumentException("--precision takes float32 or bfloat16, not " + precision);
    }
  }
}
