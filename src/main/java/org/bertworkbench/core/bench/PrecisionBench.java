package org.bertworkbench.core.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.bertworkbench.core.checkpoint.Checkpoint;
import org.bertworkbench.core.model.BertForPreTraining;
import org.bertworkbench.core.model.BertInput;
import org.bertworkbench.core.model.BertModel;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.model.WeightOptions;

/**
 * A model in a lower precision next to the same checkpoint in float32: the largest difference of
 * any attention probability and any hidden state over one traced pass, and the time of each.
 *
 * <p>float16 runs on the blocks. bfloat16 cannot be an array of DJL 0.33 (its native layer maps no
 * DJL type to torch's bfloat16, docs/decisions/0010), so it runs inside the packed encoder, which
 * keeps its bfloat16 tensors to itself and returns float32 (docs/decisions/0011).
 */
public final class PrecisionBench {

  /**
   * @param type the lower precision's name
   * @param tokens the input length
   * @param maxAttentionDiff largest |p16 - p32| over all layers' attention probabilities
   * @param maxHiddenDiff largest |h16 - h32| over all hidden states (embeddings' output and every layer)
   * @param maxHiddenAbs largest |h32|, the scale {@code maxHiddenDiff} is to be read against
   * @param float32Ms median milliseconds of a traced float32 pass
   * @param lowMs median milliseconds of the same pass in the lower precision
   */
  public record Result(String type, int tokens, double maxAttentionDiff, double maxHiddenDiff,
      double maxHiddenAbs, double float32Ms, double lowMs) {}

  private PrecisionBench() {}

  /** float16 against float32 on {@code checkpoint}'s weights, one random batch-1 input of {@code tokens}. */
  public static Result float16(Checkpoint checkpoint, Device device, int tokens, int runs) {
    try (BertForPreTraining full = BertForPreTraining.fromTensors(checkpoint.tensors(), checkpoint.config(), device);
        BertForPreTraining half = BertForPreTraining.fromTensors(checkpoint.tensors(), checkpoint.config(), device,
            WeightOptions.readOnly().computingIn(DataType.FLOAT16))) {
      ForwardBench.Batch batch = ForwardBench.Batch.random(checkpoint.config().vocabSize(), 1, tokens);
      double[] error = errors(full, half, batch);
      double[] ms = ForwardBench.interleavedMedians(List.of(ForwardBench.ours(full, batch, ForwardOptions.TRACE),
          ForwardBench.ours(half, batch, ForwardOptions.TRACE)), 1, runs);
      return new Result("float16", tokens, error[0], error[1], error[2], ms[0], ms[1]);
    }
  }

  /**
   * bfloat16 packed passes against float32 packed passes of {@code checkpoint}: the error over one
   * traced batch-1 pass of {@code tokens}, the times of untraced passes of {@code rows} such inputs
   * (what a corpus job runs).
   *
   * @throws org.bertworkbench.core.job.BadInputException when this CPU has no bfloat16 arithmetic
   */
  public static Result bfloat16(Checkpoint checkpoint, Device device, int tokens, int rows, int runs) {
    try (BertForPreTraining full = BertForPreTraining.fromTensors(checkpoint.tensors(), checkpoint.config(), device);
        BertForPreTraining low = BertForPreTraining.fromTensors(checkpoint.tensors(), checkpoint.config(), device)) {
      low.bert().computeInBfloat16(true);
      double[] error = errors(full, low, ForwardBench.Batch.random(checkpoint.config().vocabSize(), 1, tokens));
      ForwardBench.Batch batch = ForwardBench.Batch.random(checkpoint.config().vocabSize(), rows, tokens);
      double[] ms = ForwardBench.interleavedMedians(List.of(ForwardBench.ours(full, batch, ForwardOptions.INFERENCE),
          ForwardBench.ours(low, batch, ForwardOptions.INFERENCE)), 1, runs);
      return new Result("bfloat16", tokens, error[0], error[1], error[2], ms[0], ms[1]);
    }
  }

  /** Largest attention and hidden-state differences of one traced pass, and the largest |h| of float32. */
  private static double[] errors(BertForPreTraining full, BertForPreTraining low, ForwardBench.Batch batch) {
    try (NDManager a = full.newScope(); NDManager b = low.newScope()) {
      BertModel.Output wide = full.forward(input(a, batch), ForwardOptions.TRACE);
      BertModel.Output narrow = low.forward(input(b, batch), ForwardOptions.TRACE);
      double scale = 0;
      for (NDArray h : wide.trace().hiddenStates()) {
        scale = Math.max(scale, h.abs().max().getFloat());
      }
      return new double[] {maxDiff(wide.trace().attentions(), narrow.trace().attentions()),
          maxDiff(wide.trace().hiddenStates(), narrow.trace().hiddenStates()), scale};
    }
  }

  private static BertInput input(NDManager scope, ForwardBench.Batch batch) {
    return BertInput.of(scope, batch.ids()[0], batch.types()[0], batch.mask()[0]);
  }

  private static double maxDiff(List<NDArray> full, List<NDArray> low) {
    double max = 0;
    for (int i = 0; i < full.size(); i++) {
      NDArray wide = low.get(i).toType(DataType.FLOAT32, false);
      max = Math.max(max, wide.sub(full.get(i)).abs().max().getFloat());
    }
    return max;
  }
}
