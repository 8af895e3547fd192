package org.bertworkbench.core.pretrain;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.tokenize.Vocab;

/** A batch turned into what people read: the live {@link BatchView} and batches.jsonl rows. */
final class BatchRecords {

  private BatchRecords() {}

  /** The batch with the model's guesses ({@code outcome} is in batch, then position, order). */
  static BatchView view(long step, List<TrainingInstance> batch, StepOutcome outcome, Vocab vocab) {
    List<BatchView.Instance> instances = new ArrayList<>(batch.size());
    int k = 0;
    for (int i = 0; i < batch.size(); i++) {
      TrainingInstance in = batch.get(i);
      List<BatchView.Position> positions = new ArrayList<>(in.length());
      for (int j = 0; j < in.length(); j++) {
        MaskDecision d = in.decisions()[j];
        String guess = null;
        double p = 0;
        if (d != MaskDecision.NONE) {
          guess = vocab.token((int) outcome.guesses()[k]);
          p = outcome.guessProbabilities()[k++];
        }
        positions.add(new BatchView.Position(vocab.token(in.tokens()[j]), vocab.token(in.original()[j]), d, guess, p));
      }
      instances.add(new BatchView.Instance(positions, lengthA(in), in.isNext(), outcome.isNextProbabilities()[i]));
    }
    return new BatchView(step, instances);
  }

  /**
   * The batch as the sampler drew it, before any model saw it: no guesses (null, probability NaN)
   * and no next-sentence judgement (NaN). Step 0: it belongs to no training step.
   */
  static BatchView sampled(List<TrainingInstance> batch, Vocab vocab) {
    List<BatchView.Instance> instances = new ArrayList<>(batch.size());
    for (TrainingInstance in : batch) {
      List<BatchView.Position> positions = new ArrayList<>(in.length());
      for (int j = 0; j < in.length(); j++) {
        positions.add(new BatchView.Position(vocab.token(in.tokens()[j]), vocab.token(in.original()[j]),
            in.decisions()[j], null, Double.NaN));
      }
      instances.add(new BatchView.Instance(positions, lengthA(in), in.isNext(), Double.NaN));
    }
    return new BatchView(0, instances);
  }

  /** One batches.jsonl row per instance: step, tokens, original, decisions, is_next. */
  static List<String> dumpRows(long step, List<TrainingInstance> batch, Vocab vocab) {
    List<String> rows = new ArrayList<>(batch.size());
    for (TrainingInstance in : batch) {
      JsonObject o = new JsonObject();
      o.addProperty("step", step);
      o.add("tokens", tokens(in.tokens(), vocab));
      o.add("original", tokens(in.original(), vocab));
      JsonArray decisions = new JsonArray();
      for (MaskDecision d : in.decisions()) {
        decisions.add(d.jsonName());
      }
      o.add("decisions", decisions);
      o.addProperty("is_next", in.isNext());
      rows.add(o.toString());
    }
    return rows;
  }

  private static JsonArray tokens(int[] ids, Vocab vocab) {
    JsonArray a = new JsonArray();
    for (int id : ids) {
      a.add(vocab.token(id));
    }
    return a;
  }

  static int lengthA(TrainingInstance in) {
    int n = 0;
    while (n < in.length() && in.segmentIds()[n] == 0) {
      n++;
    }
    return n;
  }
}
