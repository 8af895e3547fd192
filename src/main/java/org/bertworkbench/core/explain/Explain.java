package org.bertworkbench.core.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.finetune.Batch;
import org.bertworkbench.core.finetune.EncodedInput;
import org.bertworkbench.core.finetune.FinetuneModel;
import org.bertworkbench.core.finetune.TaskKind;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.core.tokenize.Vocab;

/** Explains one input's prediction: the entry point the command line and the window use. */
public final class Explain {

  private Explain() {}

  /**
   * An attributor over a pretrained model's input: sentence A (and B), encoded as the model does,
   * cut to its maximum length. Close it.
   *
   * @param textB sentence B of a pair (for nsp), or the second text of a similarity target; may be null
   */
  public static Attributor attributor(LoadedBert model, String textA, String textB, Target target,
      ForwardOptions options) {
    return attributor(model, encode(model, textA, textB, target, Integer.MAX_VALUE), textB, target, options);
  }

  /**
   * The input as an attributor over it sees it: sentence A, and B unless the target is similarity
   * (B is then the other text), cut to {@code maxLength} and the model's own limit.
   */
  public static Encoding encode(LoadedBert model, String textA, String textB, Target target, int maxLength) {
    boolean pair = target.kind() != Target.Kind.SIMILARITY && textB != null && !textB.isBlank();
    return model.encode(textA, pair ? textB : null, Math.min(maxLength, model.model().config().maxPositionEmbeddings()));
  }

  /** An attributor over an input already encoded ({@link #encode}). Close it. */
  public static Attributor attributor(LoadedBert model, Encoding e, String textB, Target target,
      ForwardOptions options) {
    Objective objective = Objectives.of(model, e, target, textB, options);
    Vocab v = model.vocab();
    NDManager root = model.model().weights().manager();
    return new Attributor(model.model().bert(), root, e.inputIds(), e.tokenTypeIds(), v.padId(), v.clsId(),
        v.sepId(), v.maskId(), objective, options);
  }

  /** An attributor over a fine-tuned model's encoded input. Close it. */
  public static Attributor attributor(FinetuneModel model, EncodedInput input, Target target) {
    Vocab v = model.tokenizer().vocab();
    Objective objective = Objectives.of(model, input, target);
    return new Attributor(model.bert(), model.weights().manager(), input.inputIds(), input.tokenTypeIds(),
        v.padId(), v.clsId(), v.sepId(), v.maskId(), objective, ForwardOptions.INFERENCE);
  }

  /**
   * The target that explains what a fine-tuned model predicted for {@code input}: the top class;
   * the top tag at the first word's first piece (token 1); the top start position in the
   * paragraph (after the first [SEP]).
   */
  public static Target predictedTarget(FinetuneModel model, EncodedInput input) {
    try (NDManager scope = model.newScope()) {
      Batch batch = Batch.of(scope, List.of(input), model.tokenizer().vocab().padId());
      NDArray logits = model.logits(batch, false).get(0); // (C), (T, C) or (T, 2)
      TaskKind task = model.head().task();
      if (task.isClassification()) {
        return new Target(Target.Kind.CLASS, -1, (int) logits.argMax().getLong(), null);
      }
      if (task == TaskKind.TAG) {
        int p = Math.min(1, input.length() - 1);
        return new Target(Target.Kind.TAG, p, (int) logits.get(p).argMax().getLong(), null);
      }
      int firstSep = 0;
      int[] ids = input.inputIds();
      while (firstSep < ids.length - 1 && ids[firstSep] != model.tokenizer().vocab().sepId()) {
        firstSep++;
      }
      float[] start = logits.get(":, 0").toFloatArray();
      int best = Math.min(firstSep + 1, ids.length - 1);
      for (int t = best; t < ids.length - 1; t++) {
        best = start[t] > start[best] ? t : best;
      }
      return new Target(Target.Kind.START, best, -1, null);
    }
  }

  /** {@code method} on an attributor's input, with its tokens and f. */
  public static Explanation explain(String model, List<String> tokens, Attributor a, Method method, int steps,
      Progress progress) {
    return new Explanation(model, tokens, a.explained(), a.f(), a.fBaseline(), a.run(method, steps, progress));
  }

  /** Every method on one input, in {@link Method}'s order. */
  public static Map<Method, Attribution> all(Attributor a, int steps, Progress progress) {
    Map<Method, Attribution> out = new LinkedHashMap<>();
    List<Method> methods = new ArrayList<>(List.of(Method.values()));
    for (int i = 0; i < methods.size(); i++) {
      Method m = methods.get(i);
      int index = i;
      out.put(m, a.run(m, steps, progress.part(index / (double) methods.size(),
          (index + 1) / (double) methods.size())));
    }
    return out;
  }
}
